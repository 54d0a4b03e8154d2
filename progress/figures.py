"""The progress figures, all counted in the database.

Every function here runs a fixed number of queries, whatever the number of
meetings, entries or visits: aggregates with ``FILTER`` clauses for the chosen
and the previous period side by side, ``GROUP BY`` month for the trends and
correlated subqueries for the administration overview. Python only reshapes
the few aggregated rows that come back (a handful of series, months or offices).
"""

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Aggregate,
    BooleanField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, NullIf, Round, TruncDate
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone

from logbook.models import OPEN_STATUSES, AgreementStatus, CircleStatus, CircleStep, Entry, LearningCircle, PhaseCard
from meetings.models import AttendanceStatus, Meeting, MeetingStatus
from offices.models import Heading, Membership, Office
from slf.workdays import WorkingDaysBetween  # Danish working days: weekends and public holidays left out
from visits.models import (
    CountPairs,
    Visit,
    between_members_q,
    coverage_annotations,
    coverage_percent,
    possible_pairs,
    took_place_q,
)

from . import summaries
from .periods import TZ, Period

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED)
CLOSED = (AgreementStatus.KEPT, AgreementStatus.ADJUSTED, AgreementStatus.DROPPED)
DEFAULT_MINUTES_DAYS = Office._meta.get_field("minutes_within_days").default


# --- SQL building blocks --------------------------------------------------------------------------


class Median(Aggregate):
    """``percentile_cont(0.5) WITHIN GROUP (ORDER BY …)``: the median, with an optional FILTER."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DaysBetween(Func):
    """``later - earlier`` for two dates: whole days."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


class Lower(Func):
    function = "lower"
    output_field = DateTimeField()


def pct(part, whole):
    """``round(100 * part / whole)``, NULL when ``whole`` is 0."""
    return Cast(Round(Cast(part, FloatField()) * 100.0 / NullIf(Cast(whole, FloatField()), 0.0)), IntegerField())


def percent(part, whole) -> int | None:
    """The same for numbers already counted."""
    return round(100 * part / whole) if whole else None


def local_date(expression):
    return TruncDate(expression, tzinfo=TZ)


def months_between(first: Period, last: Period) -> list[date]:
    return Period("custom", first.start, last.end).months()


# --- Rhythm kept ----------------------------------------------------------------------------------


def _meeting_figures(prefix: str, period: Period, minutes_days, suffix: str = "", now=None) -> dict:
    """Aggregates over meetings reached by ``prefix`` ("" from Meeting, "meetings__" from a series).

    A meeting of the period that is not cancelled is either *due* (its start has passed, or it is marked held)
    or *coming* (still ahead): a meeting still to come is never counted as not held.
    """
    p = prefix
    meeting = f"{p}pk" if p == "" else p.rstrip("_")
    now = now or timezone.now()
    in_period = Q(**{f"{p}starts_at__gte": period.start_at, f"{p}starts_at__lt": period.end_at})
    held = in_period & Q(**{f"{p}status__in": HELD})
    not_cancelled = in_period & ~Q(**{f"{p}status": MeetingStatus.CANCELLED})
    due = not_cancelled & (Q(**{f"{p}starts_at__lt": now}) | Q(**{f"{p}status__in": HELD}))
    coming = not_cancelled & Q(**{f"{p}starts_at__gte": now}) & ~Q(**{f"{p}status__in": HELD})
    agenda_before = held & Q(**{f"{p}agenda_circulated_at__lt": F(f"{p}starts_at")})
    minutes_on_time = (
        held
        & Q(**{f"{p}minutes_published_at__isnull": False})
        & Q(
            LessThanOrEqual(
                WorkingDaysBetween(local_date(f"{p}starts_at"), local_date(f"{p}minutes_published_at")), minutes_days
            )
        )
    )
    attendance = f"{p}attendance"
    return {
        f"planned{suffix}": Count(meeting, filter=in_period, distinct=True),
        f"held{suffix}": Count(meeting, filter=held, distinct=True),
        f"due{suffix}": Count(meeting, filter=due, distinct=True),
        f"coming{suffix}": Count(meeting, filter=coming, distinct=True),
        f"cancelled{suffix}": Count(
            meeting, filter=in_period & Q(**{f"{p}status": MeetingStatus.CANCELLED}), distinct=True
        ),
        f"agenda_before{suffix}": Count(meeting, filter=agenda_before, distinct=True),
        f"minutes_on_time{suffix}": Count(meeting, filter=minutes_on_time, distinct=True),
        f"present{suffix}": Count(attendance, filter=held & Q(**{f"{attendance}__status": AttendanceStatus.PRESENT})),
        f"recorded{suffix}": Count(attendance, filter=held),
    }


