"""Create the coming months' meetings of every series (idempotent; run daily from cron)."""

from django.core.management.base import BaseCommand

from meetings import rhythm
from meetings.models import MeetingSeries


class Command(BaseCommand):
    help = "Create the meetings of the coming months for every series. Safe to run as often as you like."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=rhythm.MONTHS_AHEAD, help="How far ahead (default 6).")

    def handle(self, *args, months, **options):
        made = sum(rhythm.generate(series, months=months) for series in MeetingSeries.objects.all())
        self.stdout.write(f"{made} meeting(s) created.")
