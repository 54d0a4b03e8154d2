from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from slf.registry import register_busy_times, register_demo_seeder, register_nav_item

        from . import busy, demo, drafts

        drafts.register()
        register_nav_item("meetings", _("Meetings"), "meetings:index", order=20)
        register_demo_seeder("meetings", demo.seed, order=20)
        register_demo_seeder("meetings-today", demo.seed_today, order=45)  # after the logbook's entries
        register_busy_times("meetings", busy.meeting_times)  # the visits' free slots leave meetings out
