from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BootcampsConfig(AppConfig):
    """Leadership bootcamps across the organisation (Kalundborg's "Ledelse sammen").

    Days, groups, barriers, journey maps and initiatives."""

    name = "bootcamps"
    verbose_name = _("Leadership bootcamps")
