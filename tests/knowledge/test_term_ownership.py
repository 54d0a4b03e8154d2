"""A glossary term is edited only by its owner office's editors; handing it over is a deliberate act."""

import pytest
from django.urls import reverse

from knowledge.models import Term


@pytest.fixture
def term(world):
    return Term.objects.create(
        administration=world.administration,
        term="Budgetopfølgning",
        explanation="En gennemgang af forbruget mod budgettet.",
        owner=world.a.office,
    )


def _url(name, term):
    return reverse(f"knowledge:{name}", args=[term.administration.slug, term.slug])


def _edit(term, **changes):
    data = {"term": term.term, "explanation": term.explanation, "example": "", "version": term.version}
    data.update(changes)
    return data


def test_leader_of_another_office_of_the_administration_cannot_edit_or_remove_a_term(login, world, term):
    client = login(world.b.chief)
    assert client.get(_url("term-update", term)).status_code == 403
    assert client.post(_url("term-update", term), _edit(term, explanation="Overtaget.")).status_code == 403
    assert client.post(_url("term-delete", term)).status_code == 403
    term.refresh_from_db()
    assert term.explanation.startswith("En gennemgang")
    page = client.get(_url("term-detail", term)).content.decode()
    assert _url("term-update", term) not in page and _url("term-handover", term) not in page


def test_owner_office_editors_and_heads_edit_the_term(login, world, term):
    client = login(world.a.resource_person)
    assert client.get(_url("term-update", term)).status_code == 200
    assert client.post(_url("term-update", term), _edit(term, explanation="Forbrug mod budget.")).status_code == 302
    term.refresh_from_db()
    assert term.explanation == "Forbrug mod budget."
    response = login(world.head).post(_url("term-update", term), _edit(term, explanation="Hovedet retter."))
    assert response.status_code == 302
    assert login(world.a.staff).get(_url("term-update", term)).status_code == 403
    assert login(world.c.chief).get(_url("term-update", term)).status_code == 404


def test_the_edit_form_never_changes_the_owner(login, world, term):
    client = login(world.a.chief)
    assert "owner" not in client.get(_url("term-update", term)).context["form"].fields
    client.post(_url("term-update", term), _edit(term, owner=world.b.office.pk, explanation="Ny tekst."))
    term.refresh_from_db()
    assert term.explanation == "Ny tekst." and term.owner == world.a.office


def test_only_the_owner_offices_editors_hand_a_term_over_and_it_is_recorded(login, world, term):
    assert login(world.b.chief).post(_url("term-handover", term), {"owner": world.b.office.pk}).status_code == 403
    assert login(world.a.staff).post(_url("term-handover", term), {"owner": world.b.office.pk}).status_code == 403
    assert login(world.c.chief).post(_url("term-handover", term), {"owner": world.b.office.pk}).status_code == 404
    term.refresh_from_db()
    assert term.owner == world.a.office

    client = login(world.a.chief)
    assert client.post(_url("term-handover", term), {"owner": world.b.office.pk}).status_code == 302
    term.refresh_from_db()
    assert term.owner == world.b.office
    assert client.get(_url("term-update", term)).status_code == 403  # no longer the owner's editor
    page = login(world.b.chief).get(_url("term-detail", term)).content.decode()
    assert _url("term-update", term) in page
    assert "Budget og Regnskab" in page and "Personale" in page and world.a.chief.full_name in page


def test_handover_to_an_office_outside_the_administration_is_refused_next_to_the_field(login, world, term):
    response = login(world.a.chief).post(_url("term-handover", term), {"owner": world.c.office.pk})
    assert response.status_code == 400 and "invalid-feedback" in response.content.decode()
    response = login(world.a.chief).post(_url("term-handover", term), {"owner": "x\x00"})
    assert response.status_code == 400
    term.refresh_from_db()
    assert term.owner == world.a.office


def test_a_term_whose_owner_office_is_gone_can_be_adopted_by_any_editor(login, world, term):
    Term.objects.filter(pk=term.pk).update(owner=None)
    client = login(world.b.section_leader)
    assert client.post(_url("term-handover", term), {"owner": world.b.office.pk}).status_code == 302
    term.refresh_from_db()
    assert term.owner == world.b.office


def test_a_case_procedure_is_edited_only_by_its_office_editors_and_owner(login, world):
    from datetime import date

    from knowledge.models import Procedure

    procedure = Procedure.objects.create(
        office=world.a.office, title="Bilag", body="1. Scan", owner=world.a.staff, review_date=date(2030, 1, 1)
    )
    data = {"title": "Bilag", "body": "1. Scan\n2. Bogfør", "owner": world.a.staff.pk, "review_date": "2030-06-01"}
    own = reverse("procedures:update", args=[world.a.office.slug, procedure.pk])
    other_slug = reverse("procedures:update", args=[world.b.office.slug, procedure.pk])
    assert login(world.b.chief).post(other_slug, data).status_code == 404
    assert login(world.b.chief).post(own, data).status_code == 404
    assert login(world.head).post(own, data).status_code == 403
    assert login(world.a.section_leader).get(own).status_code == 200
    assert login(world.a.staff).post(own, data).status_code == 302  # the owner
    procedure.refresh_from_db()
    assert procedure.body.endswith("Bogfør") and procedure.office == world.a.office
