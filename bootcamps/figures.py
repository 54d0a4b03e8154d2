"""A bootcamp programme's figures for its leads (the progress pages and the programme page): fixed queries."""

from django.db.models import Avg, Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from programmes.models import Group, Participant, Programme
from programmes.registry import Figure

from .models import BootcampDay, Evaluation
from .relations import new_relations


def _count(queryset):
    counted = queryset.order_by().values("programme").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def bootcamp_figures(programmes, now=None) -> dict[int, list[Figure]]:
    """``{programme id: [Figure, …]}``: three queries whatever the number of programmes."""
    now = now or timezone.now()
    ids = [p.pk for p in programmes]
    if not ids:
        return {}
    today = timezone.localdate(now)
    rows = Programme.objects.filter(pk__in=ids).annotate(
        n_participants=_count(Participant.objects.filter(programme=OuterRef("pk"))),
        n_groups=_count(Group.objects.filter(programme=OuterRef("pk"))),
        n_held=_count(BootcampDay.objects.filter(programme=OuterRef("pk"), date__lte=today)),
        n_days=_count(BootcampDay.objects.filter(programme=OuterRef("pk"))),
        n_evaluations=Coalesce(
            Subquery(
                Evaluation.objects.filter(day__programme=OuterRef("pk"))
                .order_by()
                .values("day__programme")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        knowledge=Subquery(
            Evaluation.objects.filter(day__programme=OuterRef("pk"))
            .order_by()
            .values("day__programme")
            .annotate(a=Avg("new_knowledge"))
            .values("a")
        ),
    )
    relations = new_relations(ids, now=now)
    return {
        row["pk"]: figure_list(
            participants=row["n_participants"],
            groups=row["n_groups"],
            held=row["n_held"],
            days=row["n_days"],
            evaluations=row["n_evaluations"],
            knowledge=row["knowledge"],
            relations=relations[row["pk"]],
        )
        for row in rows.values("pk", "n_participants", "n_groups", "n_held", "n_days", "n_evaluations", "knowledge")
    }


def figure_list(*, participants, groups, held, days, evaluations, knowledge, relations) -> list[Figure]:
    """The figures of one programme from its counts (the programme page passes what it has read already)."""
    return [
        Figure(_("Participants"), participants, _("Leaders taking part, from every level and area.")),
        Figure(_("Groups"), groups, _("Groups formed across areas and levels.")),
        Figure(_("Bootcamp days held"), f"{held} / {days}", _("Days held so far, of the days planned.")),
        Figure(_("Evaluations"), evaluations, _("Answers to the short evaluation after each day.")),
        Figure(
            _("New knowledge across (average 1–5)"),
            number_format(knowledge, 1) if knowledge is not None else "–",
            _("“Did you gain new knowledge across the organisation?”, on average."),
        ),
        Figure(
            _("New working relations"),
            relations.total,
            _(
                "Pairs of participants from different offices who did not work together before the programme "
                "and have since worked in a group (%(group)d), visited each other (%(visit)d) or met (%(meeting)d)."
            )
            % {"group": relations.by_group, "visit": relations.by_visit, "meeting": relations.by_meeting},
        ),
    ]
