import time_machine
from django.urls import reverse

from development import services
from development.models import Clarification, ClarificationStatus, Recommendation, SelfAssessment
from drafts.models import Draft


def _post_self_assessment(client, kambu, scores, tasks=()):
    data = {}
    for area, score in zip(kambu.areas, scores, strict=True):
        data[f"score_{area.pk}"] = str(score)
        data[f"note_{area.pk}"] = f"om {area.name}"
        if area.pk in tasks:
            data[f"task_{area.pk}"] = "on"
    return client.post(reverse("development:self-assessment", args=[kambu.programme.slug]), data)


def test_self_assessment_then_dialogue_moves_the_clarification_on(login, kambu, world):
    participant_client = login(world.b.staff)
    response = _post_self_assessment(participant_client, kambu, [2, 4], tasks=[kambu.areas[0].pk])
    clarification = Clarification.objects.get(participant=kambu.first)
    assert response.status_code == 302
    assert clarification.status == ClarificationStatus.SELF_ASSESSED
    assert [(a.area.name, a.score, a.is_my_task) for a in clarification.assessments.all()] == [
        ("Økonomi og budget", 2, True),
        ("Digitale værktøjer", 4, False),
    ]

    lead_client = login(world.a.resource_person)
    url = reverse("development:dialogue", args=[kambu.programme.slug, clarification.pk])
    assert lead_client.get(url).status_code == 200
    response = lead_client.post(
        url,
        {
            "leader": world.a.resource_person.pk,
            "dialogue_on": "2026-03-01",
            "dialogue_note": "Vi aftalte økonomikurset.",
            "version": clarification.version,
        },
    )
    assert response.status_code == 302
    clarification.refresh_from_db()
    assert clarification.status == ClarificationStatus.DIALOGUE_HELD
    assert clarification.dialogue_by == world.a.resource_person

    page = login(world.b.staff).get(clarification.get_absolute_url())
    assert "Vi aftalte økonomikurset." in page.content.decode()


def test_a_score_out_of_range_is_refused_and_nothing_saved(login, kambu, world):
    response = _post_self_assessment(login(world.b.staff), kambu, [0, 6])
    assert response.status_code == 400
    assert not SelfAssessment.objects.exists()


def test_self_assessing_again_never_moves_the_state_back(kambu, clarifications):
    clarification = clarifications[0]
    clarification.status = ClarificationStatus.DIALOGUE_HELD
    clarification.save()
    services.save_self_assessment(clarification, [(kambu.areas[0], 3, "", False), (kambu.areas[1], 3, "", False)])
    assert Clarification.objects.get(pk=clarification.pk).status == ClarificationStatus.DIALOGUE_HELD


def test_second_dialogue_save_shows_both_texts_instead_of_losing_one(login, kambu, clarifications, world):
    clarification = clarifications[0]
    url = reverse("development:dialogue", args=[kambu.programme.slug, clarification.pk])
    base = {"leader": world.a.chief.pk, "dialogue_on": "2026-03-01", "version": clarification.version}
    assert login(world.a.chief).post(url, {**base, "dialogue_note": "Chefens tekst"}).status_code == 302
    response = login(world.a.resource_person).post(url, {**base, "dialogue_note": "Ressourcepersonens tekst"})
    assert response.status_code == 409
    assert "Chefens tekst" in response.content.decode()
    assert Clarification.objects.get(pk=clarification.pk).dialogue_note == "Chefens tekst"


def test_the_dialogue_note_keeps_a_draft_for_the_lead_only(login, kambu, clarifications, world):
    key = f"development.clarification:{clarifications[0].pk}:dialogue_note"
    url = reverse("drafts:save", kwargs={"key": key})
    assert login(world.a.resource_person).post(url, {"text": "Halvfærdig note"}).status_code in (200, 204)
    assert Draft.objects.filter(key=key, person=world.a.resource_person).exists()
    assert login(world.b.staff).post(url, {"text": "Min egen"}).status_code == 403


def test_low_scores_suggest_the_offers_for_those_areas(kambu, clarifications):
    clarification = clarifications[0]
    services.save_self_assessment(clarification, [(kambu.areas[0], 2, "", True), (kambu.areas[1], 1, "", False)])
    assessments = list(clarification.assessments.select_related("area"))
    offers = list(kambu.programme.offers.prefetch_related("areas"))
    suggestions = services.suggested_offers(assessments, offers, set())
    assert [(offer.title, [a.name for a in areas]) for offer, areas in suggestions] == [
        ("kambu-test Økonomikursus", ["Økonomi og budget"])
    ]
    services.save_self_assessment(clarification, [(kambu.areas[0], 3, "", True), (kambu.areas[1], 1, "", False)])
    assessments = list(clarification.assessments.select_related("area"))
    assert services.suggested_offers(assessments, offers, set()) == []
    assert services.suggested_offers(assessments[:1], offers, {kambu.offer.pk}) == []


def test_lead_recommends_an_offer_and_marks_the_clarification_done(login, kambu, clarifications, world):
    clarification = clarifications[0]
    client = login(world.a.resource_person)
    done_url = reverse("development:clarified", args=[kambu.programme.slug, clarification.pk])
    client.post(done_url)
    assert Clarification.objects.get(pk=clarification.pk).status == ClarificationStatus.NOT_STARTED  # no dialogue
    clarification.status = ClarificationStatus.DIALOGUE_HELD
    clarification.save()
    client.post(done_url)
    assert Clarification.objects.get(pk=clarification.pk).status == ClarificationStatus.DIALOGUE_HELD  # no offer
    url = reverse("development:recommendation-create", args=[kambu.programme.slug, clarification.pk])
    assert client.post(url, {"offer": kambu.offer.pk, "reason": "Lav score på økonomi"}).status_code == 302
    assert client.post(url, {"offer": kambu.offer.pk, "reason": "Igen"}).status_code == 400  # once per offer
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        client.post(done_url)
    clarification.refresh_from_db()
    assert clarification.status == ClarificationStatus.CLARIFIED
    assert str(clarification.clarified_on) == "2026-03-20"
    assert Recommendation.objects.get().recommended_by == world.a.resource_person
