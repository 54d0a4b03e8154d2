"""What the two progress pages show, built once for the HTML page and the XLSX export."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from logbook.models import Entry
from meetings.models import MeetingSeries

from . import figures
from .charts import bar_chart, line_chart, sparkline
from .periods import Period


def figure(label: str, value, previous=None, trend: list | None = None, unit: str = "", compare: bool = True) -> dict:
    """One row of a figures table: the value now, in the previous period, and a trend by month."""
    change = (
        value - previous if compare and isinstance(value, int | float) and isinstance(previous, int | float) else None
    )
    return {
        "label": label,
        "value": value,
        "previous": previous,
        "compare": compare,
        "change": change,
        "unit": unit,
        "trend": sparkline(trend) if trend is not None else None,
        "trend_text": ", ".join("–" if v is None else str(v) for v in trend) if trend is not None else "",
    }


def month_labels(months: list[date]) -> list[str]:
    return [date_format(m, "M Y") for m in months]


def office_page(access, user, period: Period, previous: Period, today: date, now) -> dict:
    """Everything the office progress page shows: all figures for reviewers, own figures for staff."""
    office = access.office
    months = figures.months_between(previous, period)
    context = {"months": months, "month_labels": month_labels(months), "full": access.can_review}
    if not access.can_review:
        context.update(_own_figures(office, user, period, previous, today, now, months))
        return context
    context.update(_rhythm(office, period, previous, months))
    context.update(_agreements(Entry.objects.filter(office=office), period, previous, today, months))
    context.update(_circles(office, today))
    context.update(_visits(office, period, previous, now, months))
    context.update(_headings(office, period, previous, months))
    return context


def _rhythm(office, period, previous, months) -> dict:
    series = MeetingSeries.objects.filter(office=office)
    rows = figures.rhythm(series, period, previous, office.minutes_within_days, months)
    total = figures.rhythm_totals(rows)
    trend = figures.rhythm_trend(rows, months)

    def by_month(key):
        return [m[key] for m in trend]

    table = [
        figure(_("Meetings planned"), total["planned"], total["planned_prev"], by_month("planned")),
        figure(_("Meetings held"), total["held"], total["held_prev"], by_month("held")),
        figure(_("Meetings cancelled"), total["cancelled"], total["cancelled_prev"], by_month("cancelled")),
        figure(
            _("Agenda circulated before the meeting"),
            total["agenda_pct"],
            total["agenda_pct_prev"],
            by_month("agenda_pct"),
            "%",
        ),
        figure(
            ngettext(
                "Minutes published within %(days)s working day",
                "Minutes published within %(days)s working days",
                office.minutes_within_days,
            )
            % {"days": office.minutes_within_days},
            total["minutes_pct"],
            total["minutes_pct_prev"],
            by_month("minutes_pct"),
            "%",
        ),
        figure(_("Attendance"), total["attendance_pct"], total["attendance_pct_prev"], by_month("attendance_pct"), "%"),
    ]
    chart = bar_chart(
        [(r["title"], [r["planned"], r["held"], r["cancelled"]]) for r in rows],
        [_("planned"), _("held"), _("cancelled")],
    )
    summary = (
        _(
            "%(held)s of %(planned)s planned meetings were held and %(cancelled)s cancelled "
            "(previous period: %(held_prev)s of %(planned_prev)s)."
        )
        % total
    )
    return {
        "rhythm_rows": rows,
        "rhythm_table": table,
        "rhythm_chart": chart,
        "rhythm_summary": summary,
        "rhythm_trend": trend,
        "minutes_days": office.minutes_within_days,
    }


def _agreements(entries, period, previous, today, months, limit: int = 5) -> dict:
    agg = figures.agreements(entries, period, previous, today, months)
    trend = figures.agreement_trend(agg, months)
    median = agg["median_days"]
    median_prev = agg["median_days_prev"]

    def by_month(key):
        return [m[key] for m in trend]

    table = [
        figure(_("Agreements opened"), agg["opened"], agg["opened_prev"], by_month("opened")),
        figure(_("Agreements kept"), agg["kept"], agg["kept_prev"], by_month("kept")),
        figure(_("Agreements adjusted"), agg["adjusted"], agg["adjusted_prev"], by_month("adjusted")),
        figure(_("Agreements dropped"), agg["dropped"], agg["dropped_prev"], by_month("dropped")),
        figure(_("Agreements kept %"), agg["kept_pct"], agg["kept_pct_prev"], by_month("kept_pct"), "%"),
        figure(
            _("Median days to close"),
            None if median is None else round(median, 1),
            None if median_prev is None else round(median_prev, 1),
            by_month("median_days"),
        ),
        figure(_("Overdue now"), agg["overdue"], None, by_month("overdue_at_end"), compare=False),
    ]
    chart = bar_chart(
        [
            (_("opened"), [agg["opened"], agg["opened_prev"]]),
            (_("kept"), [agg["kept"], agg["kept_prev"]]),
            (_("adjusted"), [agg["adjusted"], agg["adjusted_prev"]]),
            (_("dropped"), [agg["dropped"], agg["dropped_prev"]]),
        ],
        [_("this period"), _("previous period")],
        label_width=120,
    )
    if agg["closed"]:
        summary = (
            _(
                "%(opened)s agreements opened and %(closed)s closed, %(kept_pct)s %% of them kept; "
                "%(overdue)s overdue now."
            )
            % agg
        )
    else:
        summary = _("%(opened)s agreements opened and none closed in the period; %(overdue)s overdue now.") % agg
    return {
        "agreements": agg,
        "agreements_table": table,
        "agreements_chart": chart,
        "agreements_summary": summary,
        "agreements_trend": trend,
        "overdue": figures.overdue_agreements(entries, today, limit),
    }


def _circles(office, today) -> dict:
    rows = figures.circles(office, today)
    chart = bar_chart(
        [(r["title"], [r["days_in_phase"]]) for r in rows],
        [_("days in the current phase")],
        threshold=office.circle_stuck_days,
    )
    stuck = sum(1 for r in rows if r["stuck"])  # a handful of aggregated circle rows
    summary = ngettext(
        "%(count)s learning circle running, %(stuck)s of them stuck longer than %(days)s days in one phase.",
        "%(count)s learning circles running, %(stuck)s of them stuck longer than %(days)s days in one phase.",
        len(rows),
    ) % {"count": len(rows), "stuck": stuck, "days": office.circle_stuck_days}
    return {
        "circle_rows": rows,
        "circles_chart": chart,
        "circles_summary": summary,
        "stuck_days": office.circle_stuck_days,
    }


def _visits(office, period, previous, now, months) -> dict:
    sections = figures.visit_sections(office, period, previous, now)
    office_visits = figures.visits(office, period, previous, now, months)
    s = figures.visit_summary(office_visits, sections)
    trend = figures.visit_trend(office_visits, months, s["members"])
    table = [
        figure(_("Visits held"), s["held"], s["held_prev"], [m["held"] for m in trend]),
        figure(
            _("Staff who visited at least one colleague"),
            s["visited_pct"],
            s["visited_pct_prev"],
            [m["visited_pct"] for m in trend],
            "%",
        ),
        figure(
            _("Coverage of possible pairs"),
            s["coverage_pct"],
            s["coverage_pct_prev"],
            [m["coverage_pct"] for m in trend],
            "%",
        ),
    ]
    chart = bar_chart(
        [(r["section__name"] or _("No section"), [r["visited_pct"], r["visited_pct_prev"]]) for r in sections],
        [_("this period"), _("previous period")],
        maximum=100,
    )
    if s["held"]:
        text = (
            _(
                "%(held)s visits held; %(visited)s of %(members)s colleagues visited at least one colleague "
                "(%(visited_pct)s %%), and %(pairs)s of %(possible)s possible pairs have met (%(coverage_pct)s %%)."
            )
            % s
        )
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
    chart = line_chart(month_labels(months), [(r["name"], [m["entries"] for m in r["months"]]) for r in rows])
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
        figure(_("Visits I made"), v["made"], v["made_prev"]),
        figure(_("Visits I hosted"), v["hosted"], v["hosted_prev"]),
        figure(_("Colleagues I visited"), v["colleagues"], v["colleagues_prev"]),
    ]
    return context


# --- Administration overview ----------------------------------------------------------------------

#: The overview's columns: (sort key, unit); headers in column_headers().
COLUMNS = [
    ("planned", ""),
    ("held", ""),
    ("cancelled", ""),
    ("agenda_pct", "%"),
    ("minutes_pct", "%"),
    ("attendance_pct", "%"),
    ("opened", ""),
    ("kept", ""),
    ("kept_pct", "%"),
    ("median_days", ""),
    ("overdue", ""),
    ("circles_running", ""),
    ("stuck", ""),
    ("visits_held", ""),
    ("visited_pct", "%"),
    ("coverage_pct", "%"),
]


def column_headers() -> list[tuple[str, str, str]]:
    # The headers are translated here, where the request's language is active.
    labels = {
        "planned": _("Meetings planned"),
        "held": _("Meetings held"),
        "cancelled": _("Meetings cancelled"),
        "agenda_pct": _("Agenda circulated before"),
        "minutes_pct": _("Minutes on time"),
        "attendance_pct": _("Attendance"),
        "opened": _("Agreements opened"),
        "kept": _("Agreements kept"),
        "kept_pct": _("Agreements kept %"),
        "median_days": _("Median days to close"),
        "overdue": _("Overdue now"),
        "circles_running": _("Learning circles running"),
        "stuck": _("Learning circles stuck"),
        "visits_held": _("Visits held"),
        "visited_pct": _("Staff who visited a colleague"),
        "coverage_pct": _("Coverage of possible pairs"),
    }
    return [(key, labels[key], unit) for key, unit in COLUMNS]


def administration_page(administration, period: Period, previous: Period, today: date, now, sort: str) -> dict:
    offices = figures.office_rows(administration, period, today, now, sort)
    columns = column_headers()
    rows = [
        {"office": o, "cells": [(key, getattr(o, key), unit) for key, _label, unit in columns]} for o in offices
    ]  # one row per office, already aggregated
    series = figures.rhythm(
        MeetingSeries.objects.filter(administration=administration), period, previous, figures.DEFAULT_MINUTES_DAYS
    )
    chart = bar_chart(
        [(o.name, [o.kept_pct, o.visited_pct]) for o in offices],
        [_("agreements kept %"), _("staff who visited a colleague %")],
        maximum=100,
    )
    with_kept = [o for o in offices if o.kept_pct is not None]
    if with_kept:
        best = max(with_kept, key=lambda o: o.kept_pct)
        summary = _("%(count)s offices; the highest share of agreements kept is %(pct)s %% in %(office)s.") % {
            "count": len(offices),
            "pct": best.kept_pct,
            "office": best.name,
        }
    else:
        summary = _("%(count)s offices; no agreements were closed in the period.") % {"count": len(offices)}
    return {
        "columns": columns,
        "rows": rows,
        "cross_office": series,
        "overview_chart": chart,
        "overview_summary": summary,
    }
