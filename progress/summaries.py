"""The summary tables of progress/models.py: rebuilt from the raw rows, checked against them, and read.

The triggers of migration 0001 keep every row exact as the facts change; ``rebuild()`` recomputes all
rows at once (after a bulk load with triggers off, as ``seed_scale`` does), and ``mismatches()`` counts
the raw rows again through the ORM, independently of the triggers' SQL, and lists every difference.
"""

from datetime import date

from django.db import connection, transaction
from django.db.models import Count, DateField, F, Q
from django.db.models.functions import TruncMonth

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import AttendanceStatus, Meeting, MeetingStatus

from .models import HeadingMonth, OfficeMonth, SeriesMonth
from .periods import TZ

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED)
CLOSED = (AgreementStatus.KEPT, AgreementStatus.ADJUSTED, AgreementStatus.DROPPED)
SERIES_KEYS = ["planned", "held", "cancelled", "agenda_before", "present", "recorded"]
OFFICE_KEYS = ["opened", "kept", "adjusted", "dropped"]
HEADING_KEYS = ["entries", "agreements"]

REBUILD_SQL = [
    "TRUNCATE progress_seriesmonth, progress_officemonth, progress_headingmonth",
    """
    INSERT INTO progress_seriesmonth (series_id, month, planned, held, cancelled, agenda_before, present, recorded)
    SELECT mt.series_id, progress_local_month(mt.starts_at), count(*),
      count(*) FILTER (WHERE mt.status IN ('held', 'minutes_published')),
      count(*) FILTER (WHERE mt.status = 'cancelled'),
      count(*) FILTER (WHERE mt.status IN ('held', 'minutes_published') AND mt.agenda_circulated_at < mt.starts_at),
      coalesce(sum(a.present) FILTER (WHERE mt.status IN ('held', 'minutes_published')), 0),
      coalesce(sum(a.recorded) FILTER (WHERE mt.status IN ('held', 'minutes_published')), 0)
    FROM meetings_meeting mt
    LEFT JOIN (SELECT meeting_id, count(*) FILTER (WHERE status = 'present') AS present, count(*) AS recorded
               FROM meetings_attendance GROUP BY meeting_id) a ON a.meeting_id = mt.id
    GROUP BY 1, 2
    """,
    """
    INSERT INTO progress_officemonth (office_id, month, opened, kept, adjusted, dropped)
    SELECT office_id, month, sum(opened), sum(kept), sum(adjusted), sum(dropped) FROM (
      SELECT office_id, date_trunc('month', date)::date AS month, 1 AS opened, 0 AS kept, 0 AS adjusted, 0 AS dropped
      FROM logbook_entry WHERE kind = 'agreement'
      UNION ALL
      SELECT office_id, progress_local_month(closed_at), 0, (status = 'kept')::int, (status = 'adjusted')::int,
        (status = 'dropped')::int
      FROM logbook_entry
      WHERE kind = 'agreement' AND status IN ('kept', 'adjusted', 'dropped') AND closed_at IS NOT NULL
    ) AS t GROUP BY 1, 2
    """,
    """
    INSERT INTO progress_headingmonth (heading_id, month, entries, agreements)
    SELECT heading_id, date_trunc('month', date)::date, count(*), count(*) FILTER (WHERE kind = 'agreement')
    FROM logbook_entry WHERE heading_id IS NOT NULL GROUP BY 1, 2
    """,
]


