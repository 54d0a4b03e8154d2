from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Entry

DUE_SOON_DAYS = 14


def my_agreements_context(request):
    """My page: my open agreements grouped overdue / due soon / later (one query)."""
    today = timezone.localdate()
    mine = list(
        Entry.objects.open_agreements()
        .filter(responsible=request.user)
        .select_related("office")
        .order_by("due_date")[:50]
    )
    soon = today + timedelta(days=DUE_SOON_DAYS)
    groups = [
        (_("Overdue"), [a for a in mine if a.due_date < today]),
        (_("Due soon"), [a for a in mine if today <= a.due_date <= soon]),
        (_("Later"), [a for a in mine if a.due_date > soon]),
    ]
    return {"groups": groups, "total": len(mine)}
