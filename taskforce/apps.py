from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforceConfig(AppConfig):
    """The task force and the decentral units (Budget og Regnskab).

    Initiatives, the monthly meeting with the administrative leaders, tasks brought home."""

    name = "taskforce"
    verbose_name = _("Task force")

    def ready(self):
        from programmes.models import ProgrammeKind
        from programmes.registry import register_kind
        from slf.registry import register_demo_seeder, register_meeting_section

        from . import demo, meeting_section
        from .figures import taskforce_figures

        register_kind(ProgrammeKind.TASK_FORCE, url_name="taskforce:programme", figures=taskforce_figures)
        register_meeting_section("taskforce", "taskforce/_meeting_section.html", meeting_section.get_context, order=20)
        register_demo_seeder("taskforce", demo.seed, order=96)
