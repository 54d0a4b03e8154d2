from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CafeConfig(AppConfig):
    """Open café meetings across the municipality (Billund): registration, waiting list, topic suggestions, material."""

    name = "cafe"
    verbose_name = _("Café meetings")
