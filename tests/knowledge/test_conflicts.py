"""Two people edit the same glossary term or case procedure: the second save shows both texts, overwrites nothing."""

from datetime import date

import pytest
from django.urls import reverse

from knowledge.models import Procedure, Term
from tests.conflict_helpers import conflict_view, editor, opened_version


@pytest.fixture
def term(world):
    return Term.objects.create(
        administration=world.administration,
        term="Budgetopfølgning",
        explanation="En gennemgang af forbruget mod budgettet.",
        owner=world.a.office,
    )


def test_second_editor_of_a_term_sees_both_texts_and_nothing_is_overwritten(world, term):
    url = reverse("knowledge:term-update", args=[world.administration.slug, term.slug])
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    seen_first, seen_second = opened_version(first, url), opened_version(second, url)
    assert seen_first == seen_second == "0"

    def data(explanation, version):
        return {"term": "Budgetopfølgning", "explanation": explanation, "owner": world.a.office.pk, "version": version}

    assert first.post(url, data("Forbrug holdt op mod budget, måned for måned.", seen_first)).status_code == 302
    clash = second.post(url, data("Chefens forklaring af budgetopfølgning.", seen_second))
    assert clash.status_code == 409
    view = conflict_view(clash)
    assert view["theirs"] == ["Forbrug holdt op mod budget, måned for måned."]
    assert view["mine"] == ["Chefens forklaring af budgetopfølgning."]
    assert "a Resource" in view["saved_by"]
    body = clash.content.decode()
    assert "Chefens forklaring af budgetopfølgning.</textarea>" in body  # mine, still in the form
    assert 'name="version" value="1"' in body
    term.refresh_from_db()
    assert term.explanation == "Forbrug holdt op mod budget, måned for måned." and term.version == 1
    assert term.updated_by == world.a.resource_person
    # Saving again from the conflict view keeps the merged text, deliberately.
    assert second.post(url, data("Begge forklaringer.", "1")).status_code == 302
    term.refresh_from_db()
    assert term.explanation == "Begge forklaringer." and term.version == 2 and term.updated_by == world.a.chief


def test_a_save_that_changes_nothing_of_the_other_save_is_not_a_conflict(world, term):
    url = reverse("knowledge:term-update", args=[world.administration.slug, term.slug])
    first, second = editor(world.a.resource_person), editor(world.a.chief)
    same = {"term": "Budgetopfølgning", "explanation": "Samme tekst.", "owner": world.a.office.pk, "version": 0}
    assert first.post(url, same).status_code == 302
    assert second.post(url, same).status_code == 302
    term.refresh_from_db()
    assert term.explanation == "Samme tekst." and term.version == 2


@pytest.fixture
def procedure(world):
    return Procedure.objects.create(
        office=world.a.office,
        title="Bogføring af fakturaer",
        body="1. Modtag fakturaen\n2. Kontér",
        owner=world.a.staff,
        review_date=date(2030, 1, 1),
    )


def test_second_editor_of_a_procedure_sees_both_texts_and_nothing_is_overwritten(world, procedure):
    url = reverse("procedures:update", args=[world.a.office.slug, procedure.pk])
    first, second = editor(world.a.staff), editor(world.a.resource_person)  # the owner and a leader
    seen_first, seen_second = opened_version(first, url), opened_version(second, url)

    def data(body, version):
        return {
            "title": "Bogføring af fakturaer",
            "body": body,
            "owner": world.a.staff.pk,
            "review_date": "2030-01-01",
            "version": version,
        }

    assert first.post(url, data("1. Modtag\n2. Kontér\n3. Godkend", seen_first)).status_code == 302
    clash = second.post(url, data("1. Modtag\n2. Send til godkendelse", seen_second))
    assert clash.status_code == 409
    view = conflict_view(clash)
    assert view["theirs"] == ["1. Modtag\n2. Kontér\n3. Godkend"]
    assert view["mine"] == ["1. Modtag\n2. Send til godkendelse"]
    assert "a Staff" in view["saved_by"]
    assert "2. Send til godkendelse</textarea>" in clash.content.decode()
    procedure.refresh_from_db()
    assert procedure.body == "1. Modtag\n2. Kontér\n3. Godkend" and procedure.version == 1
    assert procedure.updated_by == world.a.staff
    # The history records who changed what, and when.
    assert procedure.pgh_event_model.objects.filter(pgh_obj_id=procedure.pk).count() == 2


def test_a_tampered_version_shows_both_texts_and_a_create_form_has_no_version(world, term):
    url = reverse("knowledge:term-update", args=[world.administration.slug, term.slug])
    client = editor(world.a.resource_person)
    data = {"term": "Budgetopfølgning", "explanation": "Ny tekst", "owner": world.a.office.pk}
    for garbage in ("abc", "-3", "9" * 30):
        clash = client.post(url, data | {"version": garbage})
        assert clash.status_code == 409, garbage
        assert conflict_view(clash)["theirs"] == ["En gennemgang af forbruget mod budgettet."]
    term.refresh_from_db()
    assert term.explanation == "En gennemgang af forbruget mod budgettet." and term.version == 0
    create = client.get(reverse("knowledge:term-create", args=[world.administration.slug])).content.decode()
    assert 'name="version"' not in create
