from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .access import visible_series
from .models import Meeting, MeetingStatus


def meeting_event(meeting: Meeting):
    from icalendar import Event

    event = Event()
    event.add("uid", f"meeting-{meeting.uid}@slf-logbook")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("sequence", meeting.sequence)
    event.add("summary", str(meeting))
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def meeting_calendar(meeting: Meeting) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//SLF Logbook//meetings//DA")
    calendar.add("version", "2.0")
    calendar.add_component(meeting_event(meeting))
    return calendar.to_ical()


def events_for(user):
    """Calendar-feed source: meetings of my series from four weeks back to six months ahead."""
    now = timezone.now()
    meetings = Meeting.objects.filter(
        series__in=visible_series(user),
        starts_at__gte=now - timedelta(days=28),
        starts_at__lte=now + timedelta(days=190),
    ).select_related("series")
    return [meeting_event(m) for m in meetings]
