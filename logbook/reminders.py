"""Reminders to responsible people about agreements due soon and overdue (daily by the queue, or by hand).

Each person gets at most one "due soon" and one "overdue" e-mail per agreement and due date (a moved due
date counts as new; table ``logbook_reminder``), and only if they want reminders. The Reminder row and the
queued mail share one transaction: a reminder is recorded if and only if its mail is queued.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications import outbox
from notifications.choices import Channel, Kind, channel

from .models import Entry, Reminder, ReminderKind

DAYS_AHEAD = 7


def send_reminders(days: int = DAYS_AHEAD, today=None) -> int:
    """Queue the reminders due today about agreements due within ``days``. Returns how many were queued."""
    today = today or timezone.localdate()
    agreements = (
        Entry.objects.open_agreements()
        .filter(due_date__lte=today + timedelta(days=days))
        .select_related("office")
        .prefetch_related("responsible")
    )
    queued = 0
    for entry in agreements:
        kind = ReminderKind.OVERDUE if entry.due_date < today else ReminderKind.DUE_SOON
        for person in entry.responsible.all():
            if channel(person, Kind.REMINDER) == Channel.NEVER:
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(entry=entry, person=person, kind=kind, due_date=entry.due_date)
                    context = {"entry": entry, "kind": kind}
                    queued += len(outbox.send(Kind.REMINDER, [person], "logbook/email/reminder", context, about=entry))
            except IntegrityError:
                continue  # already reminded about this state
    return queued
