from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangeagentsConfig(AppConfig):
    """Change agents and their projects with fortnightly sparring (Billund)."""

    name = "changeagents"
    verbose_name = _("Change agents")
