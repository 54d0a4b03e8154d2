"""Coordinates for server-rendered SVG charts (the templates draw them; no JavaScript).

Same approach as ``logbook/runchart.py``: Python computes the geometry, the
template writes ``<svg role="img">`` with a ``<title>``, and every chart has a
data table next to it.
"""

from dataclasses import dataclass, field


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


def line_chart(labels: list[str], lines: list[tuple[str, list]], width: int = 640, height: int = 240) -> LineChart:
    """Lines over time (e.g. entries per heading per month), one line per series."""
    left, right, top, bottom = 40, 40, 20, height - 30
    y_max = max([v or 0 for _, vs in lines for v in vs] + [1])
    step = (width - left - right) / max(len(labels) - 1, 1)

    def x(i):
        return round(left + i * step, 1)

    def y(v):
        return round(bottom - (v or 0) / y_max * (bottom - top), 1)

    out = []
    for n, (label, vs) in enumerate(lines):
        points = [(x(i), y(v), v) for i, v in enumerate(vs)]
        out.append(Line(label, n % 4, " ".join(f"{px},{py}" for px, py, _ in points), points))
    legend = [(n % 4, label, left + n * 200) for n, (label, _) in enumerate(lines)]
    every = max(1, len(labels) // 8)
    x_labels = [(x(i), lab) for i, lab in enumerate(labels) if i % every == 0]
    return LineChart(width, height, out, x_labels, y_max, top, bottom, left, width - right, legend)
