from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforceConfig(AppConfig):
    """The task force and the decentral units (Budget og Regnskab).

    Initiatives, the monthly meeting with the administrative leaders, tasks brought home."""

    name = "taskforce"
    verbose_name = _("Task force")
