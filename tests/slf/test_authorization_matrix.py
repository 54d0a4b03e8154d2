"""Every URL of the project, for every kind of person, GET and POST: who may, who is refused, who sees nothing.

The table below is the product's authorization rule written out. A new URL without a row fails
``test_every_url_has_a_row``; a changed outcome fails ``test_each_person_gets_the_expected_answer``.
Each request runs in a savepoint that is rolled back, so a POST by one person never changes what the
next one sees. Members of another office must never receive the office's data: every object of
office A carries the marker ``ZQ7A`` and no answer to an outsider may contain it.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.urls.resolvers import get_resolver

from knowledge.models import Procedure, Question, SharedTemplate, Term
from logbook import circles
from logbook.attachments import AttachmentForm
from logbook.models import Entry, LearningCircle, Measure
from meetings import rhythm
from meetings.models import AgendaComment, Frequency, MeetingSeries, TopicProposal
from tests.slf.test_login_required import _walk
from visits import services as visit_services
from visits.models import AvailabilityException, AvailabilityWindow, Weekday

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
MARK = "ZQ7A"

#: The people, in the order of the codes in SPEC.
PEOPLE = ["anonymous", "staff", "resource_person", "section_leader", "chief", "head", "other_office"]

#: Outcome codes: L sign-in redirect · A allowed (2xx, a redirect elsewhere, or 400/409 for an empty form)
#: F forbidden (403) · N not found (404) · M method not allowed (405) · P public (200 for everyone)
OUTCOMES = {
    "L": lambda r: r.status_code == 302 and "/accounts/login/" in r["Location"],
    "A": lambda r: (
        r.status_code in (200, 204, 400, 409)
        or (r.status_code in (301, 302) and "/accounts/login/" not in r["Location"])
    ),
    "F": lambda r: r.status_code == 403,
    "N": lambda r: r.status_code == 404,
    "M": lambda r: r.status_code == 405,
}

#: name → (GET, POST), one code per person in PEOPLE order:
#: anonymous, staff, resource person, section leader, office chief, head of administration, other office.
SPEC = {
    # Public on purpose, or about the signed-in person only.
    "healthz": ("AAAAAAA", "MMMMMMM"),
    "set-language": ("MMMMMMM", "AAAAAAA"),
    "accounts:login": ("AAAAAAA", "AAAAAAA"),
    "accounts:logout": ("LMMMMMM", "LLLLLLL"),
    "accounts:password-reset": ("AAAAAAA", "AAAAAAA"),
    "accounts:password-reset-done": ("AAAAAAA", "MMMMMMM"),
    "accounts:password-reset-confirm": ("AAAAAAA", "AAAAAAA"),
    "accounts:password-reset-complete": ("AAAAAAA", "MMMMMMM"),
    "accounts:calendar-feed": ("AAAAAAA", "MMMMMMM"),  # the secret token is the key
    "accounts:calendar-token-regenerate": ("LMMMMMM", "LAAAAAA"),
    "accounts:password-change": ("LAAAAAA", "LAAAAAA"),
    "accounts:password-change-done": ("LAAAAAA", "LMMMMMM"),
    "accounts:profile": ("LAAAAAA", "LAAAAAA"),
    "home": ("LAAAAAA", "LMMMMMM"),
    "offices:office-list": ("LAAAAAA", "LMMMMMM"),
    "meetings:index": ("LAAAAAA", "LMMMMMM"),
    "logbook:index": ("LAAAAAA", "LMMMMMM"),
    "visits:index": ("LAAAAAA", "LMMMMMM"),
    "visits:availability": ("LAAAAAA", "LAAAAAA"),
    # Read by every member of the office and its heads of administration; nothing for other offices.
    "offices:office-detail": ("LAAAAAN", "LMMMMMM"),
    "meetings:office-meetings": ("LAAAAAN", "LMMMMMM"),
    "meetings:series-detail": ("LAAAAAN", "LMMMMMM"),
    "meetings:meeting-detail": ("LAAAAAN", "LMMMMMM"),
    "meetings:meeting-ics": ("LAAAAAN", "LMMMMMM"),
    "meetings:minutes-detail": ("LAAAAAN", "LMMMMMM"),
    "logbook:entry-list": ("LAAAAAN", "LMMMMMM"),
    "logbook:entry-export": ("LAAAAAN", "LMMMMMM"),
    "logbook:entry-detail": ("LAAAAAN", "LMMMMMM"),
    "logbook:attachment-download": ("LAAAAAN", "LMMMMMM"),
    "logbook:circle-list": ("LAAAAAN", "LMMMMMM"),
    "logbook:circle-detail": ("LAAAAAN", "LMMMMMM"),
    "logbook:phase-list": ("LAAAAAN", "LFAAAFN"),
    "visits:people": ("LAAAAAN", "LMMMMMM"),
    "visits:coverage": ("LAAAAAN", "LMMMMMM"),
    # Participants of the meeting comment and propose (staff included); other offices nothing.
    "meetings:comment-create": ("LMMMMMM", "LAAAAFN"),
    "meetings:proposal-create": ("LMMMMMM", "LAAAAAN"),
    "meetings:proposal-support": ("LMMMMMM", "LAAAAAN"),
    # The responsible person (staff here) and the leaders change an agreement's status.
    "logbook:agreement-status": ("LMMMMMM", "LAAAAFN"),
    # Written by resource persons, section leaders and the office chief only.
    "meetings:series-create": ("LFAAAFN", "LFAAAFN"),
    "meetings:series-update": ("LFAAAFN", "LFAAAFN"),
    "meetings:meeting-create": ("LFAAAFN", "LFAAAFN"),
    "meetings:proposal-accept": ("LMMMMMM", "LFAAAFN"),
    "meetings:proposal-decline": ("LFAAAFN", "LFAAAFN"),
    "meetings:meeting-move": ("LFAAAFN", "LFAAAFN"),
    "meetings:meeting-circulate": ("LMMMMMM", "LFAAAFN"),
    "meetings:meeting-cancel": ("LMMMMMM", "LFAAAFN"),
    "meetings:attendance": ("LFAAAFN", "LFAAAFN"),
    "meetings:answers-update": ("LFAAAFN", "LFAAAFN"),
    "meetings:agenda-item-create": ("LMMMMMM", "LFAAAFN"),
    "meetings:agenda-item-update": ("LFAAAFN", "LFAAAFN"),
    "meetings:agenda-item-delete": ("LMMMMMM", "LFAAAFN"),
    "meetings:agenda-item-move": ("LMMMMMM", "LFAAAFN"),
    "meetings:item-minutes-update": ("LFAAAFN", "LFAAAFN"),
    "meetings:notes-update": ("LFAAAFN", "LFAAAFN"),
    "meetings:minutes-publish": ("LMMMMMM", "LFAAAFN"),
    "logbook:entry-create": ("LFAAAFN", "LFAAAFN"),
    "logbook:entry-update": ("LFAAAFN", "LFAAAFN"),
    "logbook:entry-attachment-create": ("LMMMMMM", "LFAAAFN"),
    "logbook:attachment-delete": ("LMMMMMM", "LFAAAFN"),
    "logbook:meeting-agreement-create": ("LMMMMMM", "LFAAAFN"),
    "logbook:meeting-circle-link": ("LMMMMMM", "LFAAAFN"),
    "logbook:circle-create": ("LFAAAFN", "LFAAAFN"),
    "logbook:circle-card": ("LMMMMMM", "LFAAAFN"),
    "logbook:circle-move": ("LMMMMMM", "LFAAAFN"),
    "logbook:circle-agenda-add": ("LMMMMMM", "LFAAAFN"),
    "logbook:card-attachment-create": ("LMMMMMM", "LFAAAFN"),
    "logbook:measure-create": ("LMMMMMM", "LFAAAFN"),
    "logbook:datapoint-create": ("LMMMMMM", "LFAAAFN"),
    # SLF headings: the resource person and the office chief (and heads of administration) keep them.
    "offices:heading-list": ("LFAFAAN", "LFAFAAN"),
    "offices:heading-update": ("LFAFAAN", "LFAFAAN"),
    # Visit rules per office: resource person and office chief.
    "visits:settings": ("LFAFAFN", "LFAFAFN"),
    # A visit between staff (visitor) and the section leader (host): only the two see it.
    "visits:visit-detail": ("LANANNN", "LMMMMMM"),
    "visits:visit-ics": ("LANANNN", "LMMMMMM"),
    "visits:visit-reschedule": ("LANANNN", "LANANNN"),
    "visits:visit-cancel": ("LMMMMMM", "LANANNN"),
    "visits:reflection-update": ("LMMMMMM", "LANANNN"),
    "visits:visit-decline": ("LMMMMMM", "LFNANNN"),  # only the host declines
    # The section leader's own availability: nobody else may remove it.
    "visits:availability-delete": ("LMMMMMM", "LNNANNN"),
    "visits:exception-delete": ("LMMMMMM", "LNNANNN"),
    # Booking the section leader: colleagues of the office yes, the host themself and outsiders no.
    "visits:book": ("LAANANN", "LAANANN"),
    # The glossary: public terms for everyone, internal ones inside the administration, edited by leaders.
    "knowledge:glossary-home": ("LAAAAAA", "LMMMMMM"),
    "knowledge:glossary": ("AAAAAAA", "MMMMMMM"),
    "knowledge:term-detail": ("NAAAAAN", "MMMMMMM"),
    "knowledge:term-create": ("LFAAAAN", "LFAAAAN"),
    "knowledge:term-update": ("LFAAAAN", "LFAAAAN"),
    "knowledge:term-delete": ("LMMMMMM", "LFAAAAN"),
    # Who knows what: everyone searches their own administration; leaders see single holders; RPs merge tags.
    "directory:people": ("LAAAAAA", "LMMMMMM"),
    "directory:profile": ("LAAAAAA", "LAAAAAA"),
    "directory:merge": ("LMMMMMM", "LFAFFFA"),
    "directory:single-holders": ("LFAAAFN", "LMMMMMM"),
    # Questions from decentral units: the office registers and reads, leaders route and close, the assignee
    # answers (nobody here: the question is unassigned).
    "questions:list": ("LAAAAAN", "LMMMMMM"),
    "questions:create": ("LAAAAAN", "LAAAAAN"),
    "questions:detail": ("LAAAAAN", "LMMMMMM"),
    "questions:assign": ("LMMMMMM", "LFAAAFN"),
    "questions:answer": ("LMMMMMM", "LFFFFFN"),
    "questions:close": ("LMMMMMM", "LFAAAFN"),
    # Case procedures: the office reads, leaders write (and the owner edits; here the staff member owns it).
    "procedures:list": ("LAAAAAN", "LMMMMMM"),
    "procedures:create": ("LFAAAFN", "LFAAAFN"),
    "procedures:detail": ("LAAAAAN", "LMMMMMM"),
    "procedures:update": ("LAAAAFN", "LAAAAFN"),
    "directory:suggestion": ("LMMMMMM", "LAAAAAA"),
    # Template library: the administration browses; leading people of an office share and copy.
    "templates:list": ("LAAAAAA", "LMMMMMM"),
    "templates:share": ("LFAAAFA", "LFAAAFA"),
    "templates:detail": ("LAAAAAN", "LMMMMMM"),
    "templates:copy": ("LMMMMMM", "LFAAAFN"),
    # Progress: the office's leaders and its heads of administration; staff their own figures; outsiders nothing.
    "progress:index": ("LAAAAAA", "LMMMMMM"),
    "progress:office": ("LAAAAAN", "LMMMMMM"),
    "progress:office-export": ("LAAAAAN", "LMMMMMM"),  # staff: a workbook of their own figures
    "progress:administration": ("LNNNNAN", "LMMMMMM"),
    "progress:administration-export": ("LNNNNAN", "LMMMMMM"),
}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def office_a(world, frozen, settings, tmp_path):
    """One of every object of office A, each carrying the marker."""
    settings.MEDIA_ROOT = tmp_path
    a = world.a
    entry = Entry.objects.create(
        office=a.office,
        author=a.resource_person,
        kind="agreement",
        title=f"{MARK} aftale",
        text=f"{MARK} tekst",
        date=NOW.date(),
        due_date=NOW.date() + timedelta(days=30),
        status="open",
    )
    entry.responsible.set([a.staff])
    circle = circles.start_circle(
        LearningCircle(office=a.office, title=f"{MARK} cirkel", challenge=f"{MARK} udfordring"), a.resource_person
    )
    measure = Measure.objects.create(circle=circle, name=f"{MARK} mål", unit="dage")
    form = AttachmentForm(files={"file": SimpleUploadedFile(f"{MARK}.txt", f"{MARK} data".encode())})
    assert form.is_valid()
    attachment = form.save(office=a.office, uploaded_by=a.resource_person, entry=entry)
    series = MeetingSeries.objects.create(
        office=a.office,
        title=f"{MARK} SLF-møde",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=NOW.date(),
        start_time=time(9),
        duration_minutes=60,
    )
    rhythm.generate(series)
    meeting = series.meetings.order_by("starts_at").first()
    item = meeting.agenda_items.create(title=f"{MARK} punkt", duration_minutes=20, position=1)
    AgendaComment.objects.create(item=item, author=a.staff, text=f"{MARK} kommentar")
    proposal = TopicProposal.objects.create(series=series, proposed_by=a.staff, title=f"{MARK} forslag")
    window = AvailabilityWindow.objects.create(
        person=a.section_leader, weekday=Weekday.TUESDAY, start=time(10), end=time(12)
    )
    exception = AvailabilityException.objects.create(
        person=a.section_leader, date=NOW.date() + timedelta(days=8), kind="blocked"
    )
    visit = visit_services.book_visit(
        a.section_leader, a.staff, datetime(2026, 3, 3, 10, tzinfo=TZ), f"{MARK} besøg", now=NOW
    )
    slug = a.office.slug
    heading = a.office.headings.first()
    question = Question.objects.create(
        office=a.office,
        unit=f"{MARK} skole",
        asked_by="Skoleleder",
        title=f"{MARK} spørgsmål",
        description=f"{MARK} beskrivelse",
        created_by=a.staff,
    )
    procedure = Procedure.objects.create(
        office=a.office, title=f"{MARK} sagsgang", body=f"{MARK} trin", owner=a.staff, review_date=NOW.date()
    )
    template = SharedTemplate.objects.create(
        administration=world.administration,
        kind="visit_guide",
        title=f"{MARK} guide",
        content={"text": f"{MARK} tekst"},
        made_by=a.resource_person,
        made_in=a.office,
    )
    term = Term.objects.create(
        administration=world.administration, term=f"{MARK} begreb", explanation=f"{MARK} forklaring", owner=a.office
    )
    return {
        "home": {},
        "healthz": {},
        "set-language": {},
        "accounts:login": {},
        "accounts:logout": {},
        "accounts:profile": {},
        "accounts:calendar-feed": {"token": a.staff.calendar_token},
        "accounts:calendar-token-regenerate": {},
        "accounts:password-change": {},
        "accounts:password-change-done": {},
        "accounts:password-reset": {},
        "accounts:password-reset-done": {},
        "accounts:password-reset-confirm": {"uidb64": "MQ", "token": "set-password"},
        "accounts:password-reset-complete": {},
        "offices:office-list": {},
        "offices:office-detail": {"slug": slug},
        "offices:heading-list": {"slug": slug},
        "offices:heading-update": {"slug": slug, "pk": heading.pk},
        "meetings:index": {},
        "meetings:office-meetings": {"slug": slug},
        "meetings:series-create": {"slug": slug},
        "meetings:series-detail": {"pk": series.pk},
        "meetings:series-update": {"pk": series.pk},
        "meetings:meeting-create": {"pk": series.pk},
        "meetings:proposal-create": {"pk": series.pk},
        "meetings:proposal-support": {"proposal_pk": proposal.pk},
        "meetings:proposal-accept": {"proposal_pk": proposal.pk},
        "meetings:proposal-decline": {"proposal_pk": proposal.pk},
        "meetings:meeting-detail": {"pk": meeting.pk},
        "meetings:meeting-ics": {"pk": meeting.pk},
        "meetings:meeting-move": {"pk": meeting.pk},
        "meetings:meeting-circulate": {"pk": meeting.pk},
        "meetings:meeting-cancel": {"pk": meeting.pk},
        "meetings:attendance": {"pk": meeting.pk},
        "meetings:answers-update": {"pk": meeting.pk, "part": "before"},
        "meetings:agenda-item-create": {"pk": meeting.pk},
        "meetings:agenda-item-update": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:agenda-item-delete": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:agenda-item-move": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:comment-create": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:item-minutes-update": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:notes-update": {"pk": meeting.pk},
        "meetings:minutes-publish": {"pk": meeting.pk},
        "meetings:minutes-detail": {"pk": meeting.pk},
        "logbook:index": {},
        "logbook:entry-list": {"slug": slug},
        "logbook:entry-export": {"slug": slug, "fmt": "csv"},
        "logbook:meeting-agreement-create": {"slug": slug, "meeting_pk": meeting.pk},
        "logbook:meeting-circle-link": {"slug": slug, "meeting_pk": meeting.pk},
        "logbook:circle-list": {"slug": slug},
        "logbook:circle-create": {"slug": slug},
        "logbook:phase-list": {"slug": slug},
        "logbook:circle-detail": {"slug": slug, "pk": circle.pk},
        "logbook:circle-card": {"slug": slug, "pk": circle.pk},
        "logbook:circle-move": {"slug": slug, "pk": circle.pk},
        "logbook:circle-agenda-add": {"slug": slug, "pk": circle.pk},
        "logbook:measure-create": {"slug": slug, "pk": circle.pk},
        "logbook:datapoint-create": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk},
        "logbook:card-attachment-create": {"slug": slug, "pk": circle.pk},
        "logbook:attachment-download": {"slug": slug, "pk": attachment.pk},
        "logbook:attachment-delete": {"slug": slug, "pk": attachment.pk},
        "logbook:entry-attachment-create": {"slug": slug, "pk": entry.pk},
        "logbook:entry-create": {"slug": slug},
        "logbook:entry-detail": {"slug": slug, "pk": entry.pk},
        "logbook:entry-update": {"slug": slug, "pk": entry.pk},
        "logbook:agreement-status": {"slug": slug, "pk": entry.pk},
        "visits:index": {},
        "visits:availability": {},
        "visits:availability-delete": {"pk": window.pk},
        "visits:exception-delete": {"pk": exception.pk},
        "visits:visit-detail": {"pk": visit.pk},
        "visits:visit-cancel": {"pk": visit.pk},
        "visits:visit-decline": {"pk": visit.pk},
        "visits:visit-reschedule": {"pk": visit.pk},
        "visits:reflection-update": {"pk": visit.pk},
        "visits:visit-ics": {"pk": visit.pk},
        "visits:people": {"slug": slug},
        "visits:coverage": {"slug": slug},
        "visits:settings": {"slug": slug},
        "visits:book": {"person_pk": a.section_leader.pk},
        "questions:list": {"slug": slug},
        "questions:create": {"slug": slug},
        "questions:detail": {"slug": slug, "pk": question.pk},
        "questions:assign": {"slug": slug, "pk": question.pk},
        "questions:answer": {"slug": slug, "pk": question.pk},
        "questions:close": {"slug": slug, "pk": question.pk},
        "procedures:list": {"slug": slug},
        "procedures:create": {"slug": slug},
        "procedures:detail": {"slug": slug, "pk": procedure.pk},
        "procedures:update": {"slug": slug, "pk": procedure.pk},
        "directory:suggestion": {},
        "templates:list": {},
        "templates:share": {},
        "templates:detail": {"pk": template.pk},
        "templates:copy": {"pk": template.pk},
        "directory:people": {},
        "directory:profile": {},
        "directory:merge": {},
        "directory:single-holders": {"slug": slug},
        "progress:index": {},
        "progress:office": {"slug": slug},
        "progress:office-export": {"slug": slug},
        "progress:administration": {"slug": world.administration.slug},
        "progress:administration-export": {"slug": world.administration.slug},
        "knowledge:glossary-home": {},
        "knowledge:glossary": {"slug": world.administration.slug},
        "knowledge:term-detail": {"slug": world.administration.slug, "term_slug": term.slug},
        "knowledge:term-create": {"slug": world.administration.slug},
        "knowledge:term-update": {"slug": world.administration.slug, "term_slug": term.slug},
        "knowledge:term-delete": {"slug": world.administration.slug, "term_slug": term.slug},
    }


def _person(world, who):
    return {
        "anonymous": None,
        "staff": world.a.staff,
        "resource_person": world.a.resource_person,
        "section_leader": world.a.section_leader,
        "chief": world.a.chief,
        "head": world.head,
        "other_office": world.c.resource_person,
    }[who]


def _url_names():
    return {
        name
        for route, name in _walk(get_resolver().url_patterns)
        if name and not route.startswith("admin/") and "(?P" not in route
    }


def _outcomes(client, world, office_a):
    """The actual table: name → (GET codes, POST codes), each a string in PEOPLE order."""
    table = {}
    for name in sorted(office_a):
        url = reverse(name, kwargs=office_a[name])
        codes = {"GET": "", "POST": ""}
        for who in PEOPLE:
            person = _person(world, who)
            for method in ("GET", "POST"):
                client.logout()
                if person is not None:
                    client.force_login(person)
                with transaction.atomic():
                    response = getattr(client, method.lower())(url)
                    transaction.set_rollback(True)
                code = next((c for c, ok in OUTCOMES.items() if ok(response)), f"?{response.status_code}")
                codes[method] += code if len(code) == 1 else f"[{code}]"
                if who == "other_office" and response.status_code == 200 and not name.startswith("accounts:"):
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    assert MARK.encode() not in body, f"{name} {method} shows office A's data to another office"
        table[name] = (codes["GET"], codes["POST"])
    return table


def test_every_url_has_a_row(world, office_a):
    names = _url_names()
    assert names - set(SPEC) == set(), "new URLs need a row in SPEC (and an object in office_a)"
    assert set(SPEC) - names == set(), "SPEC lists URLs that no longer exist"
    assert set(office_a) == set(SPEC)


def test_each_person_gets_the_expected_answer(client, world, office_a):
    table = _outcomes(client, world, office_a)
    wrong = {name: (table[name], expected) for name, expected in SPEC.items() if table[name] != expected}
    assert not wrong, "\n".join(f"{name}: got {got}, expected {exp}" for name, (got, exp) in wrong.items())
