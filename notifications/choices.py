"""Which e-mails a person wants: one function, ``channel(person, kind)``, asked by ``outbox.send`` for everyone.

Today the choices are the four flags on ``accounts.User`` (agendas, minutes, reminders, visits); questions
assigned to a person follow the reminders flag, as they always did. Per-kind choices with digests replace
this function (and add channels); nothing else asks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    AGENDA = "agenda", _("agenda")
    MINUTES = "minutes", _("minutes")
    REMINDER = "reminder", _("reminder")
    VISIT = "visit", _("practice visit")
    QUESTION = "question", _("question")


class Channel(models.TextChoices):
    NOW = "now", _("at once")
    NEVER = "never", _("not at all")


#: The flag on accounts.User that holds each kind's choice.
FLAGS = {
    Kind.AGENDA: "email_agendas",
    Kind.MINUTES: "email_minutes",
    Kind.REMINDER: "email_reminders",
    Kind.VISIT: "email_visits",
    Kind.QUESTION: "email_reminders",
}


def channel(person, kind) -> str:
    """How ``person`` gets mail of ``kind``: at once, or not at all (inactive people and people without an
    address never)."""
    if not person.is_active or not person.email:
        return Channel.NEVER
    return Channel.NOW if getattr(person, FLAGS[kind]) else Channel.NEVER
