"""Chart geometry for server-rendered SVG (the templates draw it; no JavaScript), shared by every app.

Python computes coordinates, ticks and labels; a template writes ``<svg role="img">`` with a ``<title>`` and
``<desc>``, and every chart has a data table next to it. Styling is by class names in static CSS (no inline
styles, strict CSP).

The pieces:

- ``Frame``: the drawing area (``width``/``height`` of the viewBox) and the plot box inside its margins.
- ``Scale``: a linear map from data values (numbers, or dates through ``date.toordinal``) to pixels.
- ``value_ticks(low, high)``: "nice" round values (1, 2, 2.5, 5 × 10ⁿ) covering the data; ``value_axis`` turns
  them into ``Tick``\\ s with labels in the active language's number format (``2,5`` in Danish).
- ``date_ticks(start, end)``: days, Mondays, month starts, quarters or years, whichever gives a handful of
  ticks; ``date_axis`` labels them through Django's localisation (``3. dec``, ``dec 2026``).
- ``sparkline``, ``bar_chart``, ``line_chart``: the progress pages' charts.

Run charts (``logbook/runchart.py``) and the progress charts (``progress/pages.py``) build on these.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import formats
from django.utils.translation import pgettext


@dataclass
class Frame:
    """The viewBox (``width`` × ``height``) and the plot box: x from ``left`` to ``right``, y from ``top`` down
    to ``bottom`` (SVG's y grows downwards)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @classmethod
    def with_margins(cls, width: int, height: int, left: int, right: int, top: int, bottom: int) -> "Frame":
        return cls(width, height, left, width - right, top, height - bottom)

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def plot_height(self) -> int:
        return self.bottom - self.top


@dataclass
class Scale:
    """Maps the domain ``low``..``high`` onto the pixels ``start``..``end`` (either may be the larger)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value) -> float:
        if isinstance(value, date):
            value = value.toordinal()
        span = (self.high - self.low) or 1
        return round(self.start + (float(value) - self.low) / span * (self.end - self.start), 1)


def date_scale(first: date, last: date, start: float, end: float) -> Scale:
    """A time axis; one day wide when ``first == last`` so a single point sits in the middle."""
    low, high = first.toordinal(), last.toordinal()
    if low == high:
        low, high = low - 1, high + 1
    return Scale(low, high, start, end)


@dataclass
class Tick:
    at: float  # pixel position along the axis
    label: str
    value: object = None


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** _floor_log10(raw)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _floor_log10(x: float) -> int:
    exponent = 0
    while x >= 10:
        x, exponent = x / 10, exponent + 1
    while x < 1:
        x, exponent = x * 10, exponent - 1
    return exponent


def value_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values from at or below ``low`` to at or above ``high``, about ``count`` intervals apart."""
    low, high = float(low), float(high)
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low, count)
    first = _floor_div(low, step) * step
    ticks, value = [], first
    while value < high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _floor_div(value: float, step: float) -> int:
    quotient = value / step
    whole = int(quotient)
    return whole - 1 if quotient < whole else whole


def _decimals(ticks: list[float]) -> int:
    for places in range(4):
        if all(abs(round(t, places) - t) < 1e-9 for t in ticks):
            return places
    return 4


def value_axis(ticks: list[float], scale: Scale) -> list[Tick]:
    """Ticks labelled in the active language's number format, with as many decimals as the step needs."""
    places = _decimals(ticks)
    return [Tick(scale(t), formats.number_format(Decimal(str(t)), places), t) for t in ticks]


def date_ticks(first: date, last: date, count: int = 6) -> tuple[list[date], str]:
    """Tick dates between ``first`` and ``last`` and their unit (``day``, ``week``, ``month``, ``quarter``,
    ``year``): the finest unit that gives at most about ``count`` ticks."""
    days = (last - first).days
    if days <= count:
        return [first + timedelta(days=i) for i in range(days + 1)], "day"
    for weeks in (1, 2, 4):
        if days / (7 * weeks) <= count:
            monday = first + timedelta(days=(7 - first.weekday()) % 7)
            return _every(monday, last, lambda d, w=weeks: d + timedelta(weeks=w)), "week"
    for months, unit in ((1, "month"), (2, "month"), (3, "quarter"), (6, "quarter")):
        if days / (30.44 * months) <= count:
            start = _month_start_on_or_after(first, months)
            return _every(start, last, lambda d, m=months: _add_months(d, m)), unit
    years = max(1, round(days / 365.25 / count))
    start = date(first.year + (first != date(first.year, 1, 1)), 1, 1)
    return _every(start, last, lambda d: date(d.year + years, 1, 1)), "year"


def _every(start: date, last: date, step) -> list[date]:
    out, day = [], start
    while day <= last:
        out.append(day)
        day = step(day)
    return out


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _month_start_on_or_after(day: date, every: int) -> date:
    start = day if day.day == 1 else _add_months(day, 1)
    while (start.month - 1) % every:
        start = _add_months(start, 1)
    return start


