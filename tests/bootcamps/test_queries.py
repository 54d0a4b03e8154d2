"""The bootcamp pages keep a fixed number of queries, whatever the number of participants, groups and answers."""
# ruff: noqa: F811 - the fixtures are imported from days_world

import pytest
from django.urls import reverse

from bootcamps.models import Barrier, BarrierKind, Evaluation
from offices.models import Role
from programmes.models import Group, GroupMember, Participant
from tests import factories
from tests.bootcamps.days_world import camp, join  # noqa: F401

pytestmark = pytest.mark.django_db


def _grow(camp, world, n):
    """``n`` more participants in ``n`` offices, in two groups, each evaluating the held day."""
    groups = [Group.objects.create(programme=camp.programme, name=f"Gruppe {i}") for i in (1, 2)]
    for i in range(n):
        office = factories.make_office(world.administration)
        person = factories.make_member(office, Role.SECTION_LEADER)
        participant = join(camp.programme, person, office)
        GroupMember.objects.create(group=groups[i % 2], participant=participant)
        Barrier.objects.create(group=groups[i % 2], text=f"Barriere {i}", kind=BarrierKind.CULTURE)
        Evaluation.objects.create(
            day=camp.held, participant=participant, new_knowledge=1 + i % 5, new_colleagues=5, takeaway=f"Tekst {i}"
        )


@pytest.mark.parametrize("n", [2, 8])
def test_programme_page_queries(camp, world, login, django_assert_max_num_queries, n):
    _grow(camp, world, n)
    client = login(camp.lead)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("bootcamps:programme", kwargs={"slug": camp.programme.slug}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Gruppe 2" in text
    assert f"{n} af {n} barrierer handler om kultur og tankesæt" in text


@pytest.mark.parametrize("n", [2, 8])
def test_day_page_queries(camp, world, login, django_assert_max_num_queries, n):
    _grow(camp, world, n)
    client = login(camp.lead)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("bootcamps:day", kwargs={"slug": camp.programme.slug, "pk": camp.held.pk}))
    assert response.status_code == 200
    assert "Tekst 1" in response.content.decode()


@pytest.mark.parametrize("n", [2, 8])
def test_builder_page_queries(camp, world, login, django_assert_max_num_queries, n):
    _grow(camp, world, n)
    client = login(camp.lead)
    url = reverse("bootcamps:group-builder", kwargs={"slug": camp.programme.slug})
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["proposal"]) == 2
    with django_assert_max_num_queries(12):
        response = client.post(url, {"action": "propose", "by": "count", "number": "3"})
    assert response.status_code == 200 and len(response.context["proposal"]) == 3
    assert Participant.objects.filter(programme=camp.programme).count() == n + 3
