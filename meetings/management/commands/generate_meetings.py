"""Create the coming months' meetings of every series, by hand (idempotent; the task queue runs it daily)."""

from django.core.management.base import BaseCommand

from meetings import rhythm


class Command(BaseCommand):
    help = "Create the meetings of the coming months for every series. Safe to run as often as you like."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=rhythm.MONTHS_AHEAD, help="How far ahead (default 6).")

    def handle(self, *args, months, **options):
        made = rhythm.generate_all(months=months)
        self.stdout.write(f"{made} meeting(s) created.")
