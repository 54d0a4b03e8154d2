from django.db.models import Count, OuterRef, Q, Value
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from logbook.models import OPEN_STATUSES, CircleStatus, Entry, LearningCircle
from offices.models import LEADING_ROLES, Administration, Office

from .figures import DaysBetween, _per_office, local_date


def my_progress_context(request):
    """My page, for leaders and heads of administration: overdue agreements and stuck circles per office (2 queries)."""
    user = request.user
    today = timezone.localdate()
    stuck = Q(status=CircleStatus.ACTIVE) & Q(
        GreaterThan(DaysBetween(Value(today), local_date("phase_since")), OuterRef("circle_stuck_days"))
    )
    offices = list(
        Office.objects.filter(memberships__person=user, memberships__role__in=LEADING_ROLES)
        .annotate(
            overdue=_per_office(
                Entry.objects.agreements().filter(status__in=OPEN_STATUSES, due_date__lt=today),
                "office",
                v=Count("pk"),
            ),
            stuck=_per_office(LearningCircle.objects.all(), "office", v=Count("pk", filter=stuck)),
        )
        .order_by("name")
    )
    administrations = list(Administration.objects.filter(leaders__person=user).order_by("name"))
    if not offices and not administrations:
        return None
    return {"offices": offices, "administrations": administrations}
