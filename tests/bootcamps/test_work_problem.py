"""The group's problem: members and leads edit it; a second save over someone else's shows both texts; a draft."""

import pytest
from django.urls import reverse

from drafts.models import Draft
from drafts.registry import key_for
from tests.bootcamps import work_world

pytestmark = pytest.mark.django_db
camp = work_world.camp


def test_member_writes_the_problem(camp, login):
    client = login(camp.member)
    form = client.get(camp.url("bootcamps:group-problem"))
    assert form.status_code == 200
    assert 'data-draft-key="programmes.group:' in form.text
    response = client.post(camp.url("bootcamps:group-problem"), {"problem": "Unge uden job", "version": 0})
    assert response.status_code == 302
    camp.group.refresh_from_db()
    assert (camp.group.problem, camp.group.problem_version) == ("Unge uden job", 1)


def test_a_save_over_a_newer_problem_shows_both_texts(camp, world, login):
    lead = login(camp.lead)
    assert (
        lead.post(camp.url("bootcamps:group-problem"), {"problem": "Ledernes tekst", "version": 0}).status_code == 302
    )
    member = login(camp.member)
    response = member.post(camp.url("bootcamps:group-problem"), {"problem": "Medlemmets tekst", "version": 0})
    assert response.status_code == 409
    assert "Ledernes tekst" in response.text and "Medlemmets tekst" in response.text
    camp.group.refresh_from_db()
    assert camp.group.problem == "Ledernes tekst"
    # Saving again with the stored version keeps the member's text deliberately.
    again = member.post(camp.url("bootcamps:group-problem"), {"problem": "Medlemmets tekst", "version": 1})
    assert again.status_code == 302
    camp.group.refresh_from_db()
    assert camp.group.problem == "Medlemmets tekst"


def test_the_problems_draft_is_kept_for_members_only(camp, login):
    key = key_for(camp.group, "problem")
    url = reverse("drafts:save", kwargs={"key": key})
    assert login(camp.member).post(url, {"text": "Halvfærdig tanke"}).status_code == 200
    assert Draft.objects.get(key=key).text == "Halvfærdig tanke"
    assert login(camp.other_participant).post(url, {"text": "Ikke min"}).status_code == 403
    assert login(camp.outsider).post(url, {"text": "Ikke min"}).status_code == 404
