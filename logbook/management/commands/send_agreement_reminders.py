"""E-mail responsible people about agreements due soon and overdue. Safe to run from cron as often as you like.

    uv run manage.py send_agreement_reminders [--days 7]

Each person gets at most one "due soon" and one "overdue" e-mail per agreement
and due date (a moved due date counts as new), and only if they want reminders.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from logbook.models import Entry, Reminder, ReminderKind
from slf import mail


class Command(BaseCommand):
    help = "Send reminders about agreements due within N days and about overdue ones (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Remind this many days before the due date.")

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        agreements = (
            Entry.objects.open_agreements()
            .filter(due_date__lte=today + timedelta(days=days))
            .select_related("office")
            .prefetch_related("responsible")
        )
        sent = 0
        for entry in agreements:
            kind = ReminderKind.OVERDUE if entry.due_date < today else ReminderKind.DUE_SOON
            for person in entry.responsible.all():
                if not person.email_reminders or not person.is_active:
                    continue
                try:
                    with transaction.atomic():
                        Reminder.objects.create(entry=entry, person=person, kind=kind, due_date=entry.due_date)
                        with translation.override(person.preferred_language):
                            context = {"entry": entry, "person": person, "kind": kind, "site_url": settings.SITE_URL}
                            subject = render_to_string("logbook/email/reminder_subject.txt", context).strip()
                            body = render_to_string("logbook/email/reminder_body.txt", context)
                        # Sent inside the reminder's transaction: a failed send is tried again on the next run.
                        mail.message(subject, body, [person.email]).send()
                        sent += 1
                except IntegrityError:
                    continue  # already reminded about this state
        self.stdout.write(f"{sent} reminder(s) sent.")
