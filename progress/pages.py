"""What the two progress pages show, built once for the HTML page and the XLSX export."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from logbook.models import Entry
from meetings.models import MeetingSeries
from slf.dates import local

from . import figures, wording
from .charts import bar_chart, line_chart, sparkline
from .periods import Period


def figure(
    label: str,
    value,
    previous=None,
    trend: list | None = None,
    unit: str = "",
    compare: bool = True,
    *,
    kind: str | None = None,
    better: str | None = None,
    empty: str = "",
    group: str = "",
) -> dict:
    """One row of a figures table: the value now, in the previous period, the change and a trend by month.

    ``kind`` is the unit the change is told in (percentage points for a percentage), ``better`` the direction that
    is good (``wording.UP``/``DOWN``, None where it means nothing), ``empty`` what to say when there is nothing to
    count (instead of 0 %).
    """
    kind = kind or (wording.PCT if unit == "%" else wording.COUNT)
    return {
        "label": label,
        "value": value,
        "previous": previous,
        "compare": compare,
        "change": wording.change(value, previous, kind, better) if compare else None,
        "unit": unit,
        "kind": kind,
        "group": group,
        "value_text": empty if value is None else wording.value_text(value, kind),
        "empty": value is None,
        "previous_text": "" if previous is None else wording.value_text(previous, kind),
        "trend": sparkline(trend) if trend is not None else None,
        "trend_text": ", ".join("–" if v is None else wording.number(v) for v in trend) if trend is not None else "",
    }


def something_to_draw(groups: list[tuple[str, list]]) -> bool:
    """A chart is drawn only when some value is above zero: an all-zero chart says nothing the text does not."""
    return any(v for _label, values in groups for v in values)


def drawn(chart_function, groups, *args, **kwargs):
    """The chart, or None when there is nothing to draw (the section's summary says so in words)."""
    return chart_function(groups, *args, **kwargs) if something_to_draw(groups) else None


def month_labels(months: list[date]) -> list[str]:
    return [local(m, "SHORT_YEAR_MONTH_FORMAT") for m in months]


def office_page(access, user, period: Period, previous: Period, today: date, now) -> dict:
    """Everything the office progress page shows: all figures for reviewers, own figures for staff."""
    office = access.office
    months = figures.months_between(previous, period)
    context = {"months": months, "month_labels": month_labels(months), "full": access.can_review}
    if not access.can_review:
        context.update(_own_figures(office, user, period, previous, today, now, months))
        return context
    context.update(_rhythm(office, period, previous, months, now))
    context.update(_agreements(Entry.objects.filter(office=office), period, previous, today, months))
    context.update(_circles(office, today))
    context.update(_visits(office, period, previous, now, months))
    context.update(_headings(office, period, previous, months))
    return context


def _rhythm(office, period, previous, months, now=None) -> dict:
    series = MeetingSeries.objects.filter(office=office)
    rows = figures.rhythm(series, period, previous, office.minutes_within_days, months, now=now)
    total = figures.rhythm_totals(rows)
    trend = figures.rhythm_trend(rows, months)
    for t in (total, *rows):  # a handful of aggregated rows
        t["not_marked"] = t["due"] - t["held"]
        t["not_marked_prev"] = t["due_prev"] - t["held_prev"]

    def by_month(key):
        return [m[key] for m in trend]

    no_meetings = _("No meetings held in the period")
    days = office.minutes_within_days
    table = [
        figure(
            _("Meetings held"),
            total["held"],
            total["held_prev"],
            by_month("held"),
            better=wording.UP,
        ),
        figure(
            _("Meetings passed without being marked held"),
            total["not_marked"],
            total["not_marked_prev"],
            better=wording.DOWN,
        ),
        figure(_("Meetings cancelled"), total["cancelled"], total["cancelled_prev"], by_month("cancelled")),
        figure(_("Meetings still to come in the period"), total["coming"], None, compare=False),
        figure(
            _("Held meetings whose agenda went out before the meeting"),
            total["agenda_pct"],
            total["agenda_pct_prev"],
            by_month("agenda_pct"),
            "%",
            better=wording.UP,
            empty=no_meetings,
        ),
        figure(
            ngettext(
                "Held meetings with minutes published within %(days)s working day",
                "Held meetings with minutes published within %(days)s working days",
                days,
            )
            % {"days": days},
            total["minutes_pct"],
            total["minutes_pct_prev"],
            by_month("minutes_pct"),
            "%",
            better=wording.UP,
            empty=no_meetings,
        ),
        figure(
            _("Attendance at held meetings (present of those recorded)"),
            total["attendance_pct"],
            total["attendance_pct_prev"],
            by_month("attendance_pct"),
            "%",
            better=wording.UP,
            empty=_("No attendance recorded in the period"),
        ),
    ]
    chart = drawn(
        bar_chart,
        [(r["title"], [r["held"], r["cancelled"], r["coming"]]) for r in rows],
        [_("held"), _("cancelled"), _("coming")],
    )
    return {
        "rhythm_rows": rows,
        "rhythm_table": table,
        "rhythm_chart": chart,
        "rhythm_summary": rhythm_summary(total),
        "rhythm_totals": total,
        "rhythm_trend": trend,
        "minutes_days": days,
    }


def rhythm_summary(total: dict) -> str:
    """ "5 of the 5 meetings so far were held; 1 cancelled; 2 coming." Meetings still ahead are never "not held"."""
    if not (total["due"] or total["coming"] or total["cancelled"]):
        text = _("No meetings in the period.")
    elif total["due"]:
        text = ngettext(
            "%(held)s of the %(due)s meeting so far was held",
            "%(held)s of the %(due)s meetings so far were held",
            total["due"],
        ) % {"held": total["held"], "due": total["due"]}
    else:
        text = _("No meetings so far")
    parts = [text]
    if total["cancelled"]:
        parts.append(ngettext("%(n)s cancelled", "%(n)s cancelled", total["cancelled"]) % {"n": total["cancelled"]})
    if total["coming"]:
        parts.append(ngettext("%(n)s coming", "%(n)s coming", total["coming"]) % {"n": total["coming"]})
    summary = "; ".join(parts) + "."
    if total["due_prev"]:
        summary += " " + (
            ngettext(
                "Previous period: %(held)s of %(due)s meeting held.",
                "Previous period: %(held)s of %(due)s meetings held.",
                total["due_prev"],
            )
            % {"held": total["held_prev"], "due": total["due_prev"]}
        )
    return summary


def _agreements(entries, period, previous, today, months, limit: int = 5) -> dict:
    agg = figures.agreements(entries, period, previous, today, months)
    trend = figures.agreement_trend(agg, months)
    median = agg["median_days"]
    median_prev = agg["median_days_prev"]

    def by_month(key):
        return [m[key] for m in trend]

    no_closed = _("No agreements were closed in the period")
    table = [
        figure(_("Agreements made in the period"), agg["opened"], agg["opened_prev"], by_month("opened")),
        figure(_("Closed as kept"), agg["kept"], agg["kept_prev"], by_month("kept")),
        figure(_("Closed as adjusted"), agg["adjusted"], agg["adjusted_prev"], by_month("adjusted")),
        figure(_("Closed as dropped"), agg["dropped"], agg["dropped_prev"], by_month("dropped")),
        figure(
            _("Kept, of the agreements closed in the period"),
            agg["kept_pct"],
            agg["kept_pct_prev"],
            by_month("kept_pct"),
            "%",
            better=wording.UP,
            empty=no_closed,
            group="kept",
        ),
        figure(_("Open now"), agg["open"], None, compare=False, group="kept"),
        figure(
            _("Overdue now (open past their due date)"),
            agg["overdue"],
            None,
            by_month("overdue_at_end"),
            compare=False,
            group="kept",
        ),
        figure(
            _("Median days from agreement to closing"),
            None if median is None else round(median, 1),
            None if median_prev is None else round(median_prev, 1),
            by_month("median_days"),
            kind=wording.DAYS,
            better=wording.DOWN,
            empty=no_closed,
        ),
    ]
    chart = drawn(
        bar_chart,
        [
            (_("made"), [agg["opened"], agg["opened_prev"]]),
            (_("kept"), [agg["kept"], agg["kept_prev"]]),
            (_("adjusted"), [agg["adjusted"], agg["adjusted_prev"]]),
            (_("dropped"), [agg["dropped"], agg["dropped_prev"]]),
        ],
        [_("this period"), _("previous period")],
        label_width=120,
    )
    made = ngettext("%(n)s agreement made", "%(n)s agreements made", agg["opened"]) % {"n": agg["opened"]}
    if agg["closed"]:
        closed = ngettext(
            "%(n)s closed, %(pct)s %% of it kept", "%(n)s closed, %(pct)s %% of them kept", agg["closed"]
        ) % {"n": agg["closed"], "pct": agg["kept_pct"]}
    else:
        closed = _("none closed")
    overdue = ngettext("%(n)s open agreement is overdue now", "%(n)s open agreements are overdue now", agg["overdue"])
    summary = _("%(made)s and %(closed)s in the period; %(overdue)s.") % {
        "made": made,
        "closed": closed,
        "overdue": overdue % {"n": agg["overdue"]},
    }
    kept_unit = {
        "pct": agg["kept_pct"],
        "value_text": no_closed if agg["kept_pct"] is None else wording.value_text(agg["kept_pct"], wording.PCT),
        "of_closed": ngettext(
            "kept, of %(n)s agreement closed in the period",
            "kept, of %(n)s agreements closed in the period",
            agg["closed"],
        )
        % {"n": agg["closed"]},
        "open": ngettext("%(n)s open now", "%(n)s open now", agg["open"]) % {"n": agg["open"]},
        "overdue": ngettext("%(n)s overdue now", "%(n)s overdue now", agg["overdue"]) % {"n": agg["overdue"]},
        "change": table[4]["change"],
    }
    return {
        "agreements": agg,
        "agreements_table": table,
        "agreements_chart": chart,
        "agreements_summary": summary,
        "kept_unit": kept_unit,
        "agreements_trend": trend,
        "overdue": figures.overdue_agreements(entries, today, limit),
    }


def _circles(office, today) -> dict:
    rows = figures.circles(office, today)
    for r in rows:  # a handful of aggregated circle rows
        r["time_in_phase"] = wording.time_in_phase(r["days_in_phase"])
    stuck = sum(1 for r in rows if r["stuck"])
    days = office.circle_stuck_days
    if rows:
        summary = ngettext(
            "%(count)s learning circle running; %(stuck)s of them stuck (more than %(days)s days in one phase).",
            "%(count)s learning circles running; %(stuck)s of them stuck (more than %(days)s days in one phase).",
            len(rows),
        ) % {"count": len(rows), "stuck": stuck, "days": days}
    else:
        summary = _("No learning circles are running.")
    return {
        "circle_rows": rows,
        "circles_summary": summary,
        "stuck_days": days,
        # The bars (days in the phase against the limit for stuck) top out a little past the limit.
        "circle_bar_max": max([days + days // 2, *(r["days_in_phase"] for r in rows)]),
    }


def _visits(office, period, previous, now, months) -> dict:
    sections = figures.visit_sections(office, period, previous, now)
    office_visits = figures.visits(office, period, previous, now, months)
    s = figures.visit_summary(office_visits, sections)
    trend = figures.visit_trend(office_visits, months, s["members"])
    table = [
        figure(_("Visits held"), s["held"], s["held_prev"], [m["held"] for m in trend], better=wording.UP),
        figure(
            _("Colleagues who visited at least one colleague"),
            s["visited_pct"],
            s["visited_pct_prev"],
            [m["visited_pct"] for m in trend],
            "%",
            better=wording.UP,
            empty=_("The office has no members"),
        ),
        figure(
            _("Coverage: pairs of colleagues who have met, of all possible pairs"),
            s["coverage_pct"],
            s["coverage_pct_prev"],
            [m["coverage_pct"] for m in trend],
            "%",
            better=wording.UP,
            empty=_("Coverage needs at least two members"),
        ),
    ]
    chart = drawn(
        bar_chart,
        [(r["section__name"] or _("No section"), [r["visited_pct"], r["visited_pct_prev"]]) for r in sections],
        [_("this period"), _("previous period")],
        maximum=100,
    )
    if s["held"]:
        held = ngettext("%(n)s visit held", "%(n)s visits held", s["held"]) % {"n": s["held"]}
        visited = (
            ngettext(
                "%(visited)s of %(members)s colleague visited at least one colleague (%(visited_pct)s %%)",
                "%(visited)s of %(members)s colleagues visited at least one colleague (%(visited_pct)s %%)",
                s["members"],
            )
            % s
        )
        pairs = (
            ngettext(
                "%(pairs)s of %(possible)s possible pair has met (coverage %(coverage_pct)s %%)",
                "%(pairs)s of %(possible)s possible pairs have met (coverage %(coverage_pct)s %%)",
                s["possible"],
            )
            % s
        )
        text = f"{held}; {visited}; {pairs}."
    else:
        text = _("No visits were held in the period.")
    return {
        "visits": s,
        "visits_table": table,
        "visit_sections": sections,
        "visits_chart": chart,
        "visits_summary": text,
        "visits_trend": trend,
    }


def _headings(office, period, previous, months) -> dict:
    rows = figures.headings(office, period, previous, months)
    lines = [(r["name"], [m["entries"] for m in r["months"]]) for r in rows]
    chart = line_chart(month_labels(months), lines) if something_to_draw(lines) else None
    quiet = [r["name"] for r in rows if not r["entry_count"]]
    if not rows:
        summary = _("The office has no SLF headings.")
    elif quiet:
        summary = _("No entries in the period under: %(headings)s.") % {"headings": ", ".join(quiet)}
    else:
        summary = _("Every heading had entries in the period.")
    return {"heading_rows": rows, "headings_chart": chart, "headings_summary": summary}


def _own_figures(office, user, period, previous, today, now, months) -> dict:
    # A subquery, not a join: the overdue list still names everyone responsible, and nothing is counted twice.
    responsible_for = Entry.responsible.through.objects.filter(user=user).values("entry_id")
    mine = Entry.objects.filter(office=office, pk__in=responsible_for)
    context = _agreements(mine, period, previous, today, months)
    v = figures.my_visits(user, office, period, previous, now)
    context["my_visits_table"] = [
        figure(_("Visits I made"), v["made"], v["made_prev"], better=wording.UP),
        figure(_("Visits I hosted"), v["hosted"], v["hosted_prev"], better=wording.UP),
        figure(_("Colleagues I visited"), v["colleagues"], v["colleagues_prev"], better=wording.UP),
    ]
    return context


# --- Administration overview ----------------------------------------------------------------------

#: The overview's columns, in groups: (sort key, unit, shown by default). Kept % stands beside the open and
#: overdue counts in both column sets; headers in column_headers().
COLUMN_GROUPS = [
    (
        "meetings",
        [
            ("held", "", True),
            ("due", "", True),
            ("coming", "", False),
            ("cancelled", "", False),
            ("agenda_pct", "%", False),
            ("minutes_pct", "%", False),
            ("attendance_pct", "%", False),
        ],
    ),
    (
        "agreements",
        [
            ("kept_pct", "%", True),
            ("open", "", True),
            ("overdue", "", True),
            ("opened", "", False),
            ("kept", "", False),
            ("median_days", "", False),
        ],
    ),
    ("circles", [("circles_running", "", False), ("stuck", "", True)]),
    ("visits", [("visits_held", "", False), ("visited_pct", "%", False), ("coverage_pct", "%", True)]),
]
COLUMNS = [(key, unit) for _group, columns in COLUMN_GROUPS for key, unit, _default in columns]


def column_headers() -> list[tuple[str, str, str]]:
    # The headers are translated here, where the request's language is active.
    labels = {
        "held": _("Meetings held"),
        "due": _("Meetings so far (not cancelled)"),
        "coming": _("Meetings still to come"),
        "cancelled": _("Meetings cancelled"),
        "agenda_pct": _("Agenda before the meeting"),
        "minutes_pct": _("Minutes on time"),
        "attendance_pct": _("Attendance"),
        "opened": _("Agreements made"),
        "kept": _("Agreements kept"),
        "kept_pct": _("Agreements kept %"),
        "open": _("Open agreements"),
        "median_days": _("Median days to close"),
        "overdue": _("Overdue agreements"),
        "circles_running": _("Learning circles running"),
        "stuck": _("Learning circles stuck"),
        "visits_held": _("Visits held"),
        "visited_pct": _("Colleagues who visited a colleague"),
        "coverage_pct": _("Coverage of possible pairs"),
    }
    return [(key, labels[key], unit) for key, unit in COLUMNS]


def column_groups(all_columns: bool) -> list[dict]:
    """The column groups the page shows: the default set, or every column."""
    group_labels = {
        "meetings": _("Meetings"),
        "agreements": _("Agreements"),
        "circles": _("Learning circles"),
        "visits": _("Visits"),
    }
    labels = {key: label for key, label, _unit in column_headers()}
    out = []
    for group, columns in COLUMN_GROUPS:
        shown = [(key, labels[key], unit) for key, unit, default in columns if all_columns or default]
        out.append({"key": group, "label": group_labels[group], "columns": shown})
    return out


def administration_page(
    administration, period: Period, previous: Period, today: date, now, sort: str, all_columns: bool = False
) -> dict:
    offices = figures.office_rows(administration, period, today, now, sort)
    columns = column_headers()
    groups = column_groups(all_columns)
    shown = [key for g in groups for key, _label, _unit in g["columns"]]
    units = dict(COLUMNS)
    rows = [
        {
            "office": o,
            "cells": [(key, getattr(o, key), unit) for key, _label, unit in columns],
            "shown": [(key, getattr(o, key), units[key]) for key in shown],
        }
        for o in offices
    ]  # one row per office, already aggregated
    series = figures.rhythm(
        MeetingSeries.objects.filter(administration=administration),
        period,
        previous,
        figures.DEFAULT_MINUTES_DAYS,
        now=now,
    )
    # One chart, one measure: agreements kept and colleagues who visited are two different percentages.
    kept_chart = drawn(bar_chart, [(o.name, [o.kept_pct]) for o in offices], [_("agreements kept %")], maximum=100)
    visited = [(o.name, [o.visited_pct]) for o in offices]
    visited_chart = drawn(bar_chart, visited, [_("colleagues who visited a colleague %")], maximum=100)
    with_kept = [o for o in offices if o.kept_pct is not None]
    count = ngettext("%(count)s office", "%(count)s offices", len(offices)) % {"count": len(offices)}
    if with_kept:
        best = max(with_kept, key=lambda o: o.kept_pct)
        summary = _("%(offices)s; the highest share of agreements kept is %(pct)s %% in %(office)s.") % {
            "offices": count,
            "pct": best.kept_pct,
            "office": best.name,
        }
    else:
        summary = _("%(offices)s; no agreements were closed in the period.") % {"offices": count}
    sort_labels = {key: label for key, label, _unit in columns}
    return {
        "columns": columns,
        "column_groups": groups,
        "shown_count": len(shown),
        "all_count": len(columns),
        "all_columns": all_columns,
        "sort_label": sort_labels.get(sort.lstrip("-"), _("Office")),
        "rows": rows,
        "cross_office": series,
        "kept_chart": kept_chart,
        "visited_chart": visited_chart,
        "overview_summary": summary,
    }
