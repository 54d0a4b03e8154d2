from django.utils import timezone

from .access import visible_series
from .models import Meeting, MeetingStatus


def my_meetings_context(request):
    """My page: my next five meetings (one query)."""
    meetings = (
        Meeting.objects.filter(series__in=visible_series(request.user), starts_at__gte=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("series")
        .order_by("starts_at")[:5]
    )
    return {"meetings": list(meetings)}
