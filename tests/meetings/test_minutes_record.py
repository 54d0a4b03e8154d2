"""The minutes as a record: page, print, e-mail and PDF/A show per item the minutes, decisions and agreements,
then the Follow-up outcome and attendance grouped present / excused / absent; Markdown rendered, never raw."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings import pdf
from meetings.models import Attendance, Meeting, MeetingStatus
from tests.meetings.test_views import first_meeting, make_series


def _held_meeting(world):
    meeting = first_meeting(make_series(world, participant_roles=["resource_person", "office_chief", "staff"]))
    first = meeting.agenda_items.create(title="Velkomst", duration_minutes=5, position=1)
    second = meeting.agenda_items.create(
        title="Budgetopfølgning",
        duration_minutes=20,
        position=2,
        minutes="Vi talte om **forbruget** i 3. kvartal.\n\n- lønsum\n- vikarer",
        description="Se *bilaget*",
    )
    day = timezone.localtime(meeting.starts_at).date()
    for title in ("Ny skabelon til kvartalsrapport", "Tjek vikarforbrug"):
        entry = Entry.objects.create(
            office=world.a.office,
            author=world.a.resource_person,
            kind=EntryKind.AGREEMENT,
            title=title,
            date=day,
            meeting=meeting,
            agenda_item=second,
            due_date=day + timedelta(days=30),
            status=AgreementStatus.OPEN,
        )
        entry.responsible.set([world.a.staff])
    Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind=EntryKind.DECISION,
        title="Vi holder fast i budgetrammen",
        date=day,
        meeting=meeting,
        agenda_item=second,
    )
    earlier = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind=EntryKind.AGREEMENT,
        title="Gammel aftale om mødeplan",
        date=day - timedelta(days=40),
        due_date=day - timedelta(days=3),
        status=AgreementStatus.OPEN,
    )
    earlier.set_status(AgreementStatus.KEPT)
    earlier.closed_at = meeting.starts_at + timedelta(minutes=10)
    earlier.save()
    Attendance.objects.create(meeting=meeting, person=world.a.staff, status="present")
    Attendance.objects.create(meeting=meeting, person=world.a.chief, status="excused")
    Attendance.objects.create(meeting=meeting, person=world.a.resource_person, status="present")
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.IN_PROGRESS, started_at=meeting.starts_at)
    meeting.refresh_from_db()
    return meeting, first, second


def test_minutes_page_shows_agreements_under_their_item_outcome_and_grouped_attendance(login, world):
    meeting, first, second = _held_meeting(world)
    response = login(world.a.staff).get(reverse("meetings:minutes-detail", args=[meeting.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    item_two = body[body.index(f'id="minutes-item-{second.pk}"') :]
    item_two = item_two[: item_two.index("</li>\n  \n")] if "</li>\n  \n" in item_two else item_two
    assert "Ny skabelon til kvartalsrapport" in item_two and "Tjek vikarforbrug" in item_two
    assert "Vi holder fast i budgetrammen" in item_two and "a Staff" in item_two
    assert (
        "Ny skabelon"
        not in body[body.index(f'id="minutes-item-{first.pk}"') : body.index(f'id="minutes-item-{second.pk}"')]
    )
    # Markdown rendered with the sanitiser, not raw.
    assert "<strong>forbruget</strong>" in body and "<li>lønsum</li>" in body and "<em>bilaget</em>" in body
    assert "**" not in body
    # Attendance: one group per status in a fixed order, names inside.
    present, excused = body.index("Til stede (2)"), body.index("Afbud (1)")
    assert present < excused and "a Resource, a Staff" in body
    # Follow-up outcome: the earlier agreement kept at this meeting.
    assert "Holdt (1)" in body and "Gammel aftale om mødeplan" in body
    assert reverse("meetings:minutes-pdf", args=[meeting.pk]) in body


def test_minutes_page_keeps_a_fixed_query_count(login, world, django_assert_max_num_queries):
    meeting, _first, _second = _held_meeting(world)
    for i in range(15):
        item = meeting.agenda_items.create(title=f"Punkt {i}", duration_minutes=1, position=10 + i, minutes="x")
        Entry.objects.create(
            office=world.a.office,
            author=world.a.staff,
            kind=EntryKind.DECISION,
            title=f"Beslutning {i}",
            date=timezone.localtime(meeting.starts_at).date(),
            meeting=meeting,
            agenda_item=item,
        )
    client = login(world.a.staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:minutes-detail", args=[meeting.pk]))
    assert response.status_code == 200 and "Beslutning 14" in response.content.decode()


def test_minutes_mail_carries_agreements_outcome_and_attendance(login, world):
    from meetings.minutes import minutes_record
    from notifications.outbox import render

    meeting, _first, _second = _held_meeting(world)
    # The mail publishing queues (whether at once or in a digest is the person's choice) is this body.
    _subject, body = render("meetings/email/minutes", {"meeting": meeting, **minutes_record(meeting)}, world.a.staff)
    assert "Aftale: Ny skabelon til kvartalsrapport (Ansvarlige: a Staff" in body
    assert "Beslutning: Vi holder fast i budgetrammen" in body
    assert "Holdt: Gammel aftale om mødeplan" in body
    assert "Afbud: a Chief" in body
    assert "**" not in body or "**forbruget**" in body  # plain text keeps the writer's Markdown as typed


def test_minutes_pdf_is_pdfa_with_the_agreements(login, world):
    from pypdf import PdfReader

    meeting, _first, _second = _held_meeting(world)
    response = login(world.a.staff).get(reverse("meetings:minutes-pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Ny skabelon til kvartalsrapport" in text and "Tjek vikarforbrug" in text
    assert "Budget og Regnskab" in text and "Afbud" in text and "Side 1 / " in text
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in raw and ("<pdfaid:part>3</pdfaid:part>" in raw or 'pdfaid:part="3"' in raw)


@pytest.fixture
def no_weasyprint(monkeypatch):
    def missing():
        raise OSError("cannot load library 'libgobject-2.0-0'")

    monkeypatch.setattr(pdf, "_load_weasyprint", missing)
    monkeypatch.setattr(pdf, "_checked", [])
    yield
    pdf._checked.clear()


def test_without_the_pdf_libraries_the_page_says_what_to_install(login, world, no_weasyprint):
    meeting, _first, _second = _held_meeting(world)
    client = login(world.a.staff)
    body = client.get(reverse("meetings:minutes-detail", args=[meeting.pk])).content.decode()
    assert "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in body
    assert reverse("meetings:minutes-pdf", args=[meeting.pk]) not in body
    response = client.get(reverse("meetings:minutes-pdf", args=[meeting.pk]))
    assert response.status_code == 503 and "libpango-1.0-0" in response.content.decode()


def test_markdown_is_rendered_the_same_on_the_meeting_page_and_the_room_view(login, world):
    meeting, _first, second = _held_meeting(world)
    client = login(world.a.resource_person)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<em>bilaget</em>" in page and "<strong>forbruget</strong>" in page and "**" not in page
    room = client.get(reverse("meetings:room-item", args=[meeting.pk, second.pk]))
    assert room.status_code == 200 and "<em>bilaget</em>" in room.content.decode()
