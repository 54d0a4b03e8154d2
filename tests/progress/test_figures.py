"""Each figure computed on a small hand-made data set with known answers.

Time is frozen on Friday 20 November 2026 at noon in Copenhagen: "this quarter"
is 1 October to 31 December 2026 and the previous one 1 July to 30 September.
Summer time ended on Sunday 25 October.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse

from logbook.models import (
    AgreementStatus,
    CirclePhase,
    CircleStatus,
    CircleStep,
    Entry,
    EntryKind,
    LearningCircle,
    StepKind,
)
from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingKind, MeetingSeries, MeetingStatus
from offices.models import Heading
from progress import figures
from progress.periods import Period, period_from
from visits.models import Visit, VisitStatus

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
Q4 = Period("quarter", date(2026, 10, 1), date(2026, 12, 31))
Q3 = Q4.previous()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def meeting(series, starts_at, status=MeetingStatus.PLANNED, **kw):
    return Meeting.objects.create(
        series=series, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), status=status, **kw
    )


def agreement(ow, opened, due, status=AgreementStatus.OPEN, closed_at=None, responsible=(), heading=None):
    entry = Entry.objects.create(
        office=ow.office,
        author=ow.resource_person,
        kind=EntryKind.AGREEMENT,
        title=f"Aftale {opened}",
        date=opened,
        due_date=due,
        status=status,
        closed_at=closed_at,
        heading=heading,
    )
    entry.responsible.set(responsible)
    return entry


def visit(ow, visitor, host, starts_at, status=VisitStatus.CONFIRMED):
    return Visit.objects.create(
        office=ow.office,
        visitor=visitor,
        host=host,
        during=DateTimeTZRange(starts_at, starts_at + timedelta(minutes=30)),
        topic="Budget",
        status=status,
    )


# --- periods --------------------------------------------------------------------------------------


def test_periods_and_their_previous_period():
    today = date(2026, 11, 20)
    assert period_from({}, today)[0] == Q4
    assert Period("quarter", date(2026, 7, 1), date(2026, 9, 30)) == Q3
    half = period_from({"period": "half"}, today)[0]
    assert (half.start, half.end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert (half.previous().start, half.previous().end) == (date(2026, 1, 1), date(2026, 6, 30))
    year = period_from({"period": "year"}, today)[0]
    assert (year.previous().start, year.previous().end) == (date(2025, 1, 1), date(2025, 12, 31))
    custom, valid = period_from({"period": "custom", "from": "2026-10-20", "to": "2026-10-29"}, today)
    assert valid and custom.days == 10
    assert (custom.previous().start, custom.previous().end) == (date(2026, 10, 10), date(2026, 10, 19))
    assert period_from({"period": "custom", "from": "nonsense", "to": ""}, today) == (Q4, False)
    # The day summer time ends has 25 hours; the period still ends at local midnight.
    day = Period("custom", date(2026, 10, 25), date(2026, 10, 25))
    assert day.end_at.astimezone(UTC) - day.start_at.astimezone(UTC) == timedelta(hours=25)
    assert Q4.months() == [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]


# --- rhythm ---------------------------------------------------------------------------------------


@pytest.fixture
def slf_series(world):
    series = MeetingSeries.objects.create(office=world.a.office, kind=MeetingKind.SLF, title="SLF-møde")
    a = world.a
    m1 = meeting(
        series,
        at(2026, 10, 8),  # Thursday
        MeetingStatus.MINUTES_PUBLISHED,
        agenda_circulated_at=at(2026, 10, 6),
        minutes_published_at=at(2026, 10, 12, 16),  # Monday: 2 working days later, on time
    )
    for person, status in [
        (a.chief, AttendanceStatus.PRESENT),
        (a.resource_person, AttendanceStatus.PRESENT),
        (a.staff, AttendanceStatus.ABSENT),
        (a.section_leader, AttendanceStatus.EXCUSED),
    ]:
        Attendance.objects.create(meeting=m1, person=person, status=status)
    m2 = meeting(
        series,
        at(2026, 11, 5),  # Thursday
        MeetingStatus.MINUTES_PUBLISHED,
        agenda_circulated_at=at(2026, 11, 5, 10),  # after the start: not before
        minutes_published_at=at(2026, 11, 10, 8),  # Tuesday: 3 working days later, late
    )
    for person in (a.chief, a.resource_person, a.staff):
        Attendance.objects.create(meeting=m2, person=person, status=AttendanceStatus.PRESENT)
    meeting(series, at(2026, 10, 22), MeetingStatus.CANCELLED, cancelled_reason="Sygdom")
    meeting(series, at(2026, 12, 3))  # still to come
    meeting(
        series,
        at(2026, 9, 10),
        MeetingStatus.MINUTES_PUBLISHED,
        agenda_circulated_at=at(2026, 9, 1),
        minutes_published_at=at(2026, 9, 10, 15),
    )
    return series


def test_rhythm_per_series(world, slf_series):
    MeetingSeries.objects.create(office=world.a.office, kind=MeetingKind.THURSDAY, title="Torsdagsmøde")
    rows = figures.rhythm(MeetingSeries.objects.filter(office=world.a.office), Q4, Q3, 2)
    slf = next(r for r in rows if r["title"] == "SLF-møde")
    assert (slf["planned"], slf["held"], slf["cancelled"]) == (4, 2, 1)
    assert (slf["agenda_pct"], slf["minutes_pct"], slf["attendance_pct"]) == (50, 50, 71)  # 5 of 7 present
    assert (slf["planned_prev"], slf["held_prev"], slf["agenda_pct_prev"], slf["minutes_pct_prev"]) == (1, 1, 100, 100)
    assert slf["attendance_pct_prev"] is None  # no attendance recorded
    empty = next(r for r in rows if r["title"] == "Torsdagsmøde")
    assert (empty["planned"], empty["held"], empty["agenda_pct"]) == (0, 0, None)
    # With three working days allowed, the November minutes are on time as well.
    rows = figures.rhythm(MeetingSeries.objects.filter(pk=slf_series.pk), Q4, Q3, 3)
    assert rows[0]["minutes_pct"] == 100


def test_rhythm_uses_local_dates_across_the_end_of_summer_time(world):
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF")
    # 1 October 00:30 in Copenhagen is still 30 September in UTC: it belongs to this quarter.
    meeting(series, at(2026, 10, 1, 0, 30), MeetingStatus.HELD)
    # 31 December 23:30 belongs to this quarter, 1 January 00:30 to the next one.
    meeting(series, at(2026, 12, 31, 23, 30))
    meeting(series, at(2027, 1, 1, 0, 30))
    # Friday 23 October, summer time; minutes Wednesday 28 October 00:30 winter time (Tuesday 23:30 UTC):
    # Monday, Tuesday, Wednesday = 3 working days in Copenhagen, though only 2 by the UTC date.
    meeting(series, at(2026, 10, 23, 14), MeetingStatus.MINUTES_PUBLISHED, minutes_published_at=at(2026, 10, 28, 0, 30))
    row = figures.rhythm(MeetingSeries.objects.filter(pk=series.pk), Q4, Q3, 2)[0]
    assert (row["planned"], row["held"], row["planned_prev"]) == (3, 2, 0)
    assert row["minutes_on_time"] == 0
    assert figures.rhythm(MeetingSeries.objects.filter(pk=series.pk), Q4, Q3, 3)[0]["minutes_on_time"] == 1


def test_meeting_trend_by_month(world, slf_series):
    months = figures.months_between(Q3, Q4)
    rows = figures.rhythm(MeetingSeries.objects.filter(office=world.a.office), Q4, Q3, 2, months)
    trend = figures.rhythm_trend(rows, months)
    assert [m["planned"] for m in trend] == [0, 0, 1, 2, 1, 1]
    assert [m["agenda_pct"] for m in trend] == [None, None, 100, 100, 0, None]
    assert [m["minutes_pct"] for m in trend] == [None, None, 100, 100, 0, None]
    assert [m["attendance_pct"] for m in trend] == [None, None, None, 50, 100, None]
    assert [m["held"] for m in trend] == [0, 0, 1, 1, 1, 0]
    assert [m["cancelled"] for m in trend] == [0, 0, 0, 1, 0, 0]
    assert [(m["present"], m["recorded"]) for m in trend][3:5] == [(2, 4), (3, 3)]


def test_rhythm_of_an_empty_period(world):
    rows = figures.rhythm(MeetingSeries.objects.filter(office=world.a.office), Q4, Q3, 2)
    assert rows == []
    assert figures.rhythm_totals(rows)["agenda_pct"] is None


# --- agreements -----------------------------------------------------------------------------------


@pytest.fixture
def agreements(world):
    a = world.a
    agreement(a, date(2026, 10, 5), date(2026, 10, 20), AgreementStatus.KEPT, at(2026, 10, 15), [a.staff])
    agreement(a, date(2026, 10, 10), date(2026, 11, 1), AgreementStatus.ADJUSTED, at(2026, 11, 10))
    overdue = agreement(a, date(2026, 10, 12), date(2026, 11, 19), responsible=[a.staff, a.chief])
    agreement(a, date(2026, 10, 12), date(2026, 11, 20), AgreementStatus.IN_PROGRESS)  # due today
    agreement(a, date(2026, 9, 1), date(2026, 9, 10), AgreementStatus.KEPT, at(2026, 10, 21))  # 50 days
    agreement(a, date(2026, 8, 1), date(2026, 8, 10), AgreementStatus.DROPPED, at(2026, 9, 15))  # 45 days
    # Closed at 23:30 on 30 September in Copenhagen (21:30 UTC): the previous quarter, 10 days.
    agreement(a, date(2026, 9, 20), date(2026, 9, 25), AgreementStatus.KEPT, at(2026, 9, 30, 23, 30))
    agreement(world.b, date(2026, 10, 5), date(2026, 10, 6))  # another office
    return overdue


def test_agreement_figures(world, agreements):
    agg = figures.agreements(Entry.objects.filter(office=world.a.office), Q4, Q3, date(2026, 11, 20))
    assert (agg["opened"], agg["kept"], agg["adjusted"], agg["dropped"], agg["closed"]) == (4, 2, 1, 0, 3)
    assert agg["kept_pct"] == 67
    assert agg["median_days"] == 31  # 10, 31, 50
    assert agg["overdue"] == 1
    assert (agg["opened_prev"], agg["kept_prev"], agg["dropped_prev"], agg["closed_prev"]) == (3, 1, 1, 2)
    assert agg["kept_pct_prev"] == 50
    assert agg["median_days_prev"] == 27.5  # 10 and 45


def test_agreements_of_an_empty_period(world):
    agg = figures.agreements(Entry.objects.filter(office=world.a.office), Q4, Q3, date(2026, 11, 20))
    assert (agg["opened"], agg["closed"], agg["overdue"]) == (0, 0, 0)
    assert agg["kept_pct"] is None and agg["median_days"] is None


def test_an_agreement_becomes_overdue_at_midnight(world, agreements, login):
    entries = Entry.objects.filter(office=world.a.office)
    with time_machine.travel(datetime(2026, 11, 20, 23, 59, 59, tzinfo=TZ), tick=False):
        response = login(world.a.chief).get(reverse("progress:office", args=[world.a.office.slug]))
        assert response.context["agreements"]["overdue"] == 1
    with time_machine.travel(datetime(2026, 11, 21, 0, 0, 1, tzinfo=TZ), tick=False):
        response = login(world.a.chief).get(reverse("progress:office", args=[world.a.office.slug]))
        assert response.context["agreements"]["overdue"] == 2
        assert [a["days_overdue"] for a in response.context["overdue"]] == [2, 1]
    assert figures.agreements(entries, Q4, Q3, date(2026, 11, 21))["overdue"] == 2


def test_oldest_overdue_agreements_with_their_responsible_people(world, agreements):
    rows = figures.overdue_agreements(Entry.objects.filter(office=world.a.office), date(2026, 11, 20))
    assert len(rows) == 1
    assert rows[0]["pk"] == agreements.pk
    assert rows[0]["people"] == ["a Chief", "a Staff"]
    assert rows[0]["days_overdue"] == 1


def test_agreement_trend_by_month(world, agreements):
    months = figures.months_between(Q3, Q4)
    agg = figures.agreements(Entry.objects.filter(office=world.a.office), Q4, Q3, date(2026, 11, 20), months)
    trend = figures.agreement_trend(agg, months)
    assert [m["opened"] for m in trend] == [0, 1, 2, 4, 0, 0]
    assert [m["kept"] for m in trend] == [0, 0, 1, 2, 0, 0]
    assert [m["closed"] for m in trend] == [0, 0, 2, 2, 1, 0]
    assert [m["kept_pct"] for m in trend] == [None, None, 50, 100, 0, None]
    assert [m["adjusted"] for m in trend] == [0, 0, 0, 0, 1, 0]
    assert [m["dropped"] for m in trend] == [0, 0, 1, 0, 0, 0]
    assert [m["median_days"] for m in trend] == [None, None, 27.5, 30, 31, None]
    # Overdue when each month ended (today for this month and later): August's dropped one until it was
    # dropped in September, September's until it was kept in October, and the one due yesterday.
    assert [m["overdue_at_end"] for m in trend] == [0, 1, 1, 0, 1, 1]


def test_staff_see_the_figures_of_their_own_agreements(world, agreements, login):
    response = login(world.a.staff).get(reverse("progress:office", args=[world.a.office.slug]))
    agg = response.context["agreements"]
    assert (agg["opened"], agg["kept"], agg["overdue"]) == (2, 1, 1)
    assert response.context["overdue"][0]["people"] == ["a Chief", "a Staff"]  # co-responsible people too
    assert "rhythm_rows" not in response.context


# --- learning circles -----------------------------------------------------------------------------


def test_circles_with_days_in_phase_and_stuck_ones(world):
    office = world.a.office
    phases = CirclePhase.for_office(office)
    author = world.a.resource_person

    def circle(title, phase, days, status=CircleStatus.ACTIVE, loop=1):
        return LearningCircle.objects.create(
            office=office,
            title=title,
            challenge="?",
            phase=phases[phase],
            phase_since=NOW - timedelta(days=days),
            status=status,
            loop=loop,
        )

    stuck = circle("Sagsgange", 1, 70)
    moving = circle("Feedback", 3, 10, loop=2)
    circle("Pause", 0, 100, CircleStatus.PAUSED)
    circle("Færdig", 4, 200, CircleStatus.COMPLETED)
    CircleStep.objects.create(
        circle=moving,
        kind=StepKind.FORWARD,
        from_phase=phases[2],
        to_phase=phases[3],
        loop=2,
        author=author,
        created_at=NOW - timedelta(days=5),
    )
    rows = figures.circles(office, date(2026, 11, 20))
    assert [r["title"] for r in rows] == ["Sagsgange", "Pause", "Feedback"]
    by_title = {r["title"]: r for r in rows}
    assert by_title["Sagsgange"]["stuck"] and by_title["Sagsgange"]["days_in_phase"] == 70
    assert not by_title["Pause"]["stuck"]  # paused circles are not stuck
    assert by_title["Feedback"]["loop"] == 2 and by_title["Feedback"]["phase__position"] == 4
    assert by_title["Feedback"]["last_record"] == NOW - timedelta(days=5)
    assert by_title["Sagsgange"]["last_record"] is None
    office.circle_stuck_days = 80
    assert not figures.circles(office, date(2026, 11, 20))[0]["stuck"]
    assert stuck.pk


# --- visits ---------------------------------------------------------------------------------------


@pytest.fixture
def visits(world):
    a = world.a
    visit(a, a.staff, a.chief, at(2026, 10, 6, 10))
    visit(a, a.staff, a.chief, at(2026, 11, 3, 10))  # the same pair again
    visit(a, a.resource_person, a.staff, at(2026, 11, 10, 10))
    visit(a, a.chief, a.resource_person, at(2026, 11, 11, 10), VisitStatus.CANCELLED)
    visit(a, a.section_leader, a.resource_person, at(2026, 11, 27, 10))  # not held yet
    visit(a, a.section_leader, a.chief, at(2026, 8, 12, 10))  # previous period


def test_visit_figures_per_office_and_section(world, visits):
    office = world.a.office
    sections = figures.visit_sections(office, Q4, Q3, NOW)
    summary = figures.visit_summary(figures.visits(office, Q4, Q3, NOW), sections)
    assert (summary["held"], summary["held_prev"]) == (3, 1)
    assert (summary["members"], summary["possible"]) == (4, 12)
    assert (summary["visited"], summary["visited_pct"], summary["visited_pct_prev"]) == (2, 50, 25)
    assert (summary["pairs"], summary["coverage_pct"], summary["coverage_pct_prev"]) == (2, 17, 8)
    by_section = {s["section__name"]: s for s in sections}
    assert (by_section["Budget og Regnskab team"]["members"], by_section["Budget og Regnskab team"]["visited"]) == (
        3,
        2,
    )
    assert by_section["Budget og Regnskab team"]["visited_pct"] == 67
    assert (by_section[None]["members"], by_section[None]["visited_pct"]) == (1, 0)  # the chief, in no section


def test_an_office_with_no_visits(world, visits):
    office = world.b.office
    sections = figures.visit_sections(office, Q4, Q3, NOW)
    summary = figures.visit_summary(figures.visits(office, Q4, Q3, NOW), sections)
    assert (summary["held"], summary["visited_pct"], summary["coverage_pct"]) == (0, 0, 0)
    trend = figures.visit_trend(figures.visits(office, Q4, Q3, NOW, Q4.months()), Q4.months())
    assert [m["held"] for m in trend] == [0, 0, 0]


def test_visit_trend_and_my_visits(world, visits):
    months = figures.months_between(Q3, Q4)
    trend = figures.visit_trend(figures.visits(world.a.office, Q4, Q3, NOW, months), months, 4)
    assert [m["held"] for m in trend] == [0, 1, 0, 1, 2, 0]
    assert [m["pairs"] for m in trend] == [0, 1, 0, 1, 2, 0]
    assert [m["visited_pct"] for m in trend] == [0, 25, 0, 25, 50, 0]
    assert [m["coverage_pct"] for m in trend] == [0, 8, 0, 8, 17, 0]
    assert [m["visitors"] for m in trend] == [0, 1, 0, 1, 2, 0]
    mine = figures.my_visits(world.a.staff, world.a.office, Q4, Q3, NOW)
    assert (mine["made"], mine["hosted"], mine["colleagues"], mine["made_prev"]) == (2, 1, 1, 0)


# --- headings -------------------------------------------------------------------------------------


def test_activity_per_heading_by_month(world):
    office = world.a.office
    open_practice, dialogues, systematic = Heading.objects.filter(office=office).order_by("position")
    author = world.a.resource_person
    for day, heading in [(date(2026, 10, 2), open_practice), (date(2026, 11, 2), open_practice)]:
        Entry.objects.create(office=office, author=author, title="Oplæg", date=day, heading=heading)
    Entry.objects.create(office=office, author=author, title="Gammel", date=date(2026, 8, 2), heading=dialogues)
    agreement(world.a, date(2026, 11, 3), date(2026, 12, 1), heading=dialogues)
    rows = figures.headings(office, Q4, Q3, Q4.months())
    assert [r["name"] for r in rows] == [open_practice.name, dialogues.name, systematic.name]
    counts = {r["name"]: (r["entry_count"], r["agreement_count"], r["entry_count_prev"]) for r in rows}
    assert counts == {open_practice.name: (2, 0, 0), dialogues.name: (1, 1, 1), systematic.name: (0, 0, 0)}
    assert [m["entries"] for m in rows[0]["months"]] == [1, 1, 0]
    assert [m["agreements"] for m in rows[1]["months"]] == [0, 1, 0]


# --- administration overview ----------------------------------------------------------------------


def test_overview_rows_sorted_by_agreements_kept(world, agreements, visits, slf_series):
    b = world.b
    agreement(b, date(2026, 10, 1), date(2026, 10, 2), AgreementStatus.KEPT, at(2026, 10, 3))  # b: 100 % kept
    rows = figures.office_rows(world.administration, Q4, date(2026, 11, 20), NOW, "-kept_pct")
    assert [o.name for o in rows] == ["Personale", "Budget og Regnskab"]
    a_row = rows[1]
    assert (a_row.kept_pct, a_row.median_days, a_row.overdue, a_row.opened) == (67, 31, 1, 4)
    assert (a_row.planned, a_row.held, a_row.cancelled, a_row.agenda_pct, a_row.minutes_pct) == (4, 2, 1, 50, 50)
    assert a_row.attendance_pct == 71
    assert (a_row.visits_held, a_row.members, a_row.visited_pct, a_row.coverage_pct) == (3, 4, 50, 17)
    b_row = rows[0]
    assert (b_row.kept_pct, b_row.visits_held, b_row.visited_pct, b_row.agenda_pct) == (100, 0, 0, None)
    rows = figures.office_rows(world.administration, Q4, date(2026, 11, 20), NOW, "kept_pct")
    assert [o.name for o in rows] == ["Budget og Regnskab", "Personale"]
    # Offices without a value sort last either way.
    rows = figures.office_rows(world.administration, Q4, date(2026, 11, 20), NOW, "agenda_pct")
    assert [o.name for o in rows] == ["Budget og Regnskab", "Personale"]


def test_overview_counts_stuck_circles_with_each_offices_own_limit(world):
    for ow, limit in ((world.a, 60), (world.b, 90)):
        ow.office.circle_stuck_days = limit
        ow.office.save()
        phase = CirclePhase.for_office(ow.office)[0]
        LearningCircle.objects.create(
            office=ow.office, title="C", challenge="?", phase=phase, phase_since=NOW - timedelta(days=70)
        )
    rows = {o.name: o for o in figures.office_rows(world.administration, Q4, date(2026, 11, 20), NOW, "name")}
    assert (rows["Budget og Regnskab"].circles_running, rows["Budget og Regnskab"].stuck) == (1, 1)
    assert (rows["Personale"].circles_running, rows["Personale"].stuck) == (1, 0)


def test_cross_office_series_rhythm(world, login):
    series = MeetingSeries.objects.create(
        administration=world.administration, kind=MeetingKind.CROSS_OFFICE, title="Tværgående møde"
    )
    meeting(series, at(2026, 10, 14), MeetingStatus.HELD, agenda_circulated_at=at(2026, 10, 1))
    meeting(series, at(2026, 12, 14))
    response = login(world.head).get(reverse("progress:administration", args=[world.administration.slug]))
    row = response.context["cross_office"][0]
    assert (row["title"], row["planned"], row["held"], row["agenda_pct"], row["minutes_pct"]) == (
        "Tværgående møde",
        2,
        1,
        100,
        0,
    )


def test_the_export_holds_the_same_figures(world, agreements, visits, login):
    import io

    from openpyxl import load_workbook

    response = login(world.a.chief).get(reverse("progress:office-export", args=[world.a.office.slug]))
    book = load_workbook(io.BytesIO(response.content))
    rows = {row[0]: row[1:] for row in book["Agreements"].iter_rows(min_row=2, values_only=True)}
    assert rows["Kept, of the agreements closed in the period"] == (67, 50, "%")
    assert rows["Median days from agreement to closing"] == (31, 27.5, None)
    assert rows["Overdue now (open past their due date)"] == (1, None, None)
    overdue = list(book["Overdue agreements"].iter_rows(min_row=2, values_only=True))
    assert overdue[0][2:] == (1, "a Chief, a Staff")
    visits = {row[0]: row[1:3] for row in book["Visits"].iter_rows(min_row=2, values_only=True)}
    assert visits["Coverage: pairs of colleagues who have met, of all possible pairs"] == (17, 8)
