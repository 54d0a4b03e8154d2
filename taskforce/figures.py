"""A task force's figures (programmes.registry): four queries, whatever the number of programmes."""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knowledge.models import Question, QuestionStep
from meetings.models import Meeting, MeetingGuest, MeetingStatus
from programmes.models import Initiative, InitiativeStatus
from programmes.registry import Figure

from .models import InitiativeUnits


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("meeting").annotate(n=Count("pk")).values("n"), output_field=IntegerField()
        ),
        0,
    )


def taskforce_figures(programmes, now=None) -> dict[int, list[Figure]]:
    ids = [programme.pk for programme in programmes]
    if not ids:
        return {}
    now = now or timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    by_status: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for row in Initiative.objects.filter(programme__in=ids).values("programme_id", "status").annotate(n=Count("pk")):
        by_status[row["programme_id"]][row["status"]] = row["n"]

    reached = dict(
        InitiativeUnits.units.through.objects.filter(initiativeunits__initiative__programme__in=ids)
        .values_list("initiativeunits__initiative__programme_id")
        .annotate(n=Count("unit_id", distinct=True))
        .values_list("initiativeunits__initiative__programme_id", "n")
    )

    answered_in_time = QuestionStep.objects.filter(
        question=OuterRef("pk"), kind="answered", at__date__lte=OuterRef("due_date")
    )
    tasks = {
        row["programme"]: row
        for row in Question.objects.filter(meeting__series__task_force__programme__in=ids)
        .annotate(in_time=Exists(answered_in_time))
        .values(programme=F("meeting__series__task_force__programme_id"))
        .annotate(
            total=Count("pk"),
            this_month=Count("pk", filter=Q(created_at__gte=month_start)),
            with_date=Count("pk", filter=Q(due_date__isnull=False)),
            in_time=Count("pk", filter=Q(in_time=True)),
        )
    }

    last = {
        meeting.programme: meeting
        for meeting in Meeting.objects.filter(series__task_force__programme__in=ids, starts_at__lt=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(
            programme=F("series__task_force__programme_id"),
            present=_count(MeetingGuest.objects.filter(meeting=OuterRef("pk"), status="present")),
            recorded=_count(MeetingGuest.objects.filter(meeting=OuterRef("pk")).exclude(status="")),
        )
        .order_by("series_id", "-starts_at")
        .distinct("series_id")
    }

    found = {}
    for pk in ids:
        counts = by_status[pk]
        status_text = ", ".join(
            f"{counts[value]} {label}" for value, label in InitiativeStatus.choices if counts.get(value)
        )
        row = tasks.get(pk, {})
        meeting = last.get(pk)
        figures = [
            Figure(
                _("Initiatives"),
                sum(counts.values()),
                status_text or _("No initiatives yet."),
            ),
            Figure(
                _("Units reached"),
                reached.get(pk, 0),
                _("Decentral units at least one initiative is aimed at."),
            ),
            Figure(
                _("Tasks brought home this month"),
                row.get("this_month", 0),
                ngettext(
                    "%(n)s task brought home from the monthly meetings in all.",
                    "%(n)s tasks brought home from the monthly meetings in all.",
                    row.get("total", 0),
                )
                % {"n": row.get("total", 0)},
            ),
            Figure(
                _("Answered by their date"),
                f"{row.get('in_time', 0)}/{row.get('with_date', 0)}",
                _("Tasks brought home with a date to answer by, answered on time."),
            ),
            Figure(
                _("Administrative leaders at the last meeting"),
                meeting.present if meeting else 0,
                (
                    _("%(present)s of %(recorded)s recorded present on %(date)s.")
                    % {
                        "present": meeting.present,
                        "recorded": meeting.recorded,
                        "date": date_format(timezone.localtime(meeting.starts_at).date(), "DATE_FORMAT"),
                    }
                )
                if meeting
                else _("No monthly meeting has been held yet."),
            ),
        ]
        found[pk] = figures
    return found
