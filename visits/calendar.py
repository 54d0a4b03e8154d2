"""A practice visit in calendars: the invitation mailed to host and visitor on booking, moving and cancelling,
the .ics download and the personal feed's events, all from ``visit_event`` through slf/calendar.py."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from slf import calendar as ical

from .models import Visit, VisitStatus


def uid(visit: Visit) -> str:
    return f"visit-{visit.uid}@slf-logbook"


def location(visit: Visit) -> str:
    """Where the visit happens: at the host's, in the office (with its address when it has one)."""
    parts = [_("At %(host)s's") % {"host": visit.host.full_name}, visit.office.name]
    if visit.office.address:
        parts.append(visit.office.address)
    return ", ".join(parts)


def description(visit: Visit) -> str:
    lines = []
    if visit.status == VisitStatus.DECLINED:
        lines.append(_("Declined by the host."))
    elif visit.status == VisitStatus.CANCELLED:
        lines.append(_("Cancelled."))
    if visit.status != VisitStatus.CONFIRMED and visit.message:
        lines.append(visit.message)
    if lines:
        lines.append("")
    lines += [
        _("Host: %(name)s") % {"name": visit.host.full_name},
        _("Visitor: %(name)s") % {"name": visit.visitor.full_name},
        "",
        visit.topic,
        "",
        _("The visit in SLF Logbook (move or cancel it there): %(url)s") % {"url": ical.site_url(visit)},
    ]
    return "\n".join(lines)


def visit_event(visit: Visit, invitation: bool = False):
    """The visit as one VEVENT; ``invitation`` adds the organizer and both people as attendees (the visit is
    confirmed on booking, so both have accepted; the host declines in the product)."""
    people = [visit.host, visit.visitor] if invitation else []
    with translation.override(settings.LANGUAGE_CODE):  # one text for both: the office's language
        return ical.event(
            uid=uid(visit),
            sequence=visit.sequence,
            start=visit.starts_at,
            end=visit.ends_at,
            summary=_("Practice visit: %(visitor)s visits %(host)s")
            % {"visitor": visit.visitor.full_name, "host": visit.host.full_name},
            description=description(visit),
            location=location(visit),
            url=ical.site_url(visit),
            cancelled=visit.status != VisitStatus.CONFIRMED,
            last_modified=visit.updated_at,
            attendees=[ical.attendee(person, partstat="ACCEPTED") for person in people],
        )


def visit_calendar(visit: Visit) -> bytes:
    """The .ics download: a published calendar of the one visit (no METHOD, no attendees)."""
    return ical.to_ics(ical.calendar([visit_event(visit)]))


def visit_invitation(visit: Visit) -> tuple[str, bytes, str]:
    """The invitation for the visit mail to host and visitor: METHOD:REQUEST while confirmed (booked or moved:
    same UID, higher SEQUENCE), METHOD:CANCEL once declined or cancelled. ``(filename, bytes, mimetype)``."""
    return ical.invitation("besoeg.ics", visit_event(visit, invitation=True))


def events_for(user):
    """Calendar-feed source: the person's visits from four weeks back; declined and cancelled ones stay, marked
    cancelled, so a calendar that has them drops them."""
    since = timezone.now() - timedelta(days=28)
    visits = (
        Visit.objects.involving(user).filter(during__endswith__gte=since).select_related("host", "visitor", "office")
    )
    return [visit_event(visit) for visit in visits]
