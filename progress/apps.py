from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Progress")

    def ready(self):
        from slf.registry import register_demo_seeder, register_nav_item

        from . import demo

        register_nav_item("progress", _("Progress"), "progress:index", order=60)
        register_demo_seeder("progress", demo.seed, order=90)
