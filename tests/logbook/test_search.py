"""Logbook search: Danish compounds, a prefix while typing, tiers, highlighting, a bounded ranking."""

from datetime import date

import pytest
from django.urls import reverse

from logbook import search
from logbook.models import Entry
from logbook.search import Search, typed_words


def make_entry(world, title, text="", when=date(2026, 3, 2), office_world=None):
    ow = office_world or world.a
    return Entry.objects.create(office=ow.office, author=ow.resource_person, title=title, text=text, date=when)


def found(world, q):
    """Titles found for ``q`` in office a, best first."""
    return list(Search(q).apply(Entry.objects.filter(office=world.a.office)).values_list("title", flat=True))


def list_url(world):
    return reverse("logbook:entry-list", args=[world.a.office.slug])


def test_a_word_inside_a_danish_compound_is_found(world):
    make_entry(world, "Økonomimøde", "Vi så på budgetopfølgningen for andet kvartal.")
    make_entry(world, "Løn", "Lønrefusionen fra jobcentret mangler.")
    make_entry(world, "Noget andet", "Intet om penge her.")
    assert found(world, "budget") == ["Økonomimøde"]
    assert found(world, "refusion") == ["Løn"]
    assert found(world, "opfølgningen") == ["Økonomimøde"]  # the typed word's stem inside the compound


def test_a_half_typed_word_finds_its_entries(world):
    make_entry(world, "Mødet", "Vi indgik aftalen med sektionen.")
    make_entry(world, "Andet", "Ingen her.")
    assert found(world, "aftal") == ["Mødet"]
    assert found(world, "sektio") == ["Mødet"]
    assert found(world, "se") == ["Mødet"]  # too short to look inside words, but a prefix


def test_full_text_matches_come_before_prefixes_and_prefixes_before_words_inside(world):
    make_entry(world, "Indeni", "Driftsbudgettet er lagt.", when=date(2026, 3, 9))
    make_entry(world, "Begyndelse", "Budgetopfølgningen kom.", when=date(2026, 3, 5))
    make_entry(world, "Præcis", "Vi lagde et budget.", when=date(2026, 3, 1))
    assert found(world, "budget") == ["Præcis", "Begyndelse", "Indeni"]


def test_every_typed_word_must_match_and_a_minus_leaves_one_out(world):
    make_entry(world, "Begge", "Lønrefusion og budgetopfølgning.")
    make_entry(world, "Kun løn", "Lønrefusion.")
    make_entry(world, "Med moms", "Lønrefusion og moms.")
    assert found(world, "refusion budget") == ["Begge"]
    assert sorted(found(world, "refusion -moms")) == ["Begge", "Kun løn"]


def test_stop_words_and_operators_alone_find_nothing_and_break_nothing(world):
    make_entry(world, "Mødet", "Vi og de andre.")
    for q in ["og", "-", "or", "'", "&|!():*<->", "\\", "%", "_", "a" * 300]:
        assert found(world, q) == [], q


def test_the_page_marks_the_compound_and_keeps_hostile_text_escaped(login, world):
    make_entry(world, "Budgetopfølgning <b>nu</b>", "<script>alert(1)</script> Budgetopfølgningen er klar.")
    body = login(world.a.staff).get(list_url(world), {"q": "budget"}).content.decode()
    assert "<mark>Budgetopfølgningen</mark> er klar." in body  # a prefix: ts_headline marks the word
    assert "<mark>Budgetopfølgning</mark> &lt;b&gt;nu&lt;/b&gt;" in body  # the title too, escaped
    assert "<script>alert" not in body and "<b>nu" not in body


def test_a_title_is_marked_by_full_text_when_kept_as_written(login, world):
    make_entry(world, "Aftalerne om løn", "Intet.")
    body = login(world.a.staff).get(list_url(world), {"q": "aftale"}).content.decode()
    assert "<mark>Aftalerne</mark> om løn" in body


@pytest.mark.parametrize("q", ["%", "_", "\\", "'; drop table x; --", "budget" * 40, "æøå:*|", "\u2063[[x]]\u2063"])
def test_hostile_searches_answer_normally(login, world, q):
    make_entry(world, "Budget", "Budgetopfølgningen.")
    response = login(world.a.staff).get(list_url(world), {"q": q})
    assert response.status_code == 200
    assert "<mark>x</mark>" not in response.content.decode()


def test_a_nul_in_the_search_is_refused_at_the_door(login, world):
    assert login(world.a.staff).get(list_url(world), {"q": "budget\x00"}).status_code == 400


def test_a_changed_text_is_found_by_its_new_compound(world):
    entry = make_entry(world, "Løn", "Lønrefusionen.")
    entry.text = "Kvartalsrapporten."
    entry.save()
    assert found(world, "rapport") == ["Løn"]
    assert found(world, "refusion") == []


def test_search_stays_inside_the_office(world):
    make_entry(world, "Ude", "Budgetopfølgningen.", office_world=world.b)
    assert found(world, "budget") == []


def test_a_word_inside_a_compound_is_marked_in_the_text_around_it(login, world):
    make_entry(world, "Drift", "Indledning. " * 30 + "Driftsbudgettet <i>x</i> er lagt.")
    body = login(world.a.staff).get(list_url(world), {"q": "budget"}).content.decode()
    assert "Drifts<mark>budget</mark>tet &lt;i&gt;x&lt;/i&gt; er lagt." in body


def test_the_highlighter_escapes_every_piece_before_marking():
    from slf.search import mark

    assert mark("<b>Lønrefusion</b> & mere", ["refusion"]) == "&lt;b&gt;Løn<mark>refusion</mark>&lt;/b&gt; &amp; mere"
    assert mark("<b>x</b>", ["<b>"]) == "<mark>&lt;b&gt;</mark>x&lt;/b&gt;"  # a typed word is escaped too
    assert mark("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert mark("a \u2063[[<i>]]\u2063 b", markers=("\u2063[[", "]]\u2063")) == "a <mark>&lt;i&gt;</mark> b"
    assert mark("ampere &amp;", ["amp"]) == "<mark>amp</mark>ere &amp;<mark>amp</mark>;"


def test_typed_words_are_letters_and_digits_only():
    assert typed_words('"Budget" -moms or løn_refusion 2026') == (["budget", "løn", "refusion", "2026"], ["moms"])


def test_a_common_word_ranks_only_the_newest_matches_and_says_so(login, world, monkeypatch):
    monkeypatch.setattr(search, "RANKED", 3)
    for day in range(1, 6):
        make_entry(world, f"Budget {day}", "Budgettet.", when=date(2026, 3, day))
    body = login(world.a.staff).get(list_url(world), {"q": "budget"}).content.decode()
    assert body.count('class="entry card') == 3
    assert "nyeste 3 indførsler" in body  # and the page says why
    assert "<mark>Budget</mark> 5<" in body and "<mark>Budget</mark> 3<" in body
    assert "<mark>Budget</mark> 2<" not in body  # older than the newest 3


def test_search_page_keeps_a_fixed_query_count(login, world, django_assert_max_num_queries):
    for i in range(40):
        make_entry(world, f"Møde {i}", f"Budgetopfølgningen nummer {i}.")
    client = login(world.a.staff)
    with django_assert_max_num_queries(12):
        response = client.get(list_url(world), {"q": "budget"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-focus>40 " in body  # the heading counts every match
    assert body.count("<mark>Budgetopfølgningen</mark>") == 25
