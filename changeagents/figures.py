"""The change-agents programmes' figures (programmes/registry.py): four queries whatever the number of programmes."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import Participant
from programmes.registry import Figure

from .models import Project, ProjectPresentation, ProjectStatus, SparringNote, SparringRhythm

#: "Sparring held in the last four weeks".
WINDOW_DAYS = 28


def change_agent_figures(programmes) -> dict[int, list[Figure]]:
    ids = [programme.pk for programme in programmes]
    today = timezone.localdate()
    first = today - timedelta(days=WINDOW_DAYS - 1)
    agents: Counter = Counter()
    due: Counter = Counter()
    # Each agent with their sparring rhythm's first date (if any): both the agents and the sparrings due, one query.
    for programme_id, first_on in Participant.objects.filter(programme_id__in=ids).values_list(
        "programme_id", "sparring_rhythm__first_on"
    ):
        agents[programme_id] += 1
        if first_on is not None:
            due[programme_id] += len(SparringRhythm(first_on=first_on).held_between(first, today))
    statuses: dict[int, Counter] = {pk: Counter() for pk in ids}
    for programme_id, status, n in (
        Project.objects.filter(programme_id__in=ids)
        .values_list("programme_id", "status")
        .annotate(n=Count("pk"))
        .values_list("programme_id", "status", "n")
    ):
        statuses[programme_id][status] = n
    # A sparring is one agent on one day, however many of their projects it covered.
    held = Counter(
        programme_id
        for programme_id, _agent, _day in SparringNote.objects.filter(
            project__programme_id__in=ids, held_on__gte=first, held_on__lte=today
        )
        .values_list("project__programme_id", "project__agent_id", "held_on")
        .distinct()
    )
    presented = dict(
        ProjectPresentation.objects.filter(
            project__programme_id__in=ids, agenda_item__meeting__starts_at__lte=timezone.now()
        )
        .values_list("project__programme_id")
        .annotate(n=Count("project_id", distinct=True))
        .values_list("project__programme_id", "n")
    )
    found = {}
    for pk in ids:
        by_status = statuses[pk]
        status_text = ", ".join(f"{label} {by_status[value]}" for value, label in ProjectStatus.choices)
        found[pk] = [
            Figure(_("Change agents"), agents[pk], _("People taking part as change agents.")),
            Figure(_("Projects"), sum(by_status.values()), status_text),
            Figure(
                _("Sparring in the last four weeks"),
                f"{held[pk]} / {due[pk]}",
                _("Sparrings held (one agent on one day) against those due by the agents' fortnightly rhythm."),
            ),
            Figure(
                _("Projects presented"),
                presented.get(pk, 0),
                _("Projects presented at an office meeting that has taken place."),
            ),
        ]
    return found
