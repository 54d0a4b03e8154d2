from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    """Competence development for administrative staff (KAMBU): clarifications, offers and cohorts, job rotation."""

    name = "development"
    verbose_name = _("Competence development")

    def ready(self):
        from programmes.models import ProgrammeKind
        from programmes.registry import register_kind
        from slf.registry import register_demo_seeder

        from . import demo, drafts
        from .figures import development_figures

        drafts.register()
        register_kind(ProgrammeKind.COMPETENCE, url_name="development:programme", figures=development_figures)
        register_demo_seeder("development", demo.seed, order=97)
