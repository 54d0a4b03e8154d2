"""Read the product's calendar output twice, with icalendar and with vobject (an independent parser), and hand the
tests one plain summary per event on which both agree.

vobject keeps one tzinfo per TZID for the whole process, so what a VTIMEZONE says is checked separately (from
the component itself) in tests/slf/test_calendar.py. Times compare in UTC: ``dateutil.tz.UTC`` for vobject
(``datetime.timezone.utc`` confuses its tzinfo handling).
"""

from dataclasses import dataclass, field
from datetime import datetime

import vobject
from dateutil import tz
from icalendar import Calendar
from vobject.icalendar import TimezoneComponent

UTC = tz.UTC


@dataclass
class Read:
    method: str | None
    has_vtimezone: bool
    events: list["EventRead"] = field(default_factory=list)

    def event(self, uid: str) -> "EventRead":
        (found,) = [e for e in self.events if e.uid == uid]
        return found


@dataclass
class EventRead:
    uid: str
    sequence: int
    start: datetime  # UTC
    end: datetime  # UTC
    tzid: str | None
    status: str
    summary: str
    description: str
    location: str
    url: str
    organizer: tuple[str, str] | None  # (address, CN)
    attendees: list[dict]


def read(ics: bytes) -> Read:
    """Both parsers' reading of ``ics``; fails when they disagree or the text is not valid iCalendar."""
    text = ics.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n")), "lines folded at 75 octets"
    cal = Calendar.from_ical(ics)
    vcal = vobject.readOne(text)
    assert vcal.validate()
    mine = _icalendar(cal)
    theirs = _vobject(vcal)
    assert mine == theirs, "icalendar and vobject read the calendar differently"
    return mine


def _icalendar(cal) -> Read:
    result = Read(
        method=str(cal["method"]) if "method" in cal else None,
        has_vtimezone=[str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"],
    )
    for event in cal.walk("VEVENT"):
        organizer = event.get("organizer")
        attendees = event.get("attendee", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        result.events.append(
            EventRead(
                uid=str(event["uid"]),
                sequence=int(event["sequence"]),
                start=event.decoded("dtstart").astimezone(UTC),
                end=event.decoded("dtend").astimezone(UTC),
                tzid=event["dtstart"].params.get("TZID"),
                status=str(event["status"]),
                summary=str(event["summary"]),
                description=str(event.get("description", "")),
                location=str(event.get("location", "")),
                url=str(event.get("url", "")),
                organizer=(str(organizer), organizer.params["CN"]) if organizer else None,
                attendees=[
                    {
                        "address": str(a),
                        **{key: a.params[key] for key in ("CN", "ROLE", "PARTSTAT", "RSVP") if key in a.params},
                    }
                    for a in attendees
                ],
            )
        )
    return result


def _vobject(vcal) -> Read:
    result = Read(
        method=vcal.method.value if hasattr(vcal, "method") else None,
        has_vtimezone=[z.tzid.value for z in getattr(vcal, "vtimezone_list", [])] == ["Europe/Copenhagen"],
    )
    for event in getattr(vcal, "vevent_list", []):
        organizer = getattr(event, "organizer", None)
        result.events.append(
            EventRead(
                uid=event.uid.value,
                sequence=int(event.sequence.value),
                start=event.dtstart.value.astimezone(UTC),
                end=event.dtend.value.astimezone(UTC),
                tzid=TimezoneComponent.pickTzid(event.dtstart.value.tzinfo),
                status=event.status.value,
                summary=event.summary.value,
                description=event.description.value if hasattr(event, "description") else "",
                location=event.location.value if hasattr(event, "location") else "",
                url=event.url.value if hasattr(event, "url") else "",
                organizer=(organizer.value, organizer.params["CN"][0]) if organizer else None,
                attendees=[
                    {
                        "address": a.value,
                        **{key: a.params[key][0] for key in ("CN", "ROLE", "PARTSTAT", "RSVP") if key in a.params},
                    }
                    for a in getattr(event, "attendee_list", [])
                ],
            )
        )
    return result


def mailed(message) -> tuple[str, Read]:
    """The invitation in a sent ``EmailMessage``: its ``method`` parameter and its reading. It must be there twice
    with the same content: as an alternative to the text (multipart/alternative, where Outlook looks for a
    meeting request) and as an attached file; each part with one charset."""
    mime = message.message()
    inline, attached = [], []
    for part in mime.walk():
        if part.is_multipart():
            for child in part.get_payload():
                if child.get_content_type() == "text/calendar":
                    is_file = (child.get("Content-Disposition") or "").startswith("attachment")
                    (attached if is_file else inline).append((part.get_content_type(), child))
    assert [container for container, _part in inline] == ["multipart/alternative"]
    assert len(attached) == 1
    (_container, inline_part), (_container2, file_part) = inline[0], attached[0]
    for part in (inline_part, file_part):
        assert [name for name, _value in part.get_params()].count("charset") == 1
    assert inline_part.get_payload(decode=True) == file_part.get_payload(decode=True)
    assert inline_part.get_param("method") == file_part.get_param("method")
    return inline_part.get_param("method"), read(file_part.get_payload(decode=True))
