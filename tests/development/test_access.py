from django.urls import reverse

from development.models import Clarification, SelfAssessment
from tests.development.conftest import make_kambu


def _clarification_url(kambu, clarification):
    return reverse("development:clarification", args=[kambu.programme.slug, clarification.pk])


def test_participant_sees_own_clarification_but_not_anothers(login, kambu, clarifications, world):
    mine, theirs = clarifications[0], clarifications[1]
    SelfAssessment.objects.create(clarification=theirs, area=kambu.areas[0], score=1, note="ZQ7 hemmelig note")
    client = login(world.b.staff)
    assert client.get(_clarification_url(kambu, mine)).status_code == 200
    response = client.get(_clarification_url(kambu, theirs))
    assert response.status_code == 404
    assert b"hemmelig" not in response.content


def test_leads_see_every_clarification(login, kambu, clarifications, world):
    for lead in (world.a.resource_person, world.a.chief, world.head):
        client = login(lead)
        for clarification in clarifications:
            assert client.get(_clarification_url(kambu, clarification)).status_code == 200


def test_programme_page_lists_clarifications_to_leads_only(login, kambu, clarifications, world):
    lead_page = login(world.a.section_leader).get(reverse("development:programme", args=[kambu.programme.slug]))
    assert lead_page.status_code == 200
    assert world.c.staff.full_name.encode() in lead_page.content
    own_page = login(world.b.staff).get(reverse("development:programme", args=[kambu.programme.slug]))
    assert own_page.status_code == 200
    assert world.c.staff.full_name.encode() not in own_page.content


def test_outsider_does_not_find_the_programme(login, kambu, world):
    client = login(world.c.resource_person)
    assert client.get(reverse("development:programme", args=[kambu.programme.slug])).status_code == 404
    assert client.get(kambu.cohort.get_absolute_url()).status_code == 404


def test_another_programmes_cohort_under_this_programme_is_not_found(login, kambu, world):
    other = make_kambu(world, slug="andet-program")
    client = login(world.a.resource_person)
    url = reverse("development:cohort", args=[kambu.programme.slug, other.cohort.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("development:cohort", args=[other.programme.slug, other.cohort.pk])).status_code == 200


def test_participant_may_not_write_the_dialogue_note(login, kambu, clarifications, world):
    client = login(world.b.staff)
    url = reverse("development:dialogue", args=[kambu.programme.slug, clarifications[0].pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"dialogue_on": "2026-03-01", "dialogue_note": "Skrevet af mig selv"})
    assert response.status_code == 403
    assert Clarification.objects.get(pk=clarifications[0].pk).dialogue_note == ""


def test_a_lead_who_is_no_participant_has_no_self_assessment(login, kambu, world):
    response = login(world.a.resource_person).get(reverse("development:self-assessment", args=[kambu.programme.slug]))
    assert response.status_code == 403


def test_leads_set_up_areas_offers_and_cohorts_and_participants_may_not(login, kambu, world):
    slug = kambu.programme.slug
    participant = login(world.b.staff)
    assert participant.get(reverse("development:offers", args=[slug])).status_code == 403
    assert participant.post(reverse("development:area-create", args=[slug]), {"name": "Jura"}).status_code == 403
    lead = login(world.a.chief)
    assert (
        lead.post(reverse("development:area-create", args=[slug]), {"name": "Jura", "position": 2}).status_code == 302
    )
    assert (
        lead.post(reverse("development:area-create", args=[slug]), {"name": "jura", "position": 3}).status_code == 400
    )
    offer = {"title": "Diplommodul", "kind": "diploma", "ects": "5", "weeks": "6", "areas": [kambu.areas[1].pk]}
    assert lead.post(reverse("development:offer-create", args=[slug]), offer).status_code == 302
    new_offer = kambu.programme.offers.get(title="Diplommodul")
    assert list(new_offer.areas.all()) == [kambu.areas[1]]
    cohort = {
        "offer": new_offer.pk,
        "name": "Hold B",
        "starts_on": "2026-09-07",
        "ends_on": "2026-09-04",
        "capacity": 10,
    }
    assert lead.post(reverse("development:cohort-create", args=[slug]), cohort).status_code == 400
    cohort["ends_on"] = "2026-10-16"
    assert lead.post(reverse("development:cohort-create", args=[slug]), cohort).status_code == 302
    assert new_offer.cohorts.get().capacity == 10
