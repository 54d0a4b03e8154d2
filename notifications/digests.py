"""Digests: one e-mail listing what happened, for people who chose a daily or weekly digest for some kinds.

``outbox.send`` stores a ``DigestItem`` (a line and a link) for each such person; ``send_due`` gathers each
person's pending items into one e-mail, grouped by kind, in their language, queued through ``outbox.send``
(kind "digest", always at once). The items are locked (``FOR UPDATE SKIP LOCKED``) and marked sent in the
transaction that queues the digest: a second run, or a second worker, in the same period finds nothing.

The queue runs ``send_due`` at 07:00 Copenhagen time: daily, and Mondays for the weekly digest
(``tasks.daily_digests``, ``tasks.weekly_digests``). Cron is in UTC, so the jobs are scheduled at 05:00 and
06:00 UTC and only the one that is 07:00 in Copenhagen (summer or winter time) sends (``is_due``).
"""

import zoneinfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from . import outbox
from .choices import CHOSEN, HEADINGS, Channel, Kind
from .models import DigestItem

HOUR = 7
LOCAL = zoneinfo.ZoneInfo("Europe/Copenhagen")
PERIODS = {"daily": Channel.DAILY, "weekly": Channel.WEEKLY}


def is_due(period: str, at) -> bool:
    """Whether ``at`` (a scheduled run) is 07:00 in Copenhagen, and a Monday for the weekly digest."""
    local = at.astimezone(LOCAL)
    return local.hour == HOUR and (period == "daily" or local.weekday() == 0)


def send_due(period: str, at=None) -> int:
    """Queue the ``period`` ("daily" or "weekly") digests with the items pending at ``at``: one e-mail per
    person. Returns how many were queued."""
    period = PERIODS[period]
    at = at or timezone.now()
    queued = 0
    people = DigestItem.objects.pending(period, at).order_by("person_id").values_list("person_id", flat=True)
    for person_id in people.distinct():
        with transaction.atomic():
            queued += _send_one(person_id, period, at)
    return queued


def _send_one(person_id: int, period: str, at) -> int:
    items = list(
        DigestItem.objects.pending(period, at)
        .filter(person_id=person_id)
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("created_at", "pk")
    )
    if not items:
        return 0  # another run has them
    person = User.objects.get(pk=person_id)
    last = (
        DigestItem.objects.filter(person_id=person_id, period=period, sent_at__isnull=False)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    order = {kind: n for n, kind in enumerate(CHOSEN)}
    groups = []
    for item in sorted(items, key=lambda i: (order.get(i.kind, 99), i.created_at, i.pk)):
        if not groups or groups[-1]["kind"] != item.kind:
            groups.append({"kind": item.kind, "heading": HEADINGS.get(item.kind, item.kind), "items": []})
        groups[-1]["items"].append(item)
    context = {"groups": groups, "weekly": period == Channel.WEEKLY, "since": last, "count": len(items)}
    sent = outbox.send(Kind.DIGEST, [person], "notifications/email/digest", context)
    DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=at, digest=sent[0] if sent else None)
    return len(sent)