def _rhythm_percentages(row: dict, suffix: str = "") -> dict:
    held = row[f"held{suffix}"]
    return {
        f"agenda_pct{suffix}": percent(row[f"agenda_before{suffix}"], held),
        f"minutes_pct{suffix}": percent(row[f"minutes_on_time{suffix}"], held),
        f"attendance_pct{suffix}": percent(row[f"present{suffix}"], row[f"recorded{suffix}"]),
    }


def month_periods(months: list[date]) -> list[Period]:
    return [Period("custom", m, (m + relativedelta(months=1)) - timedelta(days=1)) for m in months]


def _by_month(figures: dict, months: list[date], keys: list[str]) -> dict:
    """Only ``keys`` of each month's figures, named ``<key>_m<i>``."""
    out = {}
    for i, month in enumerate(month_periods(months)):
        of_month = figures(month, f"_m{i}")  # once per month: building the expressions is most of the page's time
        out.update({f"{key}_m{i}": of_month[f"{key}_m{i}"] for key in keys})
    return out


def trend(rows: list[dict], months: list[date], keys: list[str]) -> list[dict]:
    """Per month: the sum of ``<key>_m<i>`` over the (few, aggregated) rows."""
    return [{"month": m, **{k: sum(r[f"{k}_m{i}"] for r in rows) for k in keys}} for i, m in enumerate(months)]


MEETING_TREND = ["planned", "held", "cancelled", "agenda_before", "minutes_on_time", "present", "recorded"]


def rhythm(
    series: QuerySet, period: Period, previous: Period, minutes_days, months: list[date] = (), now=None
) -> list[dict]:
    """Per series: planned, held, due so far, coming, cancelled, agenda before, minutes on time, attendance
    (one query).

    With ``months``, also held, cancelled and attendance per month (``held_m0``, …) for the trend.
    """
    # The join reaches only the meetings of the window (previous period to this one), not the series' history.
    window = [previous, period, *month_periods(months)]
    in_window = Q(
        meetings__starts_at__gte=min(p.start_at for p in window), meetings__starts_at__lt=max(p.end_at for p in window)
    )
    m = "window_meetings__"
    rows = (
        series.order_by("title")
        .annotate(window_meetings=FilteredRelation("meetings", condition=in_window))
        .values("pk", "title", "kind")
        .annotate(
            **_meeting_figures(m, period, minutes_days, now=now),
            **_meeting_figures(m, previous, minutes_days, "_prev", now=now),
            **_by_month(lambda p, suffix: _meeting_figures(m, p, minutes_days, suffix), months, MEETING_TREND),
        )
    )
    out = []
    for row in rows:  # a handful of series, already aggregated
        row.update(_rhythm_percentages(row))
        row.update(_rhythm_percentages(row, "_prev"))
        out.append(row)
    return out


def rhythm_trend(rows: list[dict], months: list[date]) -> list[dict]:
    """Per month, over all series: the meeting counts and their percentages."""
    out = trend(rows, months, MEETING_TREND)
    for month in out:
        month.update(_rhythm_percentages(month))
    return out


def rhythm_totals(rows: list[dict]) -> dict:
    keys = ["planned", "held", "due", "coming", "cancelled", "agenda_before", "minutes_on_time", "present", "recorded"]
    total = {k + s: sum(r[k + s] for r in rows) for k in keys for s in ("", "_prev")}
    total.update(_rhythm_percentages(total))
    total.update(_rhythm_percentages(total, "_prev"))
    return total


