"""A meeting in calendars: the invitation sent with the agenda, the .ics download and the personal feed's events,
all from ``meeting_event`` through the shared builder (slf/calendar.py)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from slf import calendar as ical

from .access import visible_series
from .models import Meeting, MeetingStatus


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@slf-logbook"


def agenda_with_times(meeting: Meeting, items) -> list[tuple]:
    """``(starts, ends, item)`` for the agenda in order, each item's time-box after the one before from the start."""
    timed = []
    at = meeting.starts_at
    for item in items:
        ends = at + timedelta(minutes=item.duration_minutes)
        timed.append((at, ends, item))
        at = ends
    return timed


def location(meeting: Meeting) -> str:
    """The room or place of the meeting (its own, else the series'), else the office's address."""
    if meeting.location or meeting.series.location:
        return meeting.location or meeting.series.location
    office = meeting.series.office
    if office is None:
        return ""
    return ", ".join(part for part in (office.name, office.address) if part)


def description(meeting: Meeting) -> str:
    """Cancelled and why, the agenda with clock times, and the link back to the meeting's page."""
    lines = []
    if meeting.status == MeetingStatus.CANCELLED:
        lines += [_("Cancelled: %(reason)s") % {"reason": meeting.cancelled_reason}, ""]
    timed = agenda_with_times(meeting, meeting.agenda_items.all())
    if timed:
        lines.append(_("Agenda:"))
        for starts, ends, item in timed:
            line = f"{starts.astimezone(ical.TZ):%H:%M}–{ends.astimezone(ical.TZ):%H:%M} {item.title}"
            if item.presenter_id:
                line += f" ({item.presenter.full_name})"
            lines.append(line)
        lines.append("")
    lines.append(_("The meeting in SLF Logbook: %(url)s") % {"url": ical.site_url(meeting)})
    return "\n".join(lines)


def meeting_event(meeting: Meeting, people=()):
    """The meeting as one VEVENT; ``people`` (the participants) make it the invitation's, with attendees."""
    with translation.override(settings.LANGUAGE_CODE):  # one text for everyone: the office's language
        return ical.event(
            uid=uid(meeting),
            sequence=meeting.sequence,
            start=meeting.starts_at,
            end=meeting.ends_at,
            summary=str(meeting),
            description=description(meeting),
            location=location(meeting),
            url=ical.site_url(meeting),
            cancelled=meeting.status == MeetingStatus.CANCELLED,
            attendees=[ical.attendee(person) for person in people],
        )


def meeting_calendar(meeting: Meeting) -> bytes:
    """The .ics download: a published calendar of the one meeting (no METHOD, no attendees)."""
    return ical.to_ics(ical.calendar([meeting_event(meeting)]))


def meeting_invitation(meeting: Meeting, people) -> tuple[str, bytes, str]:
    """The invitation for the agenda mail, to ``people`` (``services.participants(meeting)``): METHOD:REQUEST,
    or METHOD:CANCEL once the meeting is cancelled. ``(filename, bytes, mimetype)`` for ``outbox.send``."""
    return ical.invitation("moede.ics", meeting_event(meeting, people))


def events_for(user):
    """Calendar-feed source: meetings of my series from four weeks back to six months ahead, cancelled ones too."""
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(
            series__in=visible_series(user),
            starts_at__gte=now - timedelta(days=28),
            starts_at__lte=now + timedelta(days=190),
        )
        .select_related("series__office")
        .prefetch_related("agenda_items__presenter")
    )
    return [meeting_event(m) for m in meetings]
