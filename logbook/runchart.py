"""Run charts with Anhøj's rules for non-random variation.

Anhøj's two rules (Anhøj & Olesen 2014), applied to the points that are not
on the median ("useful observations", n):

- **Unusually long run**: the longest run of points on one side of the median
  is longer than ``round(log2(n) + 3)``.
- **Too few crossings**: the number of times the line crosses the median is
  below the 5 % quantile of Binomial(n - 1, 0.5).

Either signal means the process has probably shifted: something changed.
"""

import math
from dataclasses import dataclass
from statistics import median


def longest_run_limit(n: int) -> int:
    return round(math.log2(n) + 3) if n > 0 else 0


def min_crossings(n: int) -> int:
    """qbinom(0.05, n - 1, 0.5): the smallest k with P(X <= k) >= 0.05."""
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
class RunAnalysis:
    median: float | None
    useful: int
    longest_run: int
    longest_run_limit: int
    crossings: int
    crossings_limit: int

    @property
    def long_run(self) -> bool:
        return self.useful >= 10 and self.longest_run > self.longest_run_limit

    @property
    def few_crossings(self) -> bool:
        return self.useful >= 10 and self.crossings < self.crossings_limit

    @property
    def signal(self) -> bool:
        return self.long_run or self.few_crossings


def analyse(values: list[float]) -> RunAnalysis:
    if not values:
        return RunAnalysis(None, 0, 0, 0, 0, 0)
    centre = median(values)
    sides = [1 if v > centre else -1 for v in values if v != centre]
    longest = current = 0
    previous = None
    crossings = 0
    for side in sides:
        if side == previous:
            current += 1
        else:
            if previous is not None:
                crossings += 1
            current = 1
        longest = max(longest, current)
        previous = side
    n = len(sides)
    return RunAnalysis(centre, n, longest, longest_run_limit(n), crossings, min_crossings(n))


@dataclass
class Chart:
    width: int
    height: int
    points: list[tuple[float, float]]
    polyline: str
    median_y: float | None
    y_min: float
    y_max: float


def chart(values: list[float], width: int = 600, height: int = 220, pad: int = 30) -> Chart:
    """Coordinates for an SVG run chart (drawn by the template, no JavaScript)."""
    if not values:
        return Chart(width, height, [], "", None, 0, 0)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(v):
        return round(height - pad - (v - low) / (high - low) * (height - 2 * pad), 1)

    points = [(round(pad + i * step, 1), y(v)) for i, v in enumerate(values)]
    return Chart(
        width,
        height,
        points,
        " ".join(f"{px},{py}" for px, py in points),
        y(median(values)),
        low,
        high,
    )