# --- Agreements -----------------------------------------------------------------------------------


def _closed_in(period: Period) -> Q:
    return Q(status__in=CLOSED, closed_at__gte=period.start_at, closed_at__lt=period.end_at)


def _median_days(period: Period):
    """Median days from the agreement's date to the local day it was closed, of those closed in the period."""
    return Median(DaysBetween(local_date("closed_at"), F("date")), filter=_closed_in(period))


def _agreement_figures(period: Period, today: date, suffix: str = "") -> dict:
    opened = Q(date__gte=period.start, date__lte=period.end)
    closed = _closed_in(period)
    return {
        f"opened{suffix}": Count("pk", filter=opened, distinct=True),
        f"kept{suffix}": Count("pk", filter=closed & Q(status=AgreementStatus.KEPT), distinct=True),
        f"adjusted{suffix}": Count("pk", filter=closed & Q(status=AgreementStatus.ADJUSTED), distinct=True),
        f"dropped{suffix}": Count("pk", filter=closed & Q(status=AgreementStatus.DROPPED), distinct=True),
        f"closed{suffix}": Count("pk", filter=closed, distinct=True),
        f"median_days{suffix}": _median_days(period),
    }


AGREEMENT_TREND = ["opened", "kept", "adjusted", "dropped", "closed", "overdue_at_end"]


def _agreement_month(period: Period, today: date, suffix: str) -> dict:
    """A month's figures, and how many agreements were overdue when it ended (or today, for this month)."""
    end = min(period.end + timedelta(days=1), today)
    end_at = datetime.combine(end, time.min, TZ)
    overdue = Q(date__lt=end, due_date__lt=end) & (Q(status__in=OPEN_STATUSES) | Q(closed_at__gte=end_at))
    return {
        **_agreement_figures(period, today, suffix),
        f"overdue_at_end{suffix}": Count("pk", filter=overdue, distinct=True),
    }


def agreements(entries: QuerySet, period: Period, previous: Period, today: date, months: list[date] = ()) -> dict:
    """Opened, kept, adjusted, dropped, overdue now, kept %, median days to close (one query).

    Kept % is the share kept of the agreements closed in the period (kept, adjusted or dropped).
    """
    # Only what the figures below can count: opened or closed since the window's start, or still open (the
    # overdue at a month's end are open or closed after it). Not the office's whole history.
    window = [previous, period, *month_periods(months)]
    since = min(p.start for p in window)
    figures = (
        entries.agreements()
        .filter(
            Q(date__gte=since) | Q(closed_at__gte=datetime.combine(since, time.min, TZ)) | Q(status__in=OPEN_STATUSES)
        )
        .order_by()
        .aggregate(
            **_agreement_figures(period, today),
            **_agreement_figures(previous, today, "_prev"),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today), distinct=True),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES), distinct=True),
            **_by_month(lambda p, suffix: _agreement_month(p, today, suffix), months, AGREEMENT_TREND),
            **{
                f"median_days_m{i}": _agreement_figures(p, today)["median_days"]
                for i, p in enumerate(month_periods(months))
            },
        )
    )
    figures["kept_pct"] = percent(figures["kept"], figures["closed"])
    figures["kept_pct_prev"] = percent(figures["kept_prev"], figures["closed_prev"])
    return figures


def agreement_trend(figures: dict, months: list[date]) -> list[dict]:
    """Per month: agreements opened, and kept and closed by the month they were closed."""
    rows = trend([figures], months, AGREEMENT_TREND)
    for i, row in enumerate(rows):
        row["kept_pct"] = percent(row["kept"], row["closed"])
        median = figures[f"median_days_m{i}"]
        row["median_days"] = None if median is None else round(median, 1)
    return rows


