"""Demo data that makes the progress pages tell a story.

The logbook's demo closes its agreements when it runs, so they would all look
closed today; here they get a closing day near their due date, spread over the
year, and each seed office gets one learning circle that has stood still for a
while (one of them stuck).
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from logbook.models import OPEN_STATUSES, CircleStep, Entry, LearningCircle, PhaseCard
from offices.models import LEADING_ROLES, Membership

from .periods import TZ

CIRCLES = {
    "budget-og-regnskab": (
        "Færre rettelser i indberetningerne",
        "Hver måned retter vi de samme fejl i de decentrale indberetninger.",
        75,
    ),
    "personale": (
        "Introduktion af nye kolleger",
        "Nye kolleger ved ikke, hvem de skal spørge om hvad.",
        20,
    ),
}


@transaction.atomic
def seed(stdout=None) -> None:
    if LearningCircle.objects.filter(title=CIRCLES["budget-og-regnskab"][0]).exists():
        return
    _spread_closing_days()
    _still_circles()
    if stdout:
        stdout.write("Progress: closing days spread over the year, circles that stand still.")


def _spread_closing_days():
    rng = random.Random(6)
    now = timezone.now()
    closed = (
        Entry.objects.agreements()
        .filter(office__slug__in=list(CIRCLES))
        .exclude(status__in=OPEN_STATUSES)
        .exclude(closed_at__isnull=True)
        .order_by("pk")
    )
    for entry in closed:  # a few dozen demo rows, once
        day = entry.due_date + timedelta(days=rng.randint(-10, 12))
        day = max(day, entry.date)
        closed_at = min(datetime.combine(day, time(14, 30), TZ), now)
        Entry.objects.filter(pk=entry.pk).update(closed_at=closed_at)


def _still_circles():
    from logbook import circles

    now = timezone.now()
    for slug, (title, challenge, days) in CIRCLES.items():
        leader = Membership.objects.filter(office__slug=slug, role__in=LEADING_ROLES).select_related("person").first()
        if leader is None:
            continue
        circle = circles.start_circle(
            LearningCircle(office=leader.office, title=title, challenge=challenge), leader.person
        )
        circle = circles.move(circle, leader.person, "forward")
        since = now - timedelta(days=days)
        LearningCircle.objects.filter(pk=circle.pk).update(phase_since=since, created_at=since - timedelta(days=30))
        CircleStep.objects.filter(circle=circle).update(created_at=since)
        PhaseCard.objects.filter(circle=circle).update(updated_at=since)
        circle.responsible.set([leader.person])
