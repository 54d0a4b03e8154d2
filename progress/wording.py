"""How a figure and its change since the previous period read to a manager.

- Percentages change in percentage points ("−20 procentpoint"), counts in counts ("+3"), days in days.
- Where the direction means something (more meetings held is better, more overdue agreements is worse), the change
  says "better" or "worse" in words beside the arrow, so it never depends on colour or on the sign alone.
- A minus is the real minus sign (U+2212), which screen readers read as "minus".
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PCT = "pct"
COUNT = "count"
DAYS = "days"

UP = "up"  # higher is better
DOWN = "down"  # lower is better

MINUS = "\u2212"


def number(value) -> str:
    """A number in the reader's locale: 27.5 reads "27,5" in Danish; whole numbers without decimals."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return number_format(value, decimal_pos=1 if isinstance(value, float) else None)


def signed(value) -> str:
    if value > 0:
        return f"+{number(value)}"
    if value < 0:
        return f"{MINUS}{number(-value)}"
    return number(0)


def value_text(value, kind: str) -> str:
    """The figure itself: "67 %", "3", "27,5 days"."""
    if kind == PCT:
        return f"{number(value)} %"
    if kind == DAYS:
        return ngettext("%(n)s day", "%(n)s days", _plural(value)) % {"n": number(value)}
    return number(value)


def _plural(value) -> int:
    """The number ngettext chooses the form by (it takes whole numbers; 2.5 days are "days")."""
    return 1 if abs(value) == 1 else 2


@dataclass(frozen=True)
class Change:
    text: str  # "−20 percentage points", "+3", "unchanged"
    arrow: str  # "↑", "↓" or "" (decoration; the words carry the meaning)
    verdict: str  # "better", "worse" or ""
    direction: str  # "better", "worse", "same" or "" (for a CSS class)

    @property
    def words(self) -> str:
        return f"{self.text}, {self.verdict}" if self.verdict else self.text


def change(value, previous, kind: str = COUNT, better: str | None = None) -> Change | None:
    """The change from ``previous`` to ``value`` in the figure's own unit; None when either is missing."""
    if not isinstance(value, int | float) or not isinstance(previous, int | float):
        return None
    diff = value - previous
    if isinstance(diff, float):
        diff = round(diff, 1)
    if diff == 0:
        return Change(_("unchanged"), "", "", "same")
    if kind == PCT:
        text = ngettext("%(n)s percentage point", "%(n)s percentage points", _plural(diff)) % {"n": signed(diff)}
    elif kind == DAYS:
        text = ngettext("%(n)s day", "%(n)s days", _plural(diff)) % {"n": signed(diff)}
    else:
        text = signed(diff)
    arrow = "↑" if diff > 0 else "↓"
    if better is None:
        return Change(text, arrow, "", "")
    good = (diff > 0) == (better == UP)
    return Change(text, arrow, _("better") if good else _("worse"), "better" if good else "worse")


def time_in_phase(days: int) -> str:
    """How long a circle has been in its phase, as a manager says it: "today", "5 days", "3 weeks", "4 months"."""
    if days <= 0:
        return _("since today")
    if days < 14:
        return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
    if days < 61:
        weeks = days // 7
        return ngettext("%(n)s week", "%(n)s weeks", weeks) % {"n": weeks}
    months = days // 30
    return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