def overdue_agreements(entries: QuerySet, today: date, limit: int = 5) -> list[dict]:
    """The oldest overdue agreements with their responsible people (one query)."""
    from django.contrib.postgres.aggregates import ArrayAgg

    return list(
        entries.overdue(today)
        .order_by("due_date", "pk")
        .annotate(
            people=ArrayAgg("responsible__full_name", order_by="responsible__full_name", default=Value([])),
            days_overdue=DaysBetween(Value(today), F("due_date")),
        )
        .values("pk", "title", "due_date", "people", "days_overdue", "office__slug")[:limit]
    )


# --- Learning circles -----------------------------------------------------------------------------


def circles(office: Office, today: date) -> list[dict]:
    """Per circle: phase, days in it, loop, last record, stuck (one query)."""
    last_step = (
        CircleStep.objects.filter(circle=OuterRef("pk")).order_by().values("circle").annotate(m=Max("created_at"))
    )
    last_card = (
        PhaseCard.objects.filter(circle=OuterRef("pk")).order_by().values("circle").annotate(m=Max("updated_at"))
    )
    return list(
        LearningCircle.objects.filter(office=office)
        .exclude(status=CircleStatus.COMPLETED)
        .annotate(
            days_in_phase=DaysBetween(Value(today), local_date("phase_since")),
            last_record=Greatest(Subquery(last_step.values("m")[:1]), Subquery(last_card.values("m")[:1])),
        )
        .annotate(
            stuck=ExpressionWrapper(
                Q(status=CircleStatus.ACTIVE) & Q(days_in_phase__gt=office.circle_stuck_days),
                output_field=BooleanField(),
            )
        )
        .order_by("-stuck", "-days_in_phase", "title")
        .values(
            "pk",
            "title",
            "status",
            "loop",
            "days_in_phase",
            "last_record",
            "stuck",
            "phase__name",
            "phase__position",
        )
    )


# --- Visits ---------------------------------------------------------------------------------------


def _held(period: Period, now) -> Q:
    """Visits that took place in the period: the one definition in visits/models.py (Coverage)."""
    return took_place_q(period.start_at, period.end_at, now)


VISIT_TREND = ["held", "visitors", "pairs"]


def _visit_month(period: Period, now, suffix: str, both_members: Q) -> dict:
    return {
        f"held{suffix}": Count("pk", filter=_held(period, now)),
        f"visitors{suffix}": Count("visitor", filter=_held(period, now) & both_members, distinct=True),
        f"pairs{suffix}": CountPairs("visitor_id", "host_id", filter=_held(period, now) & both_members),
    }


def visits(office: Office, period: Period, previous: Period, now, months: list[date] = ()) -> dict:
    """Visits held and pairs of colleagues (visitor → host) among the office's members (one query)."""
    both_members = between_members_q(Membership.objects.filter(office=office).values("person"))
    window = [previous, period, *month_periods(months)]  # every count below is of visits that start in it
    figures = (
        Visit.objects.filter(
            office=office,
            during__startswith__gte=min(p.start_at for p in window),
            during__startswith__lt=max(p.end_at for p in window),
        )
        .order_by()
        .aggregate(
            held=Count("pk", filter=_held(period, now)),
            held_prev=Count("pk", filter=_held(previous, now)),
            pairs=CountPairs("visitor_id", "host_id", filter=_held(period, now) & both_members),
            pairs_prev=CountPairs("visitor_id", "host_id", filter=_held(previous, now) & both_members),
            **_by_month(lambda p, suffix: _visit_month(p, now, suffix, both_members), months, VISIT_TREND),
        )
    )
    return figures


def visit_sections(office: Office, period: Period, previous: Period, now) -> list[dict]:
    """Per section: members and how many of them visited at least one colleague (one query)."""

    def visited(p):
        return Count(
            "pk",
            filter=Q(
                person__in=Visit.objects.filter(_held(p, now), office=office).values("visitor"),
            ),
        )

    return list(
        Membership.objects.filter(office=office)
        .order_by("section__name")
        .values("section_id", "section__name")
        .annotate(members=Count("pk"), visited=visited(period), visited_prev=visited(previous))
    )


