from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CafeConfig(AppConfig):
    """Open café meetings across the municipality (Billund): registration, waiting list, topic suggestions, material."""

    name = "cafe"
    verbose_name = _("Café meetings")

    def ready(self):
        from programmes.models import ProgrammeKind
        from programmes.registry import register_kind
        from slf.registry import register_demo_seeder

        from . import demo
        from .figures import cafe_figures

        register_kind(ProgrammeKind.CAFE, url_name="cafe:programme", figures=cafe_figures)
        register_demo_seeder("cafe", demo.seed, order=98)
