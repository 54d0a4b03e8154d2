"""The bootcamp figures the progress pages show to the leads: two queries whatever the number of programmes."""
# ruff: noqa: F811 - the fixtures are imported from days_world

import pytest

from bootcamps.figures import bootcamp_figures
from bootcamps.models import Evaluation
from programmes.models import Participant
from programmes.registry import figures_for
from tests.bootcamps.days_world import camp, make_camp  # noqa: F401

pytestmark = pytest.mark.django_db


def test_figures_for_several_programmes_in_two_queries(camp, world, django_assert_num_queries):
    other, _held, _coming = make_camp(world, slug="anden-bootcamp")
    participant = Participant.objects.get(person=camp.participant)
    Evaluation.objects.create(day=camp.held, participant=participant, new_knowledge=4, new_colleagues=5)
    with django_assert_num_queries(2):
        found = bootcamp_figures([camp.programme, other])
    values = {f.label: f.value for f in found[camp.programme.pk]}
    assert values["Deltagere"] == 3 and values["Evalueringer"] == 1
    assert values["Afholdte bootcampdage"] == "1 / 2"
    assert values["Ny viden på tværs (gennemsnit 1–5)"] == "4,0"
    assert {f.label: f.value for f in found[other.pk]}["Deltagere"] == 0


def test_the_registry_gives_the_bootcamp_figures(camp):
    assert [f.label for f in figures_for([camp.programme])[camp.programme.pk]][-1] == "Nye arbejdsrelationer"
