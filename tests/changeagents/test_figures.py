"""The programme's figures for the progress pages (programmes/registry.py): counted in four queries."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from changeagents.figures import change_agent_figures
from changeagents.models import SparringNote, SparringRhythm
from changeagents.services import present_at_next_meeting
from programmes.registry import figures_for


def test_figures_count_agents_projects_sparrings_and_presentations(world, aw, django_assert_max_num_queries):
    today = timezone.localdate()
    SparringRhythm.objects.filter(participant=aw.agent).update(first_on=today - timedelta(days=27))  # 2 due
    SparringNote.objects.create(
        project=aw.project, held_on=today - timedelta(days=13), discussed="x", written_by=world.a.chief
    )
    SparringNote.objects.create(
        project=aw.peer_project, held_on=today - timedelta(days=13), discussed="y", written_by=world.a.chief
    )
    present_at_next_meeting(aw.project, aw.series, by=world.a.chief)  # not yet held: not counted
    other = aw.other_project.programme
    with django_assert_max_num_queries(4):
        found = change_agent_figures([aw.programme, other])
    figures = {f.label: f.value for f in found[aw.programme.pk]}
    assert figures["Forandringsagenter"] == 2
    assert figures["Projekter"] == 2
    # Three sparrings held (the agent twice, the other agent once), two due by the one rhythm in the four weeks.
    assert figures["Sparring de seneste fire uger"] == "3 / 2"
    assert figures["Projekter fremlagt"] == 0
    with time_machine.travel(timezone.now() + timedelta(days=70)):
        assert {f.label: f.value for f in change_agent_figures([aw.programme])[aw.programme.pk]}[
            "Projekter fremlagt"
        ] == 1
    assert found[other.pk][0].value == 1
    assert aw.programme.pk in figures_for([aw.programme])  # registered for the kind