def visit_summary(office_visits: dict, sections: list[dict]) -> dict:
    members = sum(s["members"] for s in sections)
    possible = possible_pairs(members)
    out = dict(office_visits)
    for s in ("", "_prev"):
        visited = sum(row["visited" + s] for row in sections)
        out["visited" + s] = visited
        out["visited_pct" + s] = percent(visited, members)
        out["coverage_pct" + s] = coverage_percent(office_visits["pairs" + s], members)
    out["members"] = members
    out["possible"] = possible
    for row in sections:
        row["visited_pct"] = percent(row["visited"], row["members"])
        row["visited_pct_prev"] = percent(row["visited_prev"], row["members"])
    return out


def visit_trend(figures: dict, months: list[date], members: int | None = None) -> list[dict]:
    """Per month: visits held, different visitors and pairs (with ``members``: as shares of the office)."""
    rows = trend([figures], months, VISIT_TREND)
    if members is not None:
        for row in rows:
            row["visited_pct"] = percent(row["visitors"], members)
            row["coverage_pct"] = coverage_percent(row["pairs"], members)
    return rows


def my_visits(user, office: Office, period: Period, previous: Period, now) -> dict:
    """A staff member's own visits: made, hosted and colleagues visited (one query)."""
    mine = Visit.objects.filter(office=office)
    return mine.order_by().aggregate(
        made=Count("pk", filter=_held(period, now) & Q(visitor=user)),
        made_prev=Count("pk", filter=_held(previous, now) & Q(visitor=user)),
        hosted=Count("pk", filter=_held(period, now) & Q(host=user)),
        hosted_prev=Count("pk", filter=_held(previous, now) & Q(host=user)),
        colleagues=Count("host", filter=_held(period, now) & Q(visitor=user), distinct=True),
        colleagues_prev=Count("host", filter=_held(previous, now) & Q(visitor=user), distinct=True),
    )


# --- Headings -------------------------------------------------------------------------------------


def headings(office: Office, period: Period, previous: Period, months: list[date]) -> list[dict]:
    """Per SLF heading: entries and agreements per month and in both periods (one query)."""

    def count(start: date, end: date, agreements_only: bool = False):
        if from_summaries:  # whole months: the monthly summaries (progress/models.py), not the raw entries
            return summaries.heading_sum(start, end, "agreements" if agreements_only else "entries")
        q = Q(entries__date__gte=start, entries__date__lte=end)
        if agreements_only:
            q &= Q(entries__kind="agreement")
        return Count("entries", filter=q)

    from_summaries = summaries.month_aligned(period) and summaries.month_aligned(previous)

    annotations = {
        "entry_count": count(period.start, period.end),
        "agreement_count": count(period.start, period.end, True),
        "entry_count_prev": count(previous.start, previous.end),
        "agreement_count_prev": count(previous.start, previous.end, True),
    }
    for i, month in enumerate(month_periods(months)):
        annotations[f"m{i}"] = count(month.start, month.end)
        annotations[f"a{i}"] = count(month.start, month.end, True)
    rows = list(
        Heading.objects.filter(office=office)
        .order_by("position", "name")
        .values("pk", "name", "is_active")
        .annotate(**annotations)
    )
    for row in rows:  # a handful of headings
        row["months"] = [
            {"month": m, "entries": row.pop(f"m{i}"), "agreements": row.pop(f"a{i}")} for i, m in enumerate(months)
        ]
    return [r for r in rows if r["is_active"] or r["entry_count"] or r["entry_count_prev"]]


# --- Administration overview ----------------------------------------------------------------------


def _per_office(queryset, office_field: str, **annotation):
    """A correlated subquery: the one aggregate of ``queryset`` for the outer office."""
    (name, expression) = next(iter(annotation.items()))
    return Subquery(
        queryset.filter(**{office_field: OuterRef("pk")})
        .order_by()
        .values(office_field)
        .annotate(**{name: expression})
        .values(name)[:1]
    )


