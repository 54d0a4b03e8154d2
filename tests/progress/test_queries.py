"""Each page runs a fixed number of queries, however much data there is."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from logbook.models import AgreementStatus, CirclePhase, Entry, EntryKind, LearningCircle
from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingSeries, MeetingStatus
from offices.models import Heading
from tests import factories
from visits.models import Visit

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
#: The office page: session, user, office, membership, then one query each for rhythm, agreements, overdue
#: agreements, circles, visits per section, visits and headings.
OFFICE_PAGE_QUERIES = 11
#: The overview: session, user, administration, the offices with all their figures, the cross-office series.
OVERVIEW_QUERIES = 5


def fill(ow, size: int):
    """``size`` of everything in one office: meetings with attendance, agreements, entries, circles, visits."""
    office = ow.office
    people = [factories.make_member(office, section=ow.section) for _ in range(8)]
    series = [MeetingSeries.objects.create(office=office, title=f"Serie {i}") for i in range(3)]
    start = datetime(2026, 4, 1, 9, 0, tzinfo=TZ)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            series=series[i % 3],
            starts_at=start + timedelta(days=i),
            ends_at=start + timedelta(days=i, hours=1),
            status=MeetingStatus.MINUTES_PUBLISHED if i % 4 else MeetingStatus.CANCELLED,
            agenda_circulated_at=start + timedelta(days=i - 2),
            minutes_published_at=start + timedelta(days=i + i % 5),
        )
        for i in range(size)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=m, person=p, status=AttendanceStatus.PRESENT if j % 3 else AttendanceStatus.ABSENT)
        for m in meetings
        for j, p in enumerate(people[:4])
    )
    headings = list(Heading.objects.filter(office=office))
    entries = Entry.objects.bulk_create(
        Entry(
            office=office,
            author=ow.resource_person,
            kind=EntryKind.AGREEMENT if i % 2 else EntryKind.ACTIVITY,
            title=f"Aftale {i}",
            date=date(2026, 4, 1) + timedelta(days=i % 200),
            heading=headings[i % 3],
            due_date=date(2026, 4, 1) + timedelta(days=i % 200 + 10) if i % 2 else None,
            status=[AgreementStatus.OPEN, AgreementStatus.KEPT, AgreementStatus.DROPPED][i % 3] if i % 2 else "",
            closed_at=start + timedelta(days=i % 200 + 5) if i % 2 and i % 3 else None,
        )
        for i in range(size * 2)
    )
    Entry.responsible.through.objects.bulk_create(
        Entry.responsible.through(entry_id=e.pk, user_id=people[i % 8].pk)
        for i, e in enumerate(entries)
        if e.kind == EntryKind.AGREEMENT
    )
    phase = CirclePhase.for_office(office)[1]
    LearningCircle.objects.bulk_create(
        LearningCircle(office=office, title=f"Cirkel {i}", challenge="?", phase=phase, phase_since=NOW)
        for i in range(size // 4)
    )
    Visit.objects.bulk_create(
        Visit(
            office=office,
            visitor=people[i % 8],
            host=people[(i + 1 + i // 8) % 8] if (i + 1 + i // 8) % 8 != i % 8 else ow.chief,
            during=DateTimeTZRange(start + timedelta(days=i % 230), start + timedelta(days=i % 230, minutes=30)),
            topic="Budget",
        )
        for i in range(size)
    )


def rendered(response, *texts):
    """The page answered 200 and shows ``texts`` (rows, not only the frame)."""
    assert response.status_code == 200
    body = response.content.decode()
    assert [t for t in texts if t not in body] == []


def workbook_texts(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return {str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell}


def office_page_queries(client, world):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("progress:office", args=[world.a.office.slug]), {"period": "year"})
    rendered(response, "Serie 0</th>", "Serie 2</th>", "Cirkel 1</a>")
    return len(ctx.captured_queries)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_office_page_query_count_does_not_grow_with_data(login, world, django_assert_max_num_queries):
    client = login(world.a.chief)
    fill(world.a, 10)
    small = office_page_queries(client, world)
    print("office page queries:", small)
    fill(world.a, 120)  # more than a page of everything
    assert office_page_queries(client, world) == small
    with django_assert_max_num_queries(OFFICE_PAGE_QUERIES):
        response = client.get(reverse("progress:office", args=[world.a.office.slug]), {"period": "year"})
    rendered(response, "Serie 1</th>", "Cirkel 29</a>")
    client = login(world.a.staff)
    with django_assert_max_num_queries(OFFICE_PAGE_QUERIES):
        response = client.get(reverse("progress:office", args=[world.a.office.slug]))
    rendered(response, world.a.office.name)
    # A head of administration without a membership costs the access check one more query.
    client = login(world.head)
    with django_assert_max_num_queries(OFFICE_PAGE_QUERIES + 1):
        response = client.get(reverse("progress:office", args=[world.a.office.slug]), {"period": "year"})
    rendered(response, "Serie 0</th>", "Cirkel 29</a>")


def test_overview_query_count_does_not_grow_with_offices(login, world, django_assert_max_num_queries):
    client = login(world.head)
    url = reverse("progress:administration", args=[world.administration.slug])
    fill(world.a, 60)
    fill(world.b, 60)
    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(url, {"sort": "-kept_pct"})
    assert len(response.context["rows"]) == 2
    rendered(response, f"{world.a.office.name}</a>", f"{world.b.office.name}</a>")
    for i in range(12):
        factories.make_member(factories.make_office(world.administration, name=f"Kontor {i}"))
    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(url, {"sort": "-kept_pct"})
    assert len(response.context["rows"]) == 14
    rendered(response, f"{world.a.office.name}</a>", "Kontor 0</a>", "Kontor 11</a>")


def test_exports_query_counts(login, world, django_assert_max_num_queries):
    fill(world.a, 60)
    client = login(world.a.chief)
    with django_assert_max_num_queries(OFFICE_PAGE_QUERIES):
        response = client.get(reverse("progress:office-export", args=[world.a.office.slug]), {"period": "year"})
    assert {"Serie 0", "Serie 2", "Cirkel 14"} <= workbook_texts(response)
    client = login(world.head)
    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(reverse("progress:administration-export", args=[world.administration.slug]))
    assert {world.a.office.name, world.b.office.name} <= workbook_texts(response)