def date_label(day: date, unit: str = "day", with_year: bool = False) -> str:
    """A date as an axis or annotation shows it, through Django's localisation ("3. dec", "dec 2026")."""
    if unit in ("month", "quarter"):
        # Translators: a month on a chart's time axis (Django date format: b = "dec", Y = 2026).
        fmt = pgettext("chart month", "M Y") if with_year else pgettext("chart month without year", "M")
    elif unit == "year":
        fmt = "Y"
    else:
        # Translators: a day on a chart's time axis (Django date format: j = 3, b = "dec", Y = 2026).
        fmt = pgettext("chart day", "M j, Y") if with_year else pgettext("chart day without year", "M j")
    return formats.date_format(day, fmt)


def date_axis(first: date, last: date, scale: Scale, count: int = 6) -> list[Tick]:
    """Labelled time ticks; the year is shown on the first tick and wherever it changes."""
    days, unit = date_ticks(first, last, count)
    ticks, year = [], None
    for day in days:
        ticks.append(Tick(scale(day), date_label(day, unit, with_year=day.year != year), day))
        year = day.year
    return ticks


# --- The progress pages' charts ----------------------------------------------------------------------------------


@dataclass
class Sparkline:
    width: int
    height: int
    polyline: str
    last: tuple[float, float] | None
    values: list


def sparkline(values: list, width: int = 96, height: int = 24, pad: int = 3) -> Sparkline:
    """A small trend line; months without a value (None) are left out of the line."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if not known:
        return Sparkline(width, height, "", None, values)
    low = min(v for _, v in known)
    high = max(v for _, v in known)
    span = (high - low) or 1
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = [
        (round(pad + i * step, 1), round(height - pad - (v - low) / span * (height - 2 * pad), 1)) for i, v in known
    ]
    return Sparkline(width, height, " ".join(f"{x},{y}" for x, y in points), points[-1], values)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: object
    series: int
    text_x: float = 0
    text_y: float = 0


@dataclass
class BarGroup:
    label: str
    y: float
    bars: list[Bar] = field(default_factory=list)


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int
    label_x: int
    groups: list[BarGroup]
    legend: list[tuple[int, str, float]]
    threshold_x: float | None = None


def bar_chart(
    groups: list[tuple[str, list]],
    series: list[str],
    width: int = 640,
    label_width: int = 220,
    bar_height: int = 14,
    threshold: float | None = None,
    maximum: float | None = None,
) -> BarChart:
    """Horizontal grouped bars: one group per row label, one bar per series."""
    values = [v or 0 for _, vs in groups for v in vs]
    top = max([*values, threshold or 0, maximum or 0, 1])
    plot = width - label_width - 50
    y = 8
    out = []
    for label, vs in groups:
        group = BarGroup(label=label, y=y + bar_height * len(series) / 2 + 4)
        for i, v in enumerate(vs):
            w = round((v or 0) / top * plot, 1)
            group.bars.append(
                Bar(label_width, y, max(w, 0.5), bar_height - 2, v, i, label_width + w + 4, y + bar_height - 4)
            )
            y += bar_height
        y += 10
        out.append(group)
    legend = [(i, name, label_width + i * 150) for i, name in enumerate(series)]
    threshold_x = round(label_width + threshold / top * plot, 1) if threshold is not None else None
    return BarChart(width, int(y + 4), label_width, label_width - 8, out, legend, threshold_x)


@dataclass
class Line:
    label: str
    series: int
    polyline: str
    points: list[tuple[float, float, object]]


@dataclass
class LineChart:
    width: int
    height: int
    lines: list[Line]
    x_labels: list[tuple[float, str]]
    y_max: int
    top: int
    bottom: int
    left: int
    right: int
    legend: list[tuple[int, str, float]]
    y_ticks: list[Tick] = field(default_factory=list)


def line_chart(labels: list[str], lines: list[tuple[str, list]], width: int = 640, height: int = 240) -> LineChart:
    """Lines over time (e.g. entries per heading per month), one line per series; ``y_ticks`` label the values."""
    left, right, top, bottom = 40, 40, 20, height - 30
    y_max = max([v or 0 for _, vs in lines for v in vs] + [1])
    ticks = [t for t in value_ticks(0, y_max, count=4) if t <= y_max]
    step = (width - left - right) / max(len(labels) - 1, 1)
    y = Scale(0, y_max, bottom, top)

    def x(i):
        return round(left + i * step, 1)

    out = []
    for n, (label, vs) in enumerate(lines):
        points = [(x(i), y(v or 0), v) for i, v in enumerate(vs)]
        out.append(Line(label, n % 4, " ".join(f"{px},{py}" for px, py, _ in points), points))
    legend = [(n % 4, label, left + n * 200) for n, (label, _) in enumerate(lines)]
    every = max(1, len(labels) // 8)
    x_labels = [(x(i), lab) for i, lab in enumerate(labels) if i % every == 0]
    return LineChart(
        width, height, out, x_labels, y_max, top, bottom, left, width - right, legend, value_axis(ticks, y)
    )
