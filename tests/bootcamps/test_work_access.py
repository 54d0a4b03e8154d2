"""Who may do what with a group's work: leads everything, the group's members their own group's work, the other
participants read, everybody else finds nothing; another group's or programme's object under this address is a 404."""

import pytest

from bootcamps.models import Barrier, BarrierKind
from tests.bootcamps import work_world
from tests.bootcamps.work_world import barrier, journey, make_bootcamp

pytestmark = pytest.mark.django_db
camp = work_world.camp


def test_member_adds_a_barrier_to_their_own_group(camp, login):
    response = login(camp.member).post(camp.url("bootcamps:barrier-create"), {"barrier-text": "Vi plejer ikke"})
    assert response.status_code == 302
    added = Barrier.objects.get(group=camp.group)
    assert (added.text, added.raised_by, added.kind) == ("Vi plejer ikke", camp.member, BarrierKind.UNSORTED)


def test_other_participant_reads_the_group_but_changes_nothing(camp, login):
    b = barrier(camp.group, "Tavshedspligt")
    client = login(camp.other_participant)
    page = client.get(camp.url("bootcamps:group"))
    assert page.status_code == 200
    assert "Tavshedspligt" in page.text
    assert "Tilføj barrieren" not in page.text
    assert client.post(camp.url("bootcamps:barrier-create"), {"barrier-text": "x"}).status_code == 403
    assert client.post(camp.url("bootcamps:barrier-sort", barrier_pk=b.pk), {"kind": "culture"}).status_code == 403
    assert client.get(camp.url("bootcamps:group-problem")).status_code == 403
    assert client.get(camp.url("bootcamps:journey")).status_code == 200
    b.refresh_from_db()
    assert b.kind == BarrierKind.UNSORTED


def test_member_of_another_group_cannot_edit_this_group(camp, login):
    client = login(camp.other_participant)
    assert client.post(camp.url("bootcamps:journey-update"), {"journey-persona": "Borger"}).status_code == 403
    assert (
        client.post(camp.url("bootcamps:barrier-create", group=camp.other_group), {"barrier-text": "ok"}).status_code
        == 302
    )


def test_lead_edits_every_group(camp, login):
    client = login(camp.lead)
    response = client.post(camp.url("bootcamps:barrier-create", group=camp.other_group), {"barrier-text": "Jura"})
    assert response.status_code == 302
    assert Barrier.objects.filter(group=camp.other_group, raised_by=camp.lead).exists()


def test_outsider_finds_nothing(camp, login):
    client = login(camp.outsider)
    assert client.get(camp.url("bootcamps:group")).status_code == 404
    assert client.get(camp.url("bootcamps:journey")).status_code == 404
    assert client.get(camp.url("bootcamps:barriers")).status_code == 404
    assert client.post(camp.url("bootcamps:barrier-create"), {"barrier-text": "x"}).status_code == 404
    assert not Barrier.objects.exists()


def test_another_groups_barrier_under_this_groups_address_is_not_found(camp, login):
    theirs = barrier(camp.other_group, "Deres barriere")
    client = login(camp.lead)
    url = camp.url("bootcamps:barrier-sort", barrier_pk=theirs.pk)
    assert client.post(url, {"kind": "culture"}).status_code == 404
    assert client.get(camp.url("bootcamps:barrier-update", barrier_pk=theirs.pk)).status_code == 404
    assert client.post(camp.url("bootcamps:barrier-delete", barrier_pk=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.kind == BarrierKind.UNSORTED


def test_another_groups_journey_step_under_this_groups_address_is_not_found(camp, login):
    journey(camp.group, steps=1)
    theirs = journey(camp.other_group, steps=2).steps.first()
    client = login(camp.lead)
    assert client.get(camp.url("bootcamps:step-update", step_pk=theirs.pk)).status_code == 404
    assert client.post(camp.url("bootcamps:step-move", step_pk=theirs.pk), {"direction": "down"}).status_code == 404
    assert client.post(camp.url("bootcamps:step-delete", step_pk=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.position == 1


def test_another_programmes_group_is_not_found(camp, world, login):
    _programme, _theme, foreign_group, _ = make_bootcamp(world, slug="another-camp", owner=world.b)
    client = login(camp.lead)
    assert client.get(camp.url("bootcamps:group", group=foreign_group)).status_code == 404
    assert (
        client.post(camp.url("bootcamps:barrier-create", group=foreign_group), {"barrier-text": "x"}).status_code == 404
    )


def test_changes_are_post_only(camp, login):
    b = barrier(camp.group)
    client = login(camp.member)
    assert client.get(camp.url("bootcamps:barrier-sort", barrier_pk=b.pk)).status_code == 405
    assert client.get(camp.url("bootcamps:barrier-delete", barrier_pk=b.pk)).status_code == 405
