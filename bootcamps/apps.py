from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BootcampsConfig(AppConfig):
    """Leadership bootcamps across the organisation (Kalundborg's "Ledelse sammen").

    Days, groups, barriers, journey maps and initiatives."""

    name = "bootcamps"
    verbose_name = _("Leadership bootcamps")

    def ready(self):
        from programmes.models import ProgrammeKind
        from programmes.registry import register_kind
        from slf.registry import register_demo_seeder

        from . import demo, drafts
        from .figures import bootcamp_figures

        register_kind(ProgrammeKind.BOOTCAMP, url_name="bootcamps:programme", figures=bootcamp_figures)
        register_demo_seeder("bootcamps", demo.seed, order=95)
        drafts.register()  # a day's agenda keeps a draft

        from . import work_drafts  # the groups' work: the problem keeps a draft

        work_drafts.register()
