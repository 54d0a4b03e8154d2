from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("Organisation")

    def ready(self):
        from slf.registry import register_nav_item

        register_nav_item("offices", _("Offices"), "offices:office-list", order=90)
