"""Run charts with Anhøj's rules for non-random variation, baselines (freeze) and parts, as qicharts2 does.

Anhøj's two rules (Anhøj & Olesen 2014), applied to the points that are not on the centre line ("useful
observations", n). Points on the median don't count, and missing values are skipped: they neither break nor
extend a run (qicharts2's ``runs.analysis``: ``sign(y - cl)``, zeros and NA dropped, then ``rle``).

- **Unusually long run**: the longest run of points on one side of the median is longer than
  ``round(log2(n) + 3)``.
- **Too few crossings**: the number of times the line crosses the median is below the 5 % quantile of
  Binomial(n - 1, 0.5).

Either signal means the process has probably shifted: something changed. Below 10 useful points no signal is
called (the limits are too wide to mean anything).

**Freeze** (qicharts2's ``freeze = k``): the median is computed from the first ``k`` values (the baseline) and
kept for the values after it; the run analysis covers all values against that median.

**Parts** (qicharts2's ``part``): after an intervention the chart is split; each part gets its own median and
its own run analysis. ``breaks`` are the 0-based positions where a new part begins (qicharts2's ``part`` gives
the 1-based position of each part's last value: the same numbers). qicharts2 ignores ``freeze`` when parts are
given; here the freeze applies to the first part (its baseline), which is the same thing when either is absent.

``run_chart`` turns a measure's points, its parts and the circle's steps into the geometry and the sentences a
template draws (``logbook/_run_chart.html``); the axes come from ``slf/charts.py``.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from slf import charts

#: Below this many useful values no signal is called.
MIN_USEFUL = 10


def longest_run_limit(n: int) -> int:
    """The longest run expected by chance among ``n`` useful values; a longer one is a signal."""
    return round(math.log2(n) + 3) if n > 0 else 0


def min_crossings(n: int) -> int:
    """qbinom(0.05, n - 1, 0.5): the smallest k with P(X <= k) >= 0.05; fewer crossings are a signal."""
    trials = n - 1
    if trials <= 0:
        return 0
    cumulative = 0.0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k) / 2**trials
        if cumulative >= 0.05:
            return k
    return trials


@dataclass
class Run:
    side: int  # 1 above the median, -1 below
    positions: list[int]  # positions in the analysed values (missing and on-median values are not in it)

    @property
    def length(self) -> int:
        return len(self.positions)


@dataclass
class RunAnalysis:
    median: float | None
    useful: int
    longest_run: int
    longest_run_limit: int
    crossings: int
    crossings_limit: int
    runs: list[Run] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return self.useful >= MIN_USEFUL

    @property
    def long_run(self) -> bool:
        return self.enough and self.longest_run > self.longest_run_limit

    @property
    def few_crossings(self) -> bool:
        return self.enough and self.crossings < self.crossings_limit

    @property
    def signal(self) -> bool:
        return self.long_run or self.few_crossings

    @property
    def signal_runs(self) -> list[Run]:
        """The runs longer than the limit: the points that make the long-run signal."""
        return [r for r in self.runs if r.length > self.longest_run_limit] if self.long_run else []

    @property
    def signal_positions(self) -> set[int]:
        return {p for r in self.signal_runs for p in r.positions}


def _median(values) -> float | None:
    known = [v for v in values if v is not None]
    return median(known) if known else None


def analyse(values: list[float | None], centre: float | None = None) -> RunAnalysis:
    """Anhøj's rules for ``values`` (``None`` = missing) around ``centre`` (default: their median)."""
    if centre is None:
        centre = _median(values)
    if centre is None:
        return RunAnalysis(None, 0, 0, 0, 0, 0)
    runs: list[Run] = []
    for position, value in enumerate(values):
        if value is None or value == centre:
            continue
        side = 1 if value > centre else -1
        if runs and runs[-1].side == side:
            runs[-1].positions.append(position)
        else:
            runs.append(Run(side, [position]))
    n = sum(r.length for r in runs)
    return RunAnalysis(
        centre,
        n,
        max((r.length for r in runs), default=0),
        longest_run_limit(n),
        max(len(runs) - 1, 0),
        min_crossings(n),
        runs,
    )


@dataclass
class PartAnalysis:
    number: int  # 1, 2, ...
    start: int  # position of the part's first value in the whole series
    values: list[float | None]
    frozen: int | None  # the median was computed from this many first values (the baseline)
    analysis: RunAnalysis

    @property
    def end(self) -> int:
        return self.start + len(self.values)


def analyse_parts(values: list[float | None], breaks: list[int] = (), freeze: int | None = None) -> list[PartAnalysis]:
    """The series split at ``breaks`` (0-based starts of new parts), each part with its own median and runs;
    the first part's median frozen on its first ``freeze`` values when given."""
    edges = sorted({b for b in breaks if 0 < b < len(values)})
    bounds = list(zip([0, *edges], [*edges, len(values)], strict=True))
    parts = []
    for number, (start, end) in enumerate(bounds, 1):
        part = values[start:end]
        frozen = freeze if number == 1 and freeze and freeze < len(part) else None
        centre = _median(part[:frozen]) if frozen else None
        parts.append(PartAnalysis(number, start, part, frozen, analyse(part, centre)))
    return parts


