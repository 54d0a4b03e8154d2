"""Follow-up brings everything back: the office's open agreements due by the meeting, overdue or marked for it,
from any meeting of the office and the logbook; filters; counts; a fixed number of queries with hundreds."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from logbook.meeting_section import FOLLOWUP_LIMIT
from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import Meeting
from tests.meetings.test_views import make_series


def _agreement(world, title, due, *, meeting=None, person=None, **extra):
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind=EntryKind.AGREEMENT,
        title=title,
        date=min(due, timezone.localdate()) - timedelta(days=1),
        due_date=due,
        status=AgreementStatus.OPEN,
        meeting=meeting,
        **extra,
    )
    entry.responsible.set([person or world.a.staff])
    return entry


def _slf_and_office_meeting(world):
    slf = make_series(world, title="SLF-møde", start_date=timezone.localdate() + timedelta(days=2))
    office_series = make_series(world, title="Kontormøde", start_date=timezone.localdate() - timedelta(days=20))
    slf_meeting = Meeting.objects.filter(series=slf).order_by("starts_at").first()
    office_meeting = Meeting.objects.filter(series=office_series).order_by("starts_at").first()
    return slf_meeting, office_meeting


def test_followup_brings_back_overdue_due_and_marked_agreements_from_the_whole_office(login, world):
    meeting, office_meeting = _slf_and_office_meeting(world)
    today = timezone.localdate()
    overdue_logbook = _agreement(world, "Opdater telefonlisten", today - timedelta(days=5))
    overdue_other_series = _agreement(world, "Ryd op i fællesdrevet", today - timedelta(days=2), meeting=office_meeting)
    due_later = _agreement(world, "Planlæg sommerferien", today + timedelta(days=60))
    marked = _agreement(world, "Drøft ny APV", today + timedelta(days=90), follow_up_meeting=meeting)
    closed = _agreement(world, "Allerede holdt", today - timedelta(days=3))
    closed.set_status(AgreementStatus.KEPT)
    closed.save()
    other_office = Entry.objects.create(
        office=world.b.office,
        author=world.b.resource_person,
        kind=EntryKind.AGREEMENT,
        title="Personales aftale",
        date=today - timedelta(days=9),
        due_date=today - timedelta(days=3),
        status=AgreementStatus.OPEN,
    )
    response = login(world.a.resource_person).get(meeting.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    section = body[body.index('id="followup"') :]
    for entry in (overdue_logbook, overdue_other_series, marked):
        assert f'id="entry-{entry.pk}"' in section, entry.title
    for entry in (due_later, closed, other_office):
        assert f'id="entry-{entry.pk}"' not in section, entry.title
    assert "3 åbne aftaler, 2 overskredet" in section
    # The current status in the select.
    assert '<option value="open" selected>' in section

    # This series only: the other series' and the logbook's agreements go, the marked one stays.
    client = login(world.a.resource_person)
    series_only = client.get(meeting.get_absolute_url(), {"fu-scope": "series"}).content.decode()
    assert f'id="entry-{marked.pk}"' in series_only
    assert f'id="entry-{overdue_other_series.pk}"' not in series_only
    assert f'id="entry-{overdue_logbook.pk}"' not in series_only
    # Only overdue; one person; a tampered person counts as everyone.
    only_overdue = client.get(meeting.get_absolute_url(), {"fu-overdue": "on"}).content.decode()
    assert f'id="entry-{marked.pk}"' not in only_overdue and f'id="entry-{overdue_logbook.pk}"' in only_overdue
    _agreement(world, "Chefens aftale", today - timedelta(days=1), person=world.a.chief)
    chief = client.get(meeting.get_absolute_url(), {"fu-person": world.a.chief.pk}).content.decode()
    assert "Chefens aftale" in chief and "Opdater telefonlisten" not in chief
    tampered = client.get(meeting.get_absolute_url(), {"fu-person": world.b.staff.pk, "fu-scope": "x"})
    assert tampered.status_code == 200 and "Chefens aftale" in tampered.content.decode()
    assert "Opdater telefonlisten" in tampered.content.decode()


def test_marking_kept_in_place_keeps_the_select_and_lowers_the_count(login, world):
    meeting, _office_meeting = _slf_and_office_meeting(world)
    today = timezone.localdate()
    entry = _agreement(world, "Opdater telefonlisten", today - timedelta(days=5))
    _agreement(world, "Ryd op i fællesdrevet", today - timedelta(days=2))
    client = login(world.a.resource_person)
    response = client.post(
        reverse("logbook:agreement-status", args=[world.a.office.slug, entry.pk]),
        {"status": "kept", "next": meeting.get_absolute_url()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert '<option value="kept" selected>' in row and "er nu holdt" in row  # said in visible text
    assert "agreement-status-changed" in response["HX-Trigger"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "1 åben aftale, 1 overskredet" in page
    assert f'id="entry-{entry.pk}"' not in page


def test_an_agreement_is_marked_for_a_coming_meeting_from_the_entry_form(login, world):
    meeting, _office_meeting = _slf_and_office_meeting(world)
    today = timezone.localdate()
    entry = _agreement(world, "Drøft ny APV", today + timedelta(days=90))
    client = login(world.a.resource_person)
    form = client.get(reverse("logbook:entry-update", args=[world.a.office.slug, entry.pk])).content.decode()
    assert f'<option value="{meeting.pk}">SLF-møde' in form
    response = client.post(
        reverse("logbook:entry-update", args=[world.a.office.slug, entry.pk]),
        {
            "kind": "agreement",
            "title": entry.title,
            "date": entry.date.isoformat(),
            "responsible": [world.a.staff.pk],
            "due_date": entry.due_date.isoformat(),
            "status": "open",
            "follow_up_meeting": meeting.pk,
            "version": entry.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Entry.objects.get(pk=entry.pk).follow_up_meeting == meeting
    assert f'id="entry-{entry.pk}"' in client.get(meeting.get_absolute_url()).content.decode()


def test_followup_with_hundreds_of_open_agreements_keeps_a_fixed_query_count(
    login, world, django_assert_max_num_queries
):
    meeting, office_meeting = _slf_and_office_meeting(world)
    today = timezone.localdate()
    people = [world.a.staff, world.a.chief, world.a.section_leader]
    entries = Entry.objects.bulk_create(
        Entry(
            office=world.a.office,
            author=world.a.resource_person,
            kind=EntryKind.AGREEMENT,
            title=f"Aftale nr. {i}",
            date=today - timedelta(days=30),
            due_date=today - timedelta(days=i % 20),
            status=AgreementStatus.OPEN if i % 3 else AgreementStatus.IN_PROGRESS,
            meeting=office_meeting if i % 2 else None,
        )
        for i in range(400)
    )
    Entry.responsible.through.objects.bulk_create(
        Entry.responsible.through(entry_id=entry.pk, user_id=people[i % 3].pk) for i, entry in enumerate(entries)
    )
    client = login(world.a.resource_person)
    client.get(meeting.get_absolute_url())  # warm caches (sessions, glossary)
    with django_assert_max_num_queries(12):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    section = body[body.index('id="followup"') :]
    assert section.count('class="entry card') == FOLLOWUP_LIMIT
    assert "400 åbne aftaler" in section and "se alle 400 i logbogen" in section
    with django_assert_max_num_queries(12):
        filtered = client.get(meeting.get_absolute_url(), {"fu-person": world.a.chief.pk, "fu-overdue": "on"})
    assert filtered.status_code == 200
    chiefs_overdue = sum(1 for i in range(400) if i % 3 == 1 and i % 20)
    assert f"{chiefs_overdue} åbne aftaler, {chiefs_overdue} overskredet" in filtered.content.decode()
    assert "Aftale nr. 0<" not in filtered.content.decode()
