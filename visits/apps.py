from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Practice visits")

    def ready(self):
        from slf.registry import (
            register_calendar_source,
            register_demo_seeder,
            register_my_page_panel,
            register_nav_item,
        )

        from . import demo, services
        from .panels import my_visits_context

        register_nav_item("visits", _("Visits"), "visits:index", order=40)
        register_my_page_panel("visits", "visits/_my_visits.html", my_visits_context, order=30)
        register_calendar_source("visits", services.events_for)
        register_demo_seeder("visits", demo.seed, order=60)
