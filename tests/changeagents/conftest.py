from dataclasses import dataclass

import pytest
from django.utils import timezone

from changeagents.models import Project
from programmes.models import Level, Participant
from tests.changeagents.objects import change_agents


@dataclass
class AgentsWorld:
    programme: object
    agent: object  # A's staff member, the change agent of ``project``
    project: object
    note: object
    series: object  # A's office meeting
    peer: object  # B's staff member: another change agent of the programme (a participant, not of this project)
    peer_project: object
    other_project: object  # a project of office B's programme


@pytest.fixture
def aw(world):
    today = timezone.localdate()
    found = change_agents(world.a, "Agents", today, slug="forandringsagenter")
    programme = found["programme"]
    peer = Participant.objects.create(
        programme=programme, person=world.b.staff, office=world.b.office, level=Level.STAFF
    )
    peer_project = Project.objects.create(
        programme=programme, agent=peer, title="Fælles indbakke", created_by=world.a.chief
    )
    other = change_agents(world.b, "Other", today, slug="andre-agenter")
    return AgentsWorld(
        programme=programme,
        agent=found["agent"],
        project=found["project"],
        note=found["note"],
        series=found["series"],
        peer=peer,
        peer_project=peer_project,
        other_project=other["project"],
    )
