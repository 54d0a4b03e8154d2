"""When people are in meetings they take part in: the meetings' side of the visits' free slots (slf.registry)."""

from .models import Meeting


def meeting_times(people, start, end) -> list[tuple]:
    """``(starts_at, ends_at)`` of the meetings any of ``people`` takes part in that overlap ``start``–``end``
    (2 queries, whatever the number of people)."""
    meetings = Meeting.objects.taking_part(*people).filter(starts_at__lt=end, ends_at__gt=start)
    return list(meetings.values_list("starts_at", "ends_at"))
