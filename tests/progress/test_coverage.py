"""Coverage of visits has one definition (visits.models.Coverage): the visits page and the progress page agree.

Time is frozen on Friday 20 November 2026 at noon in Copenhagen. Office a has four members (chief, resource
person, section leader, staff): 12 possible ordered pairs.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse

from tests import factories
from visits.models import Visit, VisitStatus, office_coverage

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def visit(office, visitor, host, starts_at, status=VisitStatus.CONFIRMED):
    return Visit.objects.create(
        office=office,
        visitor=visitor,
        host=host,
        during=DateTimeTZRange(starts_at, starts_at + timedelta(minutes=30)),
        topic="Budget",
        status=status,
    )


@pytest.fixture
def visits(world):
    a = world.a
    office = a.office
    visit(office, a.staff, a.chief, NOW - timedelta(days=40))
    visit(office, a.staff, a.chief, NOW - timedelta(days=10))  # the same pair again: one pair
    visit(office, a.resource_person, a.staff, NOW - timedelta(days=5))
    visit(office, a.chief, a.section_leader, NOW - timedelta(days=3), VisitStatus.CANCELLED)  # did not happen
    visit(office, a.section_leader, a.resource_person, NOW + timedelta(hours=2))  # later today: not yet held
    visit(office, a.chief, a.staff, NOW - timedelta(days=120))  # before the 90 days
    guest = factories.make_member(world.b.office)
    visit(office, guest, a.chief, NOW - timedelta(days=2))  # a guest from office b: a visit, not a pair of a


def test_coverage_definition_with_known_answers(world, visits):
    start_at = datetime(2026, 8, 22, tzinfo=TZ)
    end_at = datetime(2026, 11, 21, tzinfo=TZ)
    cover = office_coverage(world.a.office, start_at, end_at, NOW)
    assert (cover.visits, cover.visitors, cover.pairs, cover.members, cover.possible) == (4, 2, 2, 4, 12)
    assert cover.pct == 17  # 2 of 12 pairs
    # Once the visit later today has taken place, it counts.
    cover = office_coverage(world.a.office, start_at, end_at, NOW + timedelta(hours=3))
    assert (cover.visits, cover.pairs, cover.pct) == (5, 3, 25)
    # An office of one person has no pairs: nothing to count, not 0 %.
    lonely = factories.make_office(world.administration, name="Ene")
    factories.make_member(lonely)
    cover = office_coverage(lonely, start_at, end_at, NOW)
    assert (cover.members, cover.possible, cover.pct) == (1, 0, None)


def test_visits_page_and_progress_page_give_the_same_coverage(login, world, visits):
    client = login(world.a.chief)
    coverage = client.get(reverse("visits:coverage", args=[world.a.office.slug]), {"days": "90"})
    assert coverage.status_code == 200
    start, end = coverage.context["start"], coverage.context["end"]
    assert (start, end) == (date(2026, 8, 22), TODAY)
    progress = client.get(
        reverse("progress:office", args=[world.a.office.slug]),
        {"period": "custom", "from": start.isoformat(), "to": end.isoformat()},
    )
    assert progress.status_code == 200
    on_visits_page = coverage.context["coverage"]
    on_progress_page = progress.context["visits"]
    assert on_visits_page.pct == on_progress_page["coverage_pct"] == 17
    assert on_visits_page.pairs == on_progress_page["pairs"] == 2
    assert on_visits_page.visits == on_progress_page["held"] == 4
    assert "coverage 17 %: 2 of 12 possible pairs have met." in coverage.content.decode()
    # The administration overview counts the same way.
    overview = login(world.head).get(
        reverse("progress:administration", args=[world.administration.slug]),
        {"period": "custom", "from": start.isoformat(), "to": end.isoformat()},
    )
    row = next(r for r in overview.context["rows"] if r["office"] == world.a.office)
    assert row["office"].coverage_pct == 17 and row["office"].visits_held == 4
