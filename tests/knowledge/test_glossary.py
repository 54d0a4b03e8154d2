from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from knowledge.marking import mark_terms
from knowledge.models import Term
from logbook.models import Entry


@pytest.fixture
def terms(world):
    public = Term.objects.create(
        administration=world.administration,
        term="Budgetopfølgning",
        explanation="En gennemgang af forbruget mod budgettet.",
        public=True,
        owner=world.a.office,
    )
    internal = Term.objects.create(
        administration=world.administration,
        term="Overførselsadgang",
        explanation="Retten til at overføre.",
        owner=world.a.office,
    )
    public.related.add(internal)
    return public, internal


def glossary_url(world):
    return reverse("knowledge:glossary", args=[world.administration.slug])


def test_signed_out_readers_see_public_terms_only(client, world, terms):
    public, internal = terms
    page = client.get(glossary_url(world)).content.decode()
    assert "Budgetopfølgning" in page and "Overførselsadgang" not in page
    assert client.get(public.get_absolute_url()).status_code == 200
    assert "Overførselsadgang" not in client.get(public.get_absolute_url()).content.decode()  # related, internal
    assert client.get(internal.get_absolute_url()).status_code == 404


def test_the_administration_reads_everything_other_administrations_only_public(login, world, terms):
    _public, internal = terms
    assert "Overførselsadgang" in login(world.a.staff).get(glossary_url(world)).content.decode()
    assert login(world.head).get(internal.get_absolute_url()).status_code == 200
    assert "Overførselsadgang" not in login(world.c.chief).get(glossary_url(world)).content.decode()
    assert login(world.c.chief).get(internal.get_absolute_url()).status_code == 404


def test_leaders_add_terms_and_get_clear_messages_on_duplicates_and_empty_text(login, world, terms):
    url = reverse("knowledge:term-create", args=[world.administration.slug])
    data = {"term": "  budgetopfølgning ", "explanation": "   ", "owner": world.a.office.pk}
    response = login(world.a.resource_person).post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "“budgetopfølgning” er allerede i ordbogen." in body
    assert "Forklar begrebet i et klart sprog." in body
    assert Term.objects.count() == 2
    ok = login(world.a.resource_person).post(
        url, {"term": "Likviditet", "explanation": "Penge i kassen.", "owner": world.a.office.pk}
    )
    assert ok.status_code == 302
    assert Term.objects.get(term="Likviditet").updated_by == world.a.resource_person
    assert login(world.a.staff).post(url, data).status_code == 403
    assert login(world.c.resource_person).post(url, data).status_code == 404
    # An owner office outside the editor's own offices is refused.
    other = login(world.a.resource_person).post(
        url, {"term": "Moms", "explanation": "Afgift.", "owner": world.b.office.pk}
    )
    assert other.status_code == 400 and not Term.objects.filter(term="Moms").exists()


def test_search_tolerates_typos(client, world, terms):
    page = client.get(glossary_url(world), {"q": "budgetopfølgnig"}).content.decode()
    assert "Budgetopfølgning" in page
    assert "1 begreb fundet" in page


def test_glossary_page_keeps_a_fixed_query_count(login, world, django_assert_max_num_queries):
    Term.objects.bulk_create(
        Term(
            administration=world.administration,
            term=f"Begreb {i}",
            slug=f"begreb-{i}",
            explanation="x",
            public=i % 2 == 0,
        )
        for i in range(60)
    )
    client = login(world.a.staff)
    with django_assert_max_num_queries(7):
        response = client.get(glossary_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<dt>") == 60
    assert "Begreb 1<" in body and "Begreb 59<" in body  # internal and public terms alike, inside


def test_marking_keeps_html_and_escaping_intact():
    terms = [("Art", "Hvad <pengene> går til & hvorfor"), ("R&D", "Forskning"), ("Budget", "Plan")]
    html = (
        '<p>Art og <a href="/x" title="Art">Art i et link</a>, <code>Art</code>, Arten og kunstart. '
        "Budget, budget igen; R&amp;D.</p>"
    )
    out = str(mark_terms(html, terms))
    assert out.count('class="glossary-term"') == 3  # Art, Budget (once), R&D
    assert 'title="Art"' in out and '<a href="/x" title="Art">Art i et link</a>' in out
    assert "<code>Art</code>" in out and "Arten" in out and "kunstart" in out
    assert "Hvad &lt;pengene&gt; går til &amp; hvorfor" in out
    assert "budget igen" in out and out.count(">Budget</dfn>") == 1
    assert ">R&amp;D</dfn>" in out
    assert "<pengene>" not in out


def test_terms_in_an_entry_explain_themselves(login, world, terms):
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="note",
        title="Note",
        text="Vi aftalte **budgetopfølgning** hver måned.",
        date=date(2026, 3, 2),
    )
    page = login(world.a.staff).get(entry.get_absolute_url()).content.decode()
    assert '<strong><span class="glossary"><dfn class="glossary-term" tabindex="0"' in page
    assert "En gennemgang af forbruget mod budgettet." in page


@pytest.mark.parametrize("term", ["27", "x27", "x2", "39", "amp", "quot", "#39", "nbsp"])
def test_marking_never_splits_a_character_reference(term):
    html = "<p>Tom&#x27;s &quot;plan&quot; &amp; Ida&#39;s&nbsp;plan: " + f"{term} here.</p>"
    out = str(mark_terms(html, [(term, "Forklaring")]))
    # The references come through whole, and the term is marked where it really stands.
    for reference in ("Tom&#x27;s", "&quot;plan&quot;", " &amp; ", "Ida&#39;s&nbsp;plan"):
        assert reference in out, (term, out)
    assert out.count('class="glossary-term"') == 1
    assert f">{escape(term)}</dfn><span role=" in out
    assert "</span></span> here.</p>" in out


def test_a_term_containing_a_character_reference_is_still_marked():
    out = str(mark_terms("<p>Vi skriver Tom&#x27;s plan og R&amp;D.</p>", [("Tom's", "x"), ("R&D", "y")]))
    assert ">Tom&#x27;s</dfn>" in out and ">R&amp;D</dfn>" in out


def test_signed_out_readers_find_the_public_glossaries_at_the_glossary_index(client, world, terms):
    Term.objects.create(
        administration=world.other_administration, term="Intern", explanation="Kun internt.", owner=world.c.office
    )
    response = client.get(reverse("knowledge:glossary-home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{glossary_url(world)}"' in page and "1 offentligt begreb" in page
    assert world.other_administration.name not in page  # only internal terms
    assert "Overførselsadgang" not in page and "Intern" not in page
