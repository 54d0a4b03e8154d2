"""Queue reminders about agreements due soon and overdue, by hand (the queue runs this daily). Idempotent.

    uv run manage.py send_agreement_reminders [--days 7]

Each person gets at most one "due soon" and one "overdue" e-mail per agreement and due date (a moved due
date counts as new), and only if they want reminders (logbook/reminders.py).
"""

from django.core.management.base import BaseCommand

from logbook.reminders import DAYS_AHEAD, send_reminders


class Command(BaseCommand):
    help = "Queue reminders about agreements due within N days and about overdue ones (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DAYS_AHEAD, help="Remind this many days before the due date.")

    def handle(self, *args, days, **options):
        self.stdout.write(f"{send_reminders(days)} reminder(s) queued.")
