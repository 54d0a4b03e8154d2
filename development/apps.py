from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    """Competence development for administrative staff (KAMBU): clarifications, offers and cohorts, job rotation."""

    name = "development"
    verbose_name = _("Competence development")
