"""Calendar files of the product: one builder for the invitations, the downloads and the personal feed.

Every meeting and visit is one event with one UID for life; moving or cancelling it raises its SEQUENCE, so a
calendar that has it replaces its copy. The event goes out in three shapes:

- **Invitation** (iTIP, RFC 5546, sent by e-mail as in RFC 6047): ``METHOD:REQUEST`` while it stands,
  ``METHOD:CANCEL`` with ``STATUS:CANCELLED`` when it is cancelled; an ``ORGANIZER`` and every person invited as
  an ``ATTENDEE`` with their name. ``invitation()`` gives the ``(filename, bytes, mimetype)`` for the mail.
- **Download** (.ics of one meeting or visit) and **feed** (the person's secret calendar address): a published
  calendar without ``METHOD`` (plain RFC 5545, not a scheduling message) and without organizer or attendees,
  so importing it adds an appointment instead of an invitation to answer, and the feed does not hand out the
  addresses of everyone invited. Cancelled events stay in it with ``STATUS:CANCELLED``.

The organizer is the product itself (``DEFAULT_FROM_EMAIL``, its display name as ``CN``), not a person:
- the invitation is mailed from that address, and RFC 6047 has the sender be the organizer (clients flag or
  distrust a REQUEST "sent on behalf of" someone else);
- everyone who gets the mail is an attendee, the person who booked or circulated included; a REQUEST naming
  the recipient as organizer is shown as "you are the organizer" with no accept, and is not added by some
  clients;
- the product is who moves and cancels: any leader of the office, the host or the visitor, so there is no
  single person whose calendar "owns" the event.
Answers go to that address, which nobody reads, so ``RSVP=FALSE``: the calendar records the answer without
sending it, and the description links to the page where one says no in earnest (declines, cancels).

Times are local (``TZID=Europe/Copenhagen``) with a VTIMEZONE in the form Outlook itself writes and reads: one
DAYLIGHT and one STANDARD rule, each a yearly RRULE. Outlook uses only TZID, DTSTART, RRULE, TZOFFSETFROM and
TZOFFSETTO of a VTIMEZONE ([MS-STANOICAL] 2.2.47) and ignores RDATE, which is what icalendar's
``Timezone.from_tzinfo`` writes (one RDATE per year), so that form would put Outlook an hour off in summer.
tests/slf/test_calendar.py checks the rule against tzdata hour by hour around every change from 2000 to 2037.
"""

from datetime import date, datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

TZID = settings.TIME_ZONE
TZ = ZoneInfo(TZID)
PRODID = "-//SLF Logbook//SLF Logbook//DA"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def vtimezone() -> Timezone:
    """The VTIMEZONE for ``TZID``: Denmark's rule (the EU's since 1996) as two yearly RRULEs."""
    if TZID != "Europe/Copenhagen":  # another zone: icalendar's form from tzdata (RDATEs) is the honest fallback
        return Timezone.from_tzid(TZID, first_date=date(2000, 1, 1), last_date=date(2038, 1, 1))
    zone = Timezone()
    zone.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime(1996, 3, 31, 2, 0))  # local time before the change (02:00 → 03:00)
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("tzname", "CEST")
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0))  # 03:00 summer time → 02:00
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("tzname", "CET")
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def organizer() -> vCalAddress:
    """The product as organizer: the address the invitations are mailed from (see the module's docstring)."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return _address(address, name or address)


def attendee(person, partstat: str = "NEEDS-ACTION", role: str = "REQ-PARTICIPANT") -> vCalAddress:
    """An invited person with their name; their answer stays in their calendar (RSVP=FALSE, see above)."""
    address = _address(person.email, person.full_name or person.email)
    address.params["cutype"] = vText("INDIVIDUAL")
    address.params["role"] = vText(role)
    address.params["partstat"] = vText(partstat)
    address.params["rsvp"] = vText("FALSE")
    return address


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(_param(name))
    return address


def _param(value: str) -> str:
    """A parameter value may not hold a double quote or a control character (RFC 5545 3.1, no RFC 6868 here)."""
    return "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in str(value)).replace('"', "'").strip()


def event(
    *,
    uid: str,
    sequence: int,
    start: datetime,
    end: datetime,
    summary: str,
    description: str = "",
    location: str = "",
    url: str = "",
    cancelled: bool = False,
    last_modified: datetime | None = None,
    attendees=(),
) -> Event:
    """One VEVENT in local time. ``attendees`` (vCalAddress) make it an invitation's event, with the organizer."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")).replace(microsecond=0))
    item.add("sequence", sequence)
    item.add("dtstart", start.astimezone(TZ))
    item.add("dtend", end.astimezone(TZ))
    item.add("summary", summary)
    if description:
        item.add("description", description)
    if location:
        item.add("location", location)
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if last_modified:
        item.add("last-modified", last_modified.astimezone(ZoneInfo("UTC")).replace(microsecond=0))
    if attendees:
        item.add("organizer", organizer())
        for address in attendees:
            item.add("attendee", address)
    return item


def calendar(events, method: str | None = None, name: str = "") -> Calendar:
    """A VCALENDAR of ``events`` with the VTIMEZONE they refer to; ``method`` only for invitations."""
    result = Calendar()
    result.add("prodid", PRODID)
    result.add("version", "2.0")
    result.add("calscale", "GREGORIAN")
    if method:
        result.add("method", method)
    if name:
        result.add("x-wr-calname", name)
        result.add("x-wr-timezone", TZID)
        # How often a subscribed client should fetch the feed again (RFC 7986; Outlook reads the X- form).
        result.add("refresh-interval", timedelta(hours=1), parameters={"value": "DURATION"})
        result.add("x-published-ttl", "PT1H")
    result.add_component(vtimezone())
    for item in events:
        result.add_component(item)
    return result


def to_ics(cal: Calendar) -> bytes:
    return cal.to_ical()


def invitation(filename: str, item: Event) -> tuple[str, bytes, str]:
    """The mail attachment of an invitation: ``(filename, bytes, mimetype)`` for ``notifications.outbox.send``.

    METHOD:CANCEL for a cancelled event, METHOD:REQUEST otherwise (booked, moved, agenda sent). The mimetype
    carries the method (RFC 6047); the mail adds ``charset=utf-8`` itself."""
    method = CANCEL if item["status"] == "CANCELLED" else REQUEST
    return filename, to_ics(calendar([item], method=method)), f"text/calendar; method={method}"


def site_url(obj) -> str:
    """The page of ``obj`` as a full address, for URL and the description's link back."""
    return f"{settings.SITE_URL}{obj.get_absolute_url()}"