def rebuild() -> None:
    """Every summary row recomputed from the raw rows, in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in REBUILD_SQL:
            cursor.execute(sql)


def _month(field, **kwargs):
    return TruncMonth(field, output_field=DateField(), **kwargs)


def raw_series_months() -> dict:
    held = Q(status__in=HELD)
    rows = (
        Meeting.objects.annotate(month=_month("starts_at", tzinfo=TZ))
        .order_by()
        .values("series_id", "month")
        .annotate(
            planned=Count("pk", distinct=True),
            held=Count("pk", filter=held, distinct=True),
            cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED), distinct=True),
            agenda_before=Count("pk", filter=held & Q(agenda_circulated_at__lt=F("starts_at")), distinct=True),
            present=Count("attendance", filter=held & Q(attendance__status=AttendanceStatus.PRESENT)),
            recorded=Count("attendance", filter=held),
        )
    )
    return {(r["series_id"], r["month"]): [r[k] for k in SERIES_KEYS] for r in rows}


def raw_office_months() -> dict:
    agreements = Entry.objects.agreements().order_by()
    out: dict = {}
    for r in agreements.annotate(month=_month("date")).values("office_id", "month").annotate(n=Count("pk")):
        out.setdefault((r["office_id"], r["month"]), [0, 0, 0, 0])[0] = r["n"]
    closed = (
        agreements.filter(status__in=CLOSED, closed_at__isnull=False)
        .annotate(month=_month("closed_at", tzinfo=TZ))
        .values("office_id", "month", "status")
        .annotate(n=Count("pk"))
    )
    for r in closed:
        out.setdefault((r["office_id"], r["month"]), [0, 0, 0, 0])[1 + CLOSED.index(r["status"])] = r["n"]
    return out


def raw_heading_months() -> dict:
    rows = (
        Entry.objects.filter(heading__isnull=False)
        .annotate(month=_month("date"))
        .order_by()
        .values("heading_id", "month")
        .annotate(entries=Count("pk"), agreements=Count("pk", filter=Q(kind=EntryKind.AGREEMENT)))
    )
    return {(r["heading_id"], r["month"]): [r["entries"], r["agreements"]] for r in rows}


def _stored(model, key: str, keys: list[str]) -> dict:
    return {
        (r[key], r["month"]): [r[k] for k in keys]
        for r in model.objects.values(key, "month", *keys)
        if any(r[k] for k in keys)  # a row of zeros is the same as no row
    }


def mismatches(limit: int = 20) -> list[str]:
    """Every (table, key, month) whose stored figures differ from a fresh count of the raw rows."""
    out = []
    for name, stored, raw, keys in (
        ("series", _stored(SeriesMonth, "series_id", SERIES_KEYS), raw_series_months(), SERIES_KEYS),
        ("office", _stored(OfficeMonth, "office_id", OFFICE_KEYS), raw_office_months(), OFFICE_KEYS),
        ("heading", _stored(HeadingMonth, "heading_id", HEADING_KEYS), raw_heading_months(), HEADING_KEYS),
    ):
        raw = {k: v for k, v in raw.items() if any(v)}
        for key in sorted(set(stored) | set(raw), key=lambda k: (k[0], k[1] or date.min)):
            if stored.get(key) != raw.get(key):
                zeros = [0] * len(keys)
                summary = dict(zip(keys, stored.get(key) or zeros, strict=True))
                counted = dict(zip(keys, raw.get(key) or zeros, strict=True))
                out.append(f"{name} {key[0]} {key[1]}: summary {summary} raw {counted}")
    return out[:limit] if limit else out


# --- Reading ----------------------------------------------------------------------------------------


def month_aligned(period) -> bool:
    """Whether the period is whole calendar months (every named period; a custom one may not be)."""
    return period.start.day == 1 and date.fromordinal(period.end.toordinal() + 1).day == 1


def office_sums(period, office=None) -> dict:
    """Per outer office (or ``office``): the period's summed summary counts, as correlated subqueries."""
    from django.db.models import OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    office = OuterRef("pk") if office is None else office
    months = {"month__gte": period.start, "month__lte": period.end}

    def summed(queryset, group: str, key: str):
        return Coalesce(
            Subquery(queryset.filter(**months).order_by().values(group).annotate(v=Sum(key)).values("v")[:1]),
            0,
        )

    series = SeriesMonth.objects.filter(series__office=office)
    offices = OfficeMonth.objects.filter(office=office)
    return {
        **{key: summed(series, "series__office", key) for key in SERIES_KEYS},
        **{key: summed(offices, "office", key) for key in OFFICE_KEYS},
    }


def heading_sum(start: date, end: date, key: str):
    """Per outer heading: ``entries`` or ``agreements`` of the whole months from ``start`` to ``end``."""
    from django.db.models import OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    rows = HeadingMonth.objects.filter(heading=OuterRef("pk"), month__gte=start, month__lte=end).order_by()
    return Coalesce(Subquery(rows.values("heading").annotate(v=Sum(key)).values("v")[:1]), 0)
