"""What the progress figures say, with known answers: units of change, better/worse, coming meetings, kept % with
its open and overdue counts, figures with nothing to count, learning circles' phases, the overview's columns.

Time is frozen on Friday 20 November 2026 at noon in Copenhagen: this quarter is 1 October to 31 December 2026.
"""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from logbook.models import AgreementStatus, CirclePhase, Entry, EntryKind, LearningCircle
from meetings.models import Meeting, MeetingSeries, MeetingStatus
from progress import wording

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def at(y, m, d, hh=9):
    return datetime(y, m, d, hh, 0, tzinfo=TZ)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def agreement(ow, opened, due, status=AgreementStatus.OPEN, closed_at=None):
    return Entry.objects.create(
        office=ow.office,
        author=ow.resource_person,
        kind=EntryKind.AGREEMENT,
        title=f"Aftale {opened}",
        date=opened,
        due_date=due,
        status=status,
        closed_at=closed_at,
    )


def meeting(series, starts_at, status=MeetingStatus.PLANNED):
    return Meeting.objects.create(
        series=series, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), status=status
    )


# --- the wording itself ---------------------------------------------------------------------------


@pytest.fixture
def english():
    """Earlier requests in the same thread may leave another language active."""
    with translation.override("en"):
        yield


def test_a_drop_of_twenty_points_reads_as_percentage_points_and_worse(english):
    drop = wording.change(60, 80, wording.PCT, wording.UP)
    assert (drop.text, drop.arrow, drop.verdict) == ("\u221220 percentage points", "↓", "worse")
    assert drop.words == "\u221220 percentage points, worse"
    rise = wording.change(51, 50, wording.PCT, wording.UP)
    assert (rise.text, rise.verdict) == ("+1 percentage point", "better")
    with translation.override("da"):
        drop = wording.change(60, 80, wording.PCT, wording.UP)
        assert (drop.text, drop.verdict) == ("\u221220 procentpoint", "dårligere")
        assert wording.change(51, 50, wording.PCT, wording.UP).verdict == "bedre"


def test_counts_change_in_counts_and_days_in_days(english):
    assert wording.change(5, 2, wording.COUNT, wording.DOWN).words == "+3, worse"
    assert wording.change(2, 5, wording.COUNT, wording.DOWN).words == "\u22123, better"
    assert wording.change(4, 1).words == "+3"  # no direction: no verdict
    assert wording.change(27.5, 31, wording.DAYS, wording.DOWN).words == "\u22123.5 days, better"
    assert wording.change(7, 7, wording.PCT, wording.UP).words == "unchanged"
    assert wording.change(None, 7) is None
    with translation.override("da"):
        assert wording.change(27.5, 31, wording.DAYS, wording.DOWN).words == "\u22123,5 dage, bedre"
        assert wording.value_text(27.5, wording.DAYS) == "27,5 dage"
        assert wording.value_text(1, wording.DAYS) == "1 dag"


def test_time_in_phase_reads_as_a_manager_says_it(english):
    assert [wording.time_in_phase(d) for d in (0, 1, 13, 14, 21, 60, 61, 95)] == [
        "since today",
        "1 day",
        "13 days",
        "2 weeks",
        "3 weeks",
        "8 weeks",
        "2 months",
        "3 months",
    ]
    with translation.override("da"):
        assert wording.time_in_phase(21) == "3 uger"
        assert wording.time_in_phase(1) == "1 dag"


# --- the office page ------------------------------------------------------------------------------


@pytest.fixture
def rhythm(world):
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde")
    meeting(series, at(2026, 10, 8), MeetingStatus.MINUTES_PUBLISHED)
    meeting(series, at(2026, 11, 5), MeetingStatus.HELD)
    meeting(series, at(2026, 11, 12))  # passed, never marked held
    meeting(series, at(2026, 10, 22), MeetingStatus.CANCELLED)
    meeting(series, at(2026, 11, 20, 14))  # this afternoon: still to come
    meeting(series, at(2026, 12, 3))  # still to come
    meeting(series, at(2026, 9, 10), MeetingStatus.HELD)  # previous quarter
    return series