def office_rows(administration, period: Period, today: date, now, sort: str):
    """All offices of the administration with their figures as columns, sorted in the database (one query)."""
    # Only the period's rows: every figure below is of the period (or of the open agreements), so no
    # subquery reads the office's whole history.
    meetings = Meeting.objects.filter(starts_at__gte=period.start_at, starts_at__lt=period.end_at)
    mf = _meeting_figures("", period, OuterRef("minutes_within_days"), now=now)
    ag = _agreement_figures(period, today)
    circles = LearningCircle.objects.filter(status=CircleStatus.ACTIVE)
    stuck = Q(GreaterThan(DaysBetween(Value(today), local_date("phase_since")), OuterRef("circle_stuck_days")))

    def zero(expr):
        return Coalesce(expr, 0)

    entries = Entry.objects.agreements().filter(
        Q(date__gte=period.start, date__lte=period.end) | Q(closed_at__gte=period.start_at, closed_at__lt=period.end_at)
    )
    open_entries = Entry.objects.open_agreements()
    closed_entries = Entry.objects.agreements().filter(closed_at__gte=period.start_at, closed_at__lt=period.end_at)
    annotations = dict(
        planned=zero(_per_office(meetings, "series__office", v=mf["planned"])),
        held=zero(_per_office(meetings, "series__office", v=mf["held"])),
        due=zero(_per_office(meetings, "series__office", v=mf["due"])),
        coming=zero(_per_office(meetings, "series__office", v=mf["coming"])),
        cancelled=zero(_per_office(meetings, "series__office", v=mf["cancelled"])),
        agenda_pct=_per_office(meetings, "series__office", v=pct(mf["agenda_before"], mf["held"])),
        minutes_pct=_per_office(meetings, "series__office", v=pct(mf["minutes_on_time"], mf["held"])),
        attendance_pct=_per_office(meetings, "series__office", v=pct(mf["present"], mf["recorded"])),
        opened=zero(_per_office(entries, "office", v=ag["opened"])),
        kept=zero(_per_office(entries, "office", v=ag["kept"])),
        kept_pct=_per_office(entries, "office", v=pct(ag["kept"], ag["closed"])),
        median_days=_per_office(closed_entries, "office", v=ag["median_days"]),
        # count(*) over columns of the index entry_office_agreements: an index-only scan, no heap rows.
        overdue=zero(_per_office(open_entries.filter(due_date__lt=today), "office", v=Count("*"))),
        open=zero(_per_office(open_entries, "office", v=Count("*"))),
        circles_running=zero(_per_office(circles, "office", v=Count("pk"))),
        stuck=zero(_per_office(circles, "office", v=Count("pk", filter=stuck))),
        **coverage_annotations(period.start_at, period.end_at, now),
    )
    if summaries.month_aligned(period):  # the counts from the monthly summaries (progress/models.py)
        s = summaries.office_sums(period)
        annotations.update(
            planned=s["planned"],
            held=s["held"],
            cancelled=s["cancelled"],
            agenda_pct=pct(s["agenda_before"], s["held"]),
            attendance_pct=pct(s["present"], s["recorded"]),
            opened=s["opened"],
            kept=s["kept"],
            kept_pct=pct(s["kept"], s["kept"] + s["adjusted"] + s["dropped"]),
        )
    qs = Office.objects.filter(administration=administration).annotate(**annotations)
    qs = qs.annotate(
        visited_pct=pct(F("visitors"), F("members")),
        coverage_pct=pct(F("pairs"), possible_pairs(F("members"))),
    )
    key = sort.lstrip("-")
    order = F(key).desc(nulls_last=True) if sort.startswith("-") else F(key).asc(nulls_last=True)
    return list(qs.order_by(order, "name"))


SORT_KEYS = [
    "name",
    "planned",
    "held",
    "due",
    "coming",
    "cancelled",
    "agenda_pct",
    "minutes_pct",
    "attendance_pct",
    "opened",
    "kept",
    "kept_pct",
    "median_days",
    "open",
    "overdue",
    "circles_running",
    "stuck",
    "visits_held",
    "visited_pct",
    "coverage_pct",
]
