from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    name = "logbook"
    verbose_name = _("Logbook")

    def ready(self):
        from slf.registry import (
            register_demo_seeder,
            register_meeting_section,
            register_my_page_panel,
            register_nav_item,
        )

        from . import demo
        from .meeting_section import followup_context
        from .panels import my_agreements_context

        register_nav_item("logbook", _("Logbook"), "logbook:index", order=30)
        register_my_page_panel("agreements", "logbook/_my_agreements.html", my_agreements_context, order=20)
        register_demo_seeder("logbook", demo.seed, order=40)
        register_meeting_section("followup", "logbook/_meeting_followup.html", followup_context, order=10)
