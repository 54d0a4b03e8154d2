"""Which e-mails a person wants: per kind at once, in a daily or weekly digest, or not at all.

``channel(person, kind)`` and ``channels(people, kind)`` are asked by ``outbox.send`` for everyone; nothing
else decides. A person's choices are ``NotificationChoice`` rows; a kind without a row takes ``DEFAULTS``
(the seeds warn against over-informing: what needs doing or goes in the calendar comes at once, minutes –
read, not acted on – in the daily digest). The digest itself always comes at once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    AGENDA = "agenda", _("agenda")
    MINUTES = "minutes", _("minutes")
    REMINDER = "reminder", _("reminder")
    VISIT = "visit", _("practice visit")
    QUESTION = "question", _("question")
    DIGEST = "digest", _("digest")


class Channel(models.TextChoices):
    NOW = "now", _("at once")
    DAILY = "daily", _("in a daily digest")
    WEEKLY = "weekly", _("in a weekly digest")
    NEVER = "never", _("not at all")


#: The kinds people choose for (the digest itself is not one of them).
CHOSEN = [Kind.AGENDA, Kind.MINUTES, Kind.REMINDER, Kind.VISIT, Kind.QUESTION]
DIGESTS = (Channel.DAILY, Channel.WEEKLY)

DEFAULTS = {
    Kind.AGENDA: Channel.NOW,  # needed before the meeting, with its calendar invitation
    Kind.MINUTES: Channel.DAILY,  # read afterwards: one morning mail instead of one per meeting
    Kind.REMINDER: Channel.NOW,  # a due date of one's own
    Kind.VISIT: Channel.NOW,  # a time in one's calendar, with the invitation
    Kind.QUESTION: Channel.NOW,  # someone waits for an answer
}

#: Headings of the kinds where people choose and in the digest.
HEADINGS = {
    Kind.AGENDA: _("Agendas of my meetings"),
    Kind.MINUTES: _("Minutes of my meetings"),
    Kind.REMINDER: _("Reminders about my agreements"),
    Kind.VISIT: _("Practice visits with me"),
    Kind.QUESTION: _("Questions for me"),
}

#: What each kind is, in plain words, on the profile page.
EXPLANATIONS = {
    Kind.AGENDA: _("The agenda of meetings you take part in, with an invitation for your calendar."),
    Kind.MINUTES: _("The minutes when they are published after a meeting you take part in."),
    Kind.REMINDER: _("When an agreement you are responsible for is due soon or overdue."),
    Kind.VISIT: _("Practice visits booked, moved or cancelled with you, with an invitation for your calendar."),
    Kind.QUESTION: _("When a question is given to you to answer."),
}


def chosen(person) -> dict:
    """``{kind: channel}`` for every chosen kind: the person's rows, else the defaults (one query, kept on the
    person object for the rest of its life)."""
    cached = getattr(person, "_notification_choices", None)
    if cached is None:
        from .models import NotificationChoice

        cached = dict(DEFAULTS)
        if person.pk:
            cached.update(NotificationChoice.objects.filter(person=person).values_list("kind", "channel"))
        person._notification_choices = cached
    return cached


def load(people) -> None:
    """Read the choices of all ``people`` in one query (``chosen`` then asks none)."""
    from .models import NotificationChoice

    missing = [p for p in people if p.pk and getattr(p, "_notification_choices", None) is None]
    if not missing:
        return
    rows = {}
    for person_id, kind, value in NotificationChoice.objects.filter(person__in=missing).values_list(
        "person_id", "kind", "channel"
    ):
        rows.setdefault(person_id, {})[kind] = value
    for person in missing:
        person._notification_choices = {**DEFAULTS, **rows.get(person.pk, {})}


def forget(person) -> None:
    """Drop the choices kept on ``person`` (after they were changed)."""
    person.__dict__.pop("_notification_choices", None)


def channel(person, kind) -> str:
    """How ``person`` gets mail of ``kind`` (inactive people and people without an address never)."""
    if not person.is_active or not person.email:
        return Channel.NEVER
    if kind == Kind.DIGEST:
        return Channel.NOW
    return chosen(person).get(kind, Channel.NOW)


def choose(person, kind, how) -> None:
    """Set how ``person`` gets mail of ``kind``."""
    from .models import NotificationChoice

    NotificationChoice.objects.update_or_create(person=person, kind=kind, defaults={"channel": how})
    forget(person)