# --- The chart a template draws ------------------------------------------------------------------------------------


@dataclass
class ChartPoint:
    x: float
    y: float | None  # None: missing (no mark, the line has a gap)
    day: date
    value: object
    part: int
    on_median: bool = False
    signal: bool = False
    note: str = ""  # what the point's row in the data table says about it
    obj: object = None  # the data point the template links (correct/remove)

    @property
    def value_label(self) -> str:
        return number_label(self.value)

    @property
    def diamond(self) -> str:
        """The mark of a point in a signal: a diamond (shape, not only colour), as an SVG path."""
        r = 6.5
        return f"M{self.x},{self.y - r} L{self.x + r},{self.y} L{self.x},{self.y + r} L{self.x - r},{self.y} Z"


@dataclass
class MedianLine:
    part: int
    x1: float
    x2: float
    y: float
    label: str
    frozen_x2: float | None = None  # the baseline ends here; the line after it is the frozen extension


@dataclass
class Annotation:
    number: int
    x: float
    day: date
    text: str
    kind: str  # "step" or "part"
    y: float = 0  # the numbered marker's centre, above the plot; close neighbours alternate between two rows


@dataclass
class RunLabel:
    x: float
    y: float
    text: str


@dataclass
class RunChart:
    frame: charts.Frame
    x_ticks: list[charts.Tick]
    y_ticks: list[charts.Tick]
    points: list[ChartPoint]
    lines: list[str]  # polylines, broken at missing values and between parts
    medians: list[MedianLine]
    separators: list[float]
    annotations: list[Annotation]
    run_labels: list[RunLabel]
    parts: list[PartAnalysis]
    sentences: list[str]
    unit: str = ""
    later: list[tuple[date, str]] = field(default_factory=list)  # after the chart's time axis: listed, not drawn

    @property
    def signal(self) -> bool:
        return any(p.analysis.signal for p in self.parts)

    @property
    def drawn(self) -> list[ChartPoint]:
        return [p for p in self.points if p.y is not None]

    @property
    def any_signal_point(self) -> bool:
        return any(p.signal for p in self.points)


def number_label(value) -> str:
    """A value as people read it: no needless decimals, the language's decimal mark ("19,5")."""
    if value is None:
        return ""
    whole = float(value) == int(float(value))
    return formats.number_format(value, 0 if whole else 2 if abs(float(value) * 10 % 1) > 1e-9 else 1)


def part_sentences(part: PartAnalysis, better: str | None = None) -> list[str]:
    """What a person reads under the chart: the signals explained, or why there is none."""
    a = part.analysis
    out = []
    if part.frozen:
        out.append(
            ngettext(
                "The median %(median)s is frozen on the first %(k)d value (the baseline); later values are "
                "compared with it.",
                "The median %(median)s is frozen on the first %(k)d values (the baseline); later values are "
                "compared with it.",
                part.frozen,
            )
            % {"median": number_label(a.median), "k": part.frozen}
        )
    if not a.enough:
        out.append(
            ngettext(
                "Only %(n)d value off the median: at least %(min)d are needed before the chart can show a signal.",
                "Only %(n)d values off the median: at least %(min)d are needed before the chart can show a signal.",
                a.useful,
            )
            % {"n": a.useful, "min": MIN_USEFUL}
        )
        return out
    for run in a.signal_runs:
        above = run.side > 0
        if above:
            text = ngettext(
                "%(run)d value in a row above the median: something has changed",
                "%(run)d values in a row above the median: something has changed",
                run.length,
            )
        else:
            text = ngettext(
                "%(run)d value in a row below the median: something has changed",
                "%(run)d values in a row below the median: something has changed",
                run.length,
            )
        sentence = text % {"run": run.length}
        sentence += " " + _("(with %(n)d values, more than %(limit)d in a row is a signal).") % {
            "n": a.useful,
            "limit": a.longest_run_limit,
        }
        if better:
            sentence += " " + (_("It is an improvement.") if (better == "up") == above else _("It is a worsening."))
        out.append(sentence)
    if a.few_crossings:
        out.append(
            ngettext(
                "The line crosses the median only %(n)d time; with %(useful)d values at least %(limit)d crossings "
                "are expected by chance: something has changed.",
                "The line crosses the median only %(n)d times; with %(useful)d values at least %(limit)d crossings "
                "are expected by chance: something has changed.",
                a.crossings,
            )
            % {"n": a.crossings, "useful": a.useful, "limit": a.crossings_limit}
        )
    if not a.signal:
        out.append(
            _(
                "No signal: the longest run is %(run)d (a signal above %(limit)d) and the line crosses the median "
                "%(crossings)d times (at least %(min)d expected). The variation looks random."
            )
            % {"run": a.longest_run, "limit": a.longest_run_limit, "crossings": a.crossings, "min": a.crossings_limit}
        )
    return out


