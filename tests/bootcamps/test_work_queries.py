"""The group page and the work pages keep a fixed number of queries whatever the number of barriers and steps."""

import pytest

from bootcamps.models import BarrierKind
from tests.bootcamps import work_world
from tests.bootcamps.work_world import barrier, journey

pytestmark = pytest.mark.django_db
camp = work_world.camp


def _fill(camp, n):
    for i in range(n):
        barrier(camp.group, f"Barriere {i}", BarrierKind.CULTURE if i % 3 else BarrierKind.RULES, by=camp.member)
        barrier(camp.other_group, f"Anden {i}", BarrierKind.CULTURE)
    journey(camp.group, steps=n)


@pytest.mark.parametrize(("who", "n"), [("member", 2), ("member", 9), ("other_participant", 9)])
def test_group_page_queries(camp, login, django_assert_max_num_queries, who, n):
    """Measured: 11 for a member, 12 for a participant of another office's group, 10 for a lead."""
    _fill(camp, n)
    client = login(getattr(camp, who))
    client.get(camp.url("bootcamps:group"))  # session and language settle
    with django_assert_max_num_queries(12):
        response = client.get(camp.url("bootcamps:group"))
    assert response.status_code == 200
    assert f"Barriere {n - 1}" in response.text and f"Trin {n}" in response.text


@pytest.mark.parametrize("n", [2, 9])
def test_journey_and_barrier_pages_queries(camp, login, django_assert_max_num_queries, n):
    _fill(camp, n)
    client = login(camp.lead)
    with django_assert_max_num_queries(12):
        response = client.get(camp.url("bootcamps:journey"))
    assert response.status_code == 200 and f"Trin {n}" in response.text
    with django_assert_max_num_queries(12):
        response = client.get(camp.url("bootcamps:barriers"))
    assert response.status_code == 200 and "Gruppe 2" in response.text
