from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from slf.registry import (
            register_calendar_source,
            register_demo_seeder,
            register_my_page_panel,
            register_nav_item,
        )

        from . import calendar, demo
        from .panels import my_meetings_context

        register_nav_item("meetings", _("Meetings"), "meetings:index", order=20)
        register_my_page_panel("meetings", "meetings/_my_meetings.html", my_meetings_context, order=10)
        register_calendar_source("meetings", calendar.events_for)
        register_demo_seeder("meetings", demo.seed, order=20)
