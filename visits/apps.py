from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Practice visits")

    def ready(self):
        from slf.registry import register_demo_seeder, register_nav_item

        from . import demo

        register_nav_item("visits", _("Visits"), "visits:index", order=40)
        register_demo_seeder("visits", demo.seed, order=60)