def test_meetings_still_to_come_are_coming_not_unheld(login, world, rhythm):
    response = login(world.a.chief).get(reverse("progress:office", args=[world.a.office.slug]))
    assert response.status_code == 200
    assert response.context["rhythm_summary"] == (
        "2 of the 3 meetings so far were held; 1 cancelled; 2 coming. Previous period: 1 of 1 meeting held."
    )
    table = {f["label"]: f for f in response.context["rhythm_table"]}
    assert table["Meetings still to come in the period"]["value"] == 2
    assert table["Meetings passed without being marked held"]["value"] == 1
    assert table["Meetings held"]["change"].words == "+1, better"
    with translation.override("da"):
        response = login(world.a.chief, language="da").get(reverse("progress:office", args=[world.a.office.slug]))
    assert "2 af de 3 møder indtil nu er afholdt; 1 aflyst; 2 kommende." in response.content.decode()


def test_kept_share_stands_with_the_open_and_overdue_counts(login, world):
    a = world.a
    agreement(a, date(2026, 8, 1), date(2026, 8, 20), AgreementStatus.KEPT, at(2026, 9, 1))  # Q3: 1 of 1 kept
    for day in (1, 2, 3, 4):
        agreement(a, date(2026, 10, day), date(2026, 10, 20), AgreementStatus.KEPT, at(2026, 10, 25))
    agreement(a, date(2026, 10, 5), date(2026, 10, 20), AgreementStatus.DROPPED, at(2026, 10, 25))
    agreement(a, date(2026, 10, 6), date(2026, 11, 1))  # open and overdue
    agreement(a, date(2026, 10, 7), date(2026, 12, 1), AgreementStatus.IN_PROGRESS)  # open, not due yet
    response = login(world.a.chief).get(reverse("progress:office", args=[world.a.office.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    unit = text_of(body[body.index('class="kept-unit"') : body.index("</div>", body.index('class="kept-unit"'))])
    assert "80 % kept, of 5 agreements closed in the period" in unit
    assert "\u221220 percentage points, worse since the previous period" in unit
    assert "2 open now" in unit and "1 overdue now" in unit
    table = {f["label"]: f for f in response.context["agreements_table"]}
    kept = table["Kept, of the agreements closed in the period"]
    assert (kept["value_text"], kept["previous_text"], kept["change"].words) == (
        "80 %",
        "100 %",
        "\u221220 percentage points, worse",
    )
    # In the table too, kept %, open and overdue are one group of rows, side by side.
    groups = [f["label"] for f in response.context["agreements_table"] if f["group"] == "kept"]
    assert groups == [
        "Kept, of the agreements closed in the period",
        "Open now",
        "Overdue now (open past their due date)",
    ]
    assert "−20 percentage points" in body and ">-20<" not in body
    with translation.override("da"):
        body = login(world.a.chief, language="da").get(reverse("progress:office", args=[world.a.office.slug]))
        body = text_of(body.content.decode())
    assert "\u221220 procentpoint dårligere" in body


def test_a_figure_with_nothing_to_count_says_so(login, world):
    response = login(world.a.chief).get(reverse("progress:office", args=[world.a.office.slug]))
    assert response.status_code == 200
    table = {f["label"]: f for f in response.context["agreements_table"]}
    assert (
        table["Kept, of the agreements closed in the period"]["value_text"] == "No agreements were closed in the period"
    )
    body = text_of(response.content.decode())
    assert "Agreements kept No agreements were closed in the period" in body
    assert "Kept, of the agreements closed in the period No agreements were closed in the period" in body
    assert "Attendance at held meetings (present of those recorded) No attendance recorded in the period" in body
    assert "No meetings held in the period" in body
    with translation.override("da"):
        body = login(world.a.chief, language="da").get(reverse("progress:office", args=[world.a.office.slug]))
    assert "Ingen aftaler afsluttet i perioden" in body.content.decode()


def test_learning_circles_show_their_phase_and_time_in_it(login, world):
    phases = CirclePhase.for_office(world.a.office)
    LearningCircle.objects.create(
        office=world.a.office,
        title="Sagsgange",
        challenge="?",
        phase=phases[1],
        phase_since=NOW - timedelta(days=21),
    )
    LearningCircle.objects.create(office=world.a.office, title="Ny", challenge="?", phase=phases[0], phase_since=NOW)
    response = login(world.a.chief).get(reverse("progress:office", args=[world.a.office.slug]))
    body = text_of(response.content.decode())
    assert "Sagsgange Analyser data · 3 weeks" in body
    assert "Ny Indsaml data · since today" in body
    assert 'id="circles-chart-title"' not in response.content.decode()  # no bar chart of (mostly) zeros


# --- the administration overview ------------------------------------------------------------------


def test_overview_shows_main_columns_and_all_one_click_away_keeping_the_sort(login, world):
    client = login(world.head)
    url = reverse("progress:administration", args=[world.administration.slug])
    response = client.get(url, {"sort": "-overdue"})
    assert response.status_code == 200
    body = response.content.decode()
    headers = [label for g in response.context["column_groups"] for _k, label, _u in g["columns"]]
    assert headers == [
        "Meetings held",
        "Meetings so far (not cancelled)",
        "Agreements kept %",
        "Open agreements",
        "Overdue agreements",
        "Learning circles stuck",
        "Coverage of possible pairs",
    ]
    assert ">Meetings cancelled</a>" not in body
    assert 'href="?period=quarter&amp;sort=-overdue&amp;columns=all">Show all 18 columns</a>' in body
    assert "Sorted by Overdue agreements, highest first." in body
    assert 'class="scroll-cue"' in body and 'aria-describedby="overview-scroll-cue"' in body
    response = client.get(url, {"sort": "-overdue", "columns": "all"})
    body = response.content.decode()
    assert len([k for g in response.context["column_groups"] for k in g["columns"]]) == 18
    assert ">Meetings cancelled</a>" in body
    # Sorting keeps the columns, the toggle keeps the sort, and so does the period form.
    assert 'aria-sort="descending"><a href="?period=quarter&amp;columns=all&amp;sort=overdue"' in body
    assert 'href="?period=quarter&amp;sort=-overdue">Show the main columns only</a>' in body
    assert '<input type="hidden" name="columns" value="all">' in body
    assert 'class="scroll-cue is-wide"' in body


def test_overview_has_one_measure_per_chart_and_no_all_zero_chart(login, world):
    agreement(world.b, date(2026, 10, 1), date(2026, 10, 2), AgreementStatus.KEPT, at(2026, 10, 3))
    response = login(world.head).get(reverse("progress:administration", args=[world.administration.slug]))
    assert response.status_code == 200
    kept = response.context["kept_chart"]
    assert [name for _i, name, _x in kept.legend] == ["agreements kept %"]
    assert [[b.value for b in g.bars] for g in kept.groups] == [[None], [100]]  # a: nothing closed, b: 100 %
    assert response.context["visited_chart"] is None  # no visits anywhere: the summary says it, no row of zeros
    assert 'id="kept-chart-title"' in response.content.decode()
    assert 'id="visited-chart-title"' not in response.content.decode()


def test_cross_office_meetings_still_to_come_are_coming(login, world):
    series = MeetingSeries.objects.create(administration=world.administration, title="Tværgående møde")
    meeting(series, at(2026, 10, 14), MeetingStatus.HELD)
    meeting(series, at(2026, 12, 14))  # still to come
    response = login(world.head).get(reverse("progress:administration", args=[world.administration.slug]))
    assert response.status_code == 200
    row = response.context["cross_office"][0]
    assert (row["held"], row["due"], row["coming"], row["planned"]) == (1, 1, 1, 2)
    assert ">Still to come</th>" in response.content.decode()
