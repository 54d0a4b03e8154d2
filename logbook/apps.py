from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    name = "logbook"
    verbose_name = _("Logbook")

    def ready(self):
        from slf.registry import register_demo_seeder, register_meeting_section, register_nav_item

        from . import demo, drafts
        from .meeting_section import followup_context

        drafts.register()

        register_nav_item("logbook", _("Logbook"), "logbook:index", order=30)
        register_demo_seeder("logbook", demo.seed, order=40)
        register_meeting_section("followup", "logbook/_meeting_followup.html", followup_context, order=10)