def run_chart(
    points: list,
    *,
    part_starts: list[tuple[date, str]] = (),
    steps: list[tuple[date, str]] = (),
    freeze: int | None = None,
    better: str | None = None,
    unit: str = "",
    width: int = 720,
    height: int = 320,
) -> RunChart:
    """Geometry, signals and sentences for ``points`` (objects with ``date`` and ``value``, ``value`` None when
    missing), in date order.

    ``part_starts``: (first day of a new part, what changed); ``steps``: (day, text) of what the circle did.
    Both become numbered annotations at their dates; steps before the first value are left out, those shortly
    after the last one stretch the time axis (the chart shows what was tried before its values come in), and
    those long after it are listed in ``later``.
    """
    points = sorted(points, key=lambda p: p.date)
    values = [None if p.value is None else float(p.value) for p in points]
    days = [p.date for p in points]
    starts = sorted(part_starts)
    breaks = [next((i for i, d in enumerate(days) if d >= day), len(days)) for day, _label in starts]
    parts = analyse_parts(values, breaks, freeze)

    first = days[0] if days else min([d for d, _t in [*starts, *steps]], default=timezone.localdate())
    # What happened after the last value stretches the axis by up to a third of the values' span (at least two
    # weeks); what happened later still is listed (``later``), not drawn, so old values are not squeezed.
    last_value = max(days, default=first)
    horizon = last_value + timedelta(days=max((last_value - first).days // 3, 14))
    shown_steps = [(d, t, "step") for d, t in steps if first <= d <= horizon]
    shown_parts = [(d, t, "part") for d, t in starts if first <= d <= horizon]
    later = sorted((d, t) for d, t in [*steps, *starts] if d > horizon)
    last = max([last_value, *(d for d, _t, _k in shown_steps + shown_parts)])

    frame = charts.Frame.with_margins(width, height, left=56, right=24, top=40, bottom=44)
    x = charts.date_scale(first, last, frame.left + 8, frame.right - 8)
    known = [v for v in values if v is not None]
    ticks = charts.value_ticks(min(known, default=0), max(known, default=1), count=5)
    y = charts.Scale(ticks[0], ticks[-1], frame.bottom, frame.top)

    out_points, lines, medians, labels = [], [], [], []
    for part in parts:
        a = part.analysis
        signal = a.signal_positions
        current: list[str] = []
        for offset, value in enumerate(part.values):
            p = points[part.start + offset]
            cp = ChartPoint(x(p.date), None if value is None else y(value), p.date, p.value, part.number, obj=p)
            if value is None:
                cp.note = _("missing: skipped")
                if current:
                    lines.append(" ".join(current))
                current = []
            else:
                current.append(f"{cp.x},{cp.y}")
                cp.on_median = value == a.median
                cp.signal = offset in signal
                if cp.on_median:
                    cp.note = _("on the median: does not count")
            out_points.append(cp)
        if current:
            lines.append(" ".join(current))
        for run in a.signal_runs:
            if run.side > 0:
                note = ngettext("in a run of %(n)d above the median", "in a run of %(n)d above the median", run.length)
            else:
                note = ngettext("in a run of %(n)d below the median", "in a run of %(n)d below the median", run.length)
            for position in run.positions:
                out_points[part.start + position].note = note % {"n": run.length}
            middle = out_points[part.start + run.positions[len(run.positions) // 2]]
            label_y = middle.y - 14 if run.side > 0 else middle.y + 22
            labels.append(
                RunLabel(
                    middle.x,
                    min(max(label_y, frame.top + 12), frame.bottom - 4),
                    ngettext("%(n)d in a row", "%(n)d in a row", run.length) % {"n": run.length},
                )
            )
        drawn = out_points[part.start : part.end]
        if a.median is not None and drawn:
            baseline_end = drawn[part.frozen - 1].x if part.frozen else None
            medians.append(
                MedianLine(
                    part.number,
                    drawn[0].x,
                    drawn[-1].x,
                    y(a.median),
                    _("median %(value)s") % {"value": number_label(a.median)},
                    baseline_end,
                )
            )

    separators = [
        round((out_points[part.start - 1].x + out_points[part.start].x) / 2, 1)
        for part in parts[1:]
        if 0 < part.start < len(out_points)
    ]
    marks = sorted(shown_steps + shown_parts, key=lambda m: m[0])
    annotations = [Annotation(n, x(d), d, t, kind) for n, (d, t, kind) in enumerate(marks, 1)]
    row = 0
    for previous, annotation in zip([None, *annotations], annotations, strict=False):
        row = 1 - row if previous is not None and annotation.x - previous.x < 20 else 0
        annotation.y = frame.top - 12 - 18 * row

    sentences = []
    for part in parts:
        said = part_sentences(part, better)
        if len(parts) > 1:
            head = _("Part %(n)d") % {"n": part.number}
            said = [f"{head}: {s}" for s in said] if said else []
        sentences += said

    return RunChart(
        frame,
        charts.date_axis(first, last, x),
        charts.value_axis(ticks, y),
        out_points,
        lines,
        medians,
        separators,
        annotations,
        labels,
        parts,
        sentences,
        unit,
        later,
    )
