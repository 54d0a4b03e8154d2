"""The shared chart geometry: nice value ticks, date ticks by unit, localised labels."""

from datetime import date

from django.utils import translation

from slf.charts import Scale, date_axis, date_scale, date_ticks, line_chart, value_axis, value_ticks


def test_value_ticks_are_round_and_cover_the_data():
    assert value_ticks(3, 17) == [0, 5, 10, 15, 20]
    assert value_ticks(-3, 12) == [-5, 0, 5, 10, 15]
    assert value_ticks(0.2, 0.9) == [0.2, 0.4, 0.6, 0.8, 1.0]
    assert value_ticks(5, 5) == [4.0, 4.5, 5.0, 5.5, 6.0]


def test_value_labels_use_the_languages_decimal_mark():
    scale = Scale(0, 1, 100, 0)
    with translation.override("da"):
        assert [t.label for t in value_axis([0.5, 1.0], scale)] == ["0,5", "1,0"]
    with translation.override("en"):
        assert [t.label for t in value_axis([0.5, 1.0], scale)] == ["0.5", "1.0"]
    assert [t.at for t in value_axis([0.5, 1.0], scale)] == [50.0, 0.0]


def test_date_ticks_pick_the_unit_that_gives_a_handful():
    assert date_ticks(date(2026, 1, 5), date(2026, 1, 9))[1] == "day"
    days, unit = date_ticks(date(2026, 1, 5), date(2026, 3, 30))
    assert unit == "week" and all(d.weekday() == 0 for d in days)
    days, unit = date_ticks(date(2025, 11, 5), date(2026, 9, 30))
    assert unit == "month" and all(d.day == 1 for d in days) and len(days) <= 6
    assert date_ticks(date(2019, 3, 1), date(2026, 9, 30))[1] == "year"


def test_date_labels_are_danish_with_the_year_where_it_changes():
    first, last = date(2025, 11, 5), date(2026, 9, 30)
    with translation.override("da"):
        labels = [t.label for t in date_axis(first, last, date_scale(first, last, 0, 600))]
    assert labels[0] == "jan 2026" and "maj" in labels and "Maj" not in labels
    with translation.override("da"):
        weekly = [
            t.label
            for t in date_axis(
                date(2025, 12, 1), date(2026, 1, 26), date_scale(date(2025, 12, 1), date(2026, 1, 26), 0, 600)
            )
        ]
    assert weekly == ["1. dec 2025", "15. dec", "29. dec", "12. jan 2026", "26. jan"]


def test_line_chart_keeps_its_scale_and_adds_value_ticks():
    chart = line_chart(["jan", "feb"], [("A", [3, 7])])
    assert chart.y_max == 7
    assert [t.value for t in chart.y_ticks] == [0, 2, 4, 6]
    assert chart.y_ticks[0].at == chart.bottom
