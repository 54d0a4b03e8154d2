"""Run charts: Anhøj's rules with known answers, baselines (freeze) and parts as qicharts2, and the chart drawn."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import translation

from logbook.runchart import analyse, analyse_parts, longest_run_limit, min_crossings, run_chart


@pytest.mark.parametrize(
    ("useful", "longest", "crossings"),
    # Anhøj & Olesen 2014 (and qicharts2): more than `longest` in a row, or fewer than `crossings`, is a signal.
    [(10, 6, 2), (20, 7, 6), (24, 8, 8), (30, 8, 10), (50, 9, 19), (100, 10, 41)],
)
def test_limits_match_the_published_table(useful, longest, crossings):
    assert (longest_run_limit(useful), min_crossings(useful)) == (longest, crossings)


def test_random_looking_series_gives_no_signal():
    result = analyse([5, 7, 4, 8, 5, 7, 3, 8, 6, 4, 7, 5, 8, 4, 6, 7])
    assert not result.signal
    assert result.signal_positions == set()


def test_shift_gives_a_long_run_and_few_crossings():
    result = analyse([3, 4, 3, 4, 3, 4, 3, 4, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10])
    assert result.long_run and result.few_crossings
    assert result.crossings == 1


def test_points_on_the_median_neither_count_nor_break_a_run():
    result = analyse([1, 3, 2, 1, 1, 3, 3])  # median 2: - + (on) - - + +
    assert (result.median, result.useful, result.longest_run, result.crossings) == (2, 6, 2, 3)
    through = analyse([1, 2, 1, 3], centre=2)  # the point on the median sits inside a run of two below
    assert (through.useful, through.longest_run, through.crossings) == (3, 2, 1)


def test_missing_values_are_skipped():
    result = analyse([1, None, 1, 3, None, 3])
    assert (result.median, result.useful, result.longest_run, result.crossings) == (2, 4, 2, 1)
    assert analyse([None, None]).median is None


def test_too_few_useful_points_never_signal():
    assert not analyse([1, 1, 1, 1, 1, 5, 5, 5, 5]).signal  # nine useful values, a run of five


def test_freeze_keeps_the_baseline_median_for_the_values_after_it():
    values = [5, 6, 5, 6, 5, 6] + [9] * 8
    assert not analyse(values).signal  # median 9: the eight nines are on it, six useful values
    (part,) = analyse_parts(values, freeze=6)
    assert part.frozen == 6
    assert part.analysis.median == 5.5
    assert (part.analysis.useful, part.analysis.longest_run, part.analysis.longest_run_limit) == (14, 9, 7)
    assert part.analysis.long_run
    assert part.analysis.signal_positions == set(range(5, 14))  # the last six above the median and the eight


def test_parts_each_get_their_own_median_and_run_analysis():
    values = [10, 12] * 5 + [4, 6] * 5
    assert analyse(values).long_run  # one median for all: ten above, then ten below
    first, second = analyse_parts(values, breaks=[10])
    assert (first.start, first.analysis.median, first.analysis.crossings) == (0, 11, 9)
    assert (second.start, second.analysis.median, second.analysis.crossings) == (10, 5, 9)
    assert not first.analysis.signal and not second.analysis.signal


def test_freeze_applies_to_the_first_part_only_and_breaks_outside_are_ignored():
    values = list(range(20))
    parts = analyse_parts(values, breaks=[0, 10, 25], freeze=4)
    assert [(p.start, p.frozen) for p in parts] == [(0, 4), (10, None)]
    assert parts[0].analysis.median == 1.5


@pytest.fixture(autouse=True)
def _english():
    """The sentences in their source language; the Danish test says so itself."""
    with translation.override("en"):
        yield


def _points(values, start=date(2026, 1, 5)):
    return [SimpleNamespace(date=start + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


def test_chart_marks_the_points_of_a_long_run_with_shape_and_text():
    chart = run_chart(_points([3, 4, 3, 4, 3, 4, 3, 4, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10]), better="down")
    signal = [p for p in chart.points if p.signal]
    assert len(signal) == 8 and all(p.note == "in a run of 8 below the median" for p in signal)
    assert all(p.diamond.startswith("M") for p in signal)
    assert [r.text for r in chart.run_labels] == ["8 in a row"]
    assert chart.sentences[0].startswith("8 values in a row below the median: something has changed")
    assert "It is an improvement." in chart.sentences[0]
    assert chart.sentences[1].startswith("The line crosses the median only 1 time;")


def test_chart_explains_no_signal_and_too_few_values():
    calm = run_chart(_points([5, 7, 4, 8, 5, 7, 3, 8, 6, 4, 7, 5]))
    assert calm.sentences[-1].startswith("No signal: the longest run is")
    few = run_chart(_points([1, 2, 3]))
    assert few.sentences == ["Only 2 values off the median: at least 10 are needed before the chart can show a signal."]


def test_chart_in_danish_says_what_changed_in_danish():
    with translation.override("da"):
        chart = run_chart(_points([4] * 2 + [9] * 8 + [4, 6, 4, 6, 4, 6]))
        assert chart.sentences[0].startswith("8 målinger i træk over medianen: noget har ændret sig")
        assert chart.x_ticks[0].label == "5. jan 2026"
        assert chart.medians[0].label.startswith("median")


def test_chart_draws_parts_with_their_own_medians_and_numbered_steps_at_their_dates():
    points = _points([10, 12] * 5 + [4, 6] * 5)
    chart = run_chart(
        points,
        part_starts=[(points[10].date, "New part: ny procedure")],
        steps=[(date(2025, 12, 1), "started"), (points[9].date + timedelta(days=2), "tried an action")],
    )
    assert [m.label for m in chart.medians] == ["median 11", "median 5"]
    assert len(chart.separators) == 1 and chart.points[9].x < chart.separators[0] < chart.points[10].x
    assert [(a.number, a.text) for a in chart.annotations] == [(1, "tried an action"), (2, "New part: ny procedure")]
    assert chart.annotations[0].x < chart.annotations[1].x
    assert chart.sentences[0].startswith("Part 1: ")


def test_chart_skips_missing_values_in_the_line_and_says_so():
    points = _points([5, None, 7, 6])
    chart = run_chart(points)
    assert len(chart.lines) == 2 and len(chart.drawn) == 3
    assert chart.points[1].note == "missing: skipped"


def test_frozen_median_is_drawn_solid_over_the_baseline_and_dashed_after():
    chart = run_chart(_points([5, 6, 5, 6, 5, 6] + [9] * 8), freeze=6)
    (median,) = chart.medians
    assert median.x1 < median.frozen_x2 == chart.points[5].x < median.x2
    assert chart.sentences[0].startswith("The median 5.5 is frozen on the first 6 values")


def test_chart_coordinates_stay_inside_the_plot():
    chart = run_chart(_points([1, 5, 3, 8, 2]))
    f = chart.frame
    assert all(f.left <= p.x <= f.right and f.top <= p.y <= f.bottom for p in chart.drawn)
    assert chart.y_ticks[0].value <= 1 and chart.y_ticks[-1].value >= 8


def test_a_step_long_after_the_last_value_is_listed_not_drawn():
    points = _points([5, 6, 5, 6])  # three weeks of values
    soon, late = points[-1].date + timedelta(days=10), points[-1].date + timedelta(days=200)
    chart = run_chart(points, steps=[(soon, "soon after"), (late, "much later")])
    assert [a.text for a in chart.annotations] == ["soon after"]
    assert chart.later == [(late, "much later")]
    assert chart.x_ticks[-1].value <= soon
