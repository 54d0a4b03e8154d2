"""What the programme shows its leads, counted with a fixed number of queries: the week table of a unit (covered
and uncovered weeks of the job rotation), the networks (participants who met colleagues with similar tasks from
other units in a cohort) and the figures for the progress pages (programmes.registry)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knowledge.models import PersonCompetence
from programmes.registry import Figure

from .models import (
    HOLDING_A_PLACE,
    Clarification,
    ClarificationStatus,
    Cover,
    Enrolment,
    EnrolmentStatus,
    Offer,
    SelfAssessment,
    Substitute,
)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(start: date, end: date) -> list[date]:
    """The Mondays of the ISO weeks from ``start`` to ``end``, both included."""
    first, last = monday(start), monday(end)
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


@dataclass
class Week:
    monday: date
    away: int = 0
    uncovered: int = 0

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def is_uncovered(self) -> bool:
        return self.uncovered > 0


@dataclass
class Cell:
    away: bool = False
    substitutes: list = field(default_factory=list)

    @property
    def is_uncovered(self) -> bool:
        return self.away and not self.substitutes


@dataclass
class Row:
    participant: object
    cohorts: list
    cells: list


@dataclass
class WeekTable:
    weeks: list[Week]
    rows: list[Row]

    @property
    def uncovered_weeks(self) -> list[Week]:
        return [week for week in self.weeks if week.is_uncovered]


def unit_weeks(programme, unit) -> WeekTable:
    """Every week a participant from ``unit`` is away on a cohort, and who covers for them: two queries."""
    enrolments = list(
        Enrolment.objects.filter(
            cohort__offer__programme=programme, participant__unit=unit, status__in=HOLDING_A_PLACE
        ).select_related("cohort__offer", "participant__person")
    )
    covers = list(
        Cover.objects.filter(participant__programme=programme, unit=unit)
        .select_related("substitute")
        .order_by("starts_on", "substitute__name")
    )
    mondays = sorted({m for e in enrolments for m in weeks_between(e.cohort.starts_on, e.cohort.ends_on)})
    weeks = [Week(m) for m in mondays]
    by_participant: dict[int, list] = defaultdict(list)
    for enrolment in enrolments:
        by_participant[enrolment.participant_id].append(enrolment)
    covers_of: dict[int, list] = defaultdict(list)
    for cover in covers:
        covers_of[cover.participant_id].append(cover)
    rows = []
    for items in sorted(by_participant.values(), key=lambda items: items[0].participant.person.full_name):
        participant = items[0].participant
        cells = []
        for week in weeks:
            away = any(e.cohort.starts_on <= week.sunday and e.cohort.ends_on >= week.monday for e in items)
            names = [
                c.substitute.name
                for c in covers_of[participant.pk]
                if c.starts_on <= week.sunday and c.ends_on >= week.monday
            ]
            cell = Cell(away=away, substitutes=names if away else [])
            if away:
                week.away += 1
                week.uncovered += cell.is_uncovered
            cells.append(cell)
        rows.append(Row(participant=participant, cohorts=[e.cohort for e in items], cells=cells))
    return WeekTable(weeks=weeks, rows=rows)


@dataclass
class Encounter:
    """A colleague from another unit met in a cohort, and what they share (areas of their daily tasks,
    competences of the directory)."""

    colleague: object
    cohort: object
    areas: list[str]
    competences: list[str]

    @property
    def shared(self) -> list[str]:
        return sorted({*self.areas, *self.competences}, key=str.lower)


def networks(programmes) -> dict[int, dict[int, list[Encounter]]]:
    """By programme, by participant: the colleagues with similar tasks from another unit they met in a cohort
    (the same cohort, a shared area of daily tasks or a shared competence, a different unit). Three queries."""
    ids = [p.pk for p in programmes]
    enrolments = list(
        Enrolment.objects.filter(cohort__offer__programme__in=ids, status__in=HOLDING_A_PLACE)
        .select_related("participant__person", "participant__unit", "cohort__offer")
        .order_by("cohort_id", "participant__person__full_name")
    )
    tasks: dict[int, set[str]] = defaultdict(set)
    for participant_id, area in SelfAssessment.objects.filter(
        clarification__participant__programme__in=ids, is_my_task=True
    ).values_list("clarification__participant_id", "area__name"):
        tasks[participant_id].add(area)
    people = {e.participant.person_id for e in enrolments}
    competences: dict[int, set[str]] = defaultdict(set)
    for person_id, name in PersonCompetence.objects.filter(person__in=people).values_list(
        "person_id", "competence__name"
    ):
        competences[person_id].add(name)
    by_cohort: dict[int, list] = defaultdict(list)
    for enrolment in enrolments:
        by_cohort[enrolment.cohort_id].append(enrolment)
    found: dict[int, dict[int, list[Encounter]]] = {pk: defaultdict(list) for pk in ids}
    for items in by_cohort.values():
        for mine in items:
            me = mine.participant
            for theirs in items:
                other = theirs.participant
                if other.pk == me.pk or not me.unit_id or not other.unit_id or me.unit_id == other.unit_id:
                    continue
                areas = sorted(tasks[me.pk] & tasks[other.pk])
                shared = sorted(competences[me.person_id] & competences[other.person_id])
                if areas or shared:
                    found[mine.cohort.offer.programme_id][me.pk].append(
                        Encounter(colleague=other, cohort=mine.cohort, areas=areas, competences=shared)
                    )
    return found


def development_figures(programmes) -> dict[int, list[Figure]]:
    """The seed's figures for each programme: clarified, enrolled per offer, completed, substitutes, substitutes
    employed afterwards, and the participants who met colleagues with similar tasks elsewhere. Seven queries."""
    programmes = list(programmes)
    ids = [p.pk for p in programmes]
    clarified = dict(
        Clarification.objects.filter(participant__programme__in=ids, status=ClarificationStatus.CLARIFIED)
        .values("participant__programme")
        .annotate(n=Count("pk"))
        .values_list("participant__programme", "n")
    )
    offers = Offer.objects.filter(programme__in=ids).annotate(
        enrolled=Count("cohorts__enrolments", filter=Q(cohorts__enrolments__status__in=HOLDING_A_PLACE)),
        completed=Count("cohorts__enrolments", filter=Q(cohorts__enrolments__status=EnrolmentStatus.COMPLETED)),
    )
    offers_of = defaultdict(list)
    for offer in offers:
        offers_of[offer.programme_id].append(offer)
    substitutes = {
        row["programme"]: row
        for row in Substitute.objects.filter(programme__in=ids)
        .values("programme")
        .annotate(total=Count("pk"), employed=Count("pk", filter=Q(employed_on__isnull=False)))
    }
    met = networks(programmes)
    found = {}
    for programme in programmes:
        figures = [
            Figure(
                _("Clarified"),
                clarified.get(programme.pk, 0),
                _("Participants whose competence clarification is done (self-assessment, dialogue, offers)."),
            )
        ]
        for offer in offers_of[programme.pk]:
            figures.append(
                Figure(
                    _("Enrolled: %(offer)s") % {"offer": offer.title},
                    offer.enrolled,
                    _("Places taken in the offer's cohorts (the waiting list not counted)."),
                )
            )
        figures.append(
            Figure(
                _("Completed"),
                sum(offer.completed for offer in offers_of[programme.pk]),
                _("Enrolments completed at the end of their cohort."),
            )
        )
        subs = substitutes.get(programme.pk, {"total": 0, "employed": 0})
        figures.append(Figure(_("Substitutes"), subs["total"], _("Substitutes in the job rotation.")))
        figures.append(
            Figure(
                _("Substitutes employed afterwards"),
                subs["employed"],
                ngettext(
                    "Of %(total)d substitute: those who got a permanent job afterwards.",
                    "Of %(total)d substitutes: those who got a permanent job afterwards.",
                    subs["total"],
                )
                % {"total": subs["total"]},
            )
        )
        figures.append(
            Figure(
                _("New networks"),
                len([pk for pk, encounters in met[programme.pk].items() if encounters]),
                _("Participants who met colleagues with similar tasks from other units in a cohort."),
            )
        )
        found[programme.pk] = figures
    return found
