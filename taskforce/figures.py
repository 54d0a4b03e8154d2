"""A task force's figures (programmes.registry): one query, whatever the number of programmes."""

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knowledge.models import Question, QuestionStep
from meetings.models import Meeting, MeetingGuest, MeetingStatus
from offices.models import Unit
from programmes.models import Initiative, InitiativeStatus, Programme
from programmes.registry import Figure

from .models import InitiativeUnits


def _count(queryset):
    """The number of rows of ``queryset`` (which refers to the outer programme) as a subquery; 0 when none."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def taskforce_figures(programmes, now=None) -> dict[int, list[Figure]]:
    """One query for all the programmes: each figure is a count (a subquery) on the programme's row."""
    ids = [programme.pk for programme in programmes]
    if not ids:
        return {}
    now = now or timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    programme = OuterRef("pk")
    initiatives = Initiative.objects.filter(programme=programme)
    tasks = Question.objects.filter(meeting__series__task_force__programme=programme)
    answered_in_time = QuestionStep.objects.filter(
        question=OuterRef("pk"), kind="answered", at__date__lte=OuterRef("due_date")
    )
    last_meeting = (
        Meeting.objects.filter(series__task_force__programme=OuterRef(OuterRef("pk")), starts_at__lt=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .values("pk")[:1]
    )
    last_start = (
        Meeting.objects.filter(series__task_force__programme=programme, starts_at__lt=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    aimed_here = InitiativeUnits.units.through.objects.filter(
        unit=OuterRef("pk"), initiativeunits__initiative__programme=OuterRef(OuterRef("pk"))
    )
    status_counts = {value: _count(initiatives.filter(status=value)) for value in InitiativeStatus.values}
    rows = {
        row["pk"]: row
        for row in Programme.objects.filter(pk__in=ids).values(
            "pk",
            reached=_count(Unit.objects.filter(Exists(aimed_here))),
            tasks_total=_count(tasks),
            tasks_this_month=_count(tasks.filter(created_at__gte=month_start)),
            tasks_with_date=_count(tasks.filter(due_date__isnull=False)),
            tasks_in_time=_count(tasks.filter(due_date__isnull=False).filter(Exists(answered_in_time))),
            last_start=Subquery(last_start),
            present=_count(MeetingGuest.objects.filter(meeting=Subquery(last_meeting), status="present")),
            recorded=_count(MeetingGuest.objects.filter(meeting=Subquery(last_meeting)).exclude(status="")),
            **{f"status_{value}": count for value, count in status_counts.items()},
        )
    }

    found = {}
    for pk in ids:
        row = rows[pk]
        counts = {value: row[f"status_{value}"] for value in InitiativeStatus.values}
        status_text = ", ".join(
            f"{counts[value]} {label}" for value, label in InitiativeStatus.choices if counts.get(value)
        )
        figures = [
            Figure(_("Initiatives"), sum(counts.values()), status_text or _("No initiatives yet.")),
            Figure(_("Units reached"), row["reached"], _("Decentral units at least one initiative is aimed at.")),
            Figure(
                _("Tasks brought home this month"),
                row["tasks_this_month"],
                ngettext(
                    "%(n)s task brought home from the monthly meetings in all.",
                    "%(n)s tasks brought home from the monthly meetings in all.",
                    row["tasks_total"],
                )
                % {"n": row["tasks_total"]},
            ),
            Figure(
                _("Answered by their date"),
                f"{row['tasks_in_time']}/{row['tasks_with_date']}",
                _("Tasks brought home with a date to answer by, answered on time."),
            ),
            Figure(
                _("Administrative leaders at the last meeting"),
                row["present"],
                (
                    _("%(present)s of %(recorded)s recorded present on %(date)s.")
                    % {
                        "present": row["present"],
                        "recorded": row["recorded"],
                        "date": date_format(timezone.localtime(row["last_start"]).date(), "DATE_FORMAT"),
                    }
                )
                if row["last_start"]
                else _("No monthly meeting has been held yet."),
            ),
        ]
        found[pk] = figures
    return found
