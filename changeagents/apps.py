from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeagentsConfig(AppConfig):
    """Change agents and their projects with fortnightly sparring (Billund)."""

    name = "changeagents"
    verbose_name = _("Change agents")

    def ready(self):
        from programmes.models import ProgrammeKind
        from programmes.registry import register_kind
        from slf.registry import register_demo_seeder, register_meeting_section

        from . import demo, drafts
        from .figures import change_agent_figures
        from .meeting_section import presentations_context

        drafts.register()
        register_kind(ProgrammeKind.CHANGE_AGENTS, url_name="changeagents:programme", figures=change_agent_figures)
        register_meeting_section(
            "change_agents", "changeagents/_meeting_presentations.html", presentations_context, order=30
        )
        register_demo_seeder("changeagents", demo.seed, order=99)
