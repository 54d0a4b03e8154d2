"""The glossary and the people directory find a word inside a Danish compound and a half-typed word, best first."""

import pytest
from django.urls import reverse

from knowledge import directory
from knowledge.models import KnowledgeProfile, Term
from knowledge.views import search_terms


@pytest.fixture
def glossary(world):
    def term(name, explanation="Forklaring."):
        return Term.objects.create(
            administration=world.administration,
            term=name,
            explanation=explanation,
            public=True,
            owner=world.a.office,
        )

    term("Lønrefusion", "Refusion af løn under sygdom.")
    term("Refusion", "Penge tilbage fra staten.")
    term("Refusionsopgørelse")
    term("Budget", "<script>alert(1)</script> Rammen for året.")
    term("Driftsbudget")
    term("Aftaleholder")
    term("Ramme", "Loftet for driftsbudgettet.")
    return world.administration


def names(world, q):
    return list(
        search_terms(Term.objects.filter(administration=world.administration), q).values_list("term", flat=True)
    )


def test_glossary_ranks_whole_words_then_prefixes_then_words_inside_compounds(world, glossary):
    assert names(world, "refusion") == ["Refusion", "Refusionsopgørelse", "Lønrefusion"]
    assert names(world, "budget") == ["Budget", "Driftsbudget", "Ramme"]  # Ramme: in the explanation only
    terms = search_terms(Term.objects.filter(administration=world.administration), "refusion")
    assert [t.tier for t in terms] == [0, 1, 2]


def test_glossary_finds_a_half_typed_word(world, glossary):
    assert names(world, "aftal") == ["Aftaleholder"]


def test_glossary_marks_the_words_and_keeps_hostile_text_escaped(client, world, glossary):
    url = reverse("knowledge:glossary", args=[world.administration.slug])
    page = client.get(url, {"q": "budget"}).content.decode()
    assert "Drifts<mark>budget</mark>" in page
    assert "<mark>Budget</mark>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


@pytest.mark.parametrize("q", ["%", "_", "\\", "'", "(", "[a-z]*", "x" * 500])
def test_glossary_search_handles_hostile_input(client, world, glossary, q):
    url = reverse("knowledge:glossary", args=[world.administration.slug])
    assert client.get(url, {"q": q}).status_code == 200


@pytest.fixture
def people(world):
    admin = world.administration
    directory.set_competences(world.a.staff, admin, ["Lønrefusion"])
    directory.set_competences(world.a.section_leader, admin, ["Refusion"])
    directory.set_competences(world.a.chief, admin, ["Refusionsopgørelse"])
    KnowledgeProfile.objects.create(person=world.b.staff, tasks="Aftaler med leverandører")
    return admin


def test_people_search_ranks_whole_words_then_prefixes_then_words_inside_compounds(world, people):
    found = list(directory.search_people(people, "refusion"))
    assert [p.full_name for p in found] == [
        world.a.section_leader.full_name,
        world.a.chief.full_name,
        world.a.staff.full_name,
    ]
    assert [p.tier for p in found] == [0, 1, 2]


def test_people_search_finds_a_half_typed_word_in_tasks(world, people):
    assert [p.full_name for p in directory.search_people(people, "aftal")] == [world.b.staff.full_name]


def test_people_search_marks_the_tags_found(login, world, people):
    page = login(world.b.staff).get(reverse("directory:people"), {"q": "refusion"}).content.decode()
    assert "Løn<mark>refusion</mark>" in page
