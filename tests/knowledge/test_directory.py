import pytest
from django.urls import reverse

from knowledge import directory
from knowledge.models import Competence, KnowledgeProfile, PersonCompetence
from privacy.models import AccessLogEntry


@pytest.fixture
def known(world):
    """A known data set: who holds which competence in office A and B (same administration), and in C."""
    admin = world.administration
    directory.set_competences(world.a.staff, admin, ["Budgetopfølgning", "Refusion"])
    directory.set_competences(world.a.section_leader, admin, ["Budget"])
    directory.set_competences(world.b.staff, admin, ["budgetopfølgning", "Lønsum"])  # same tag, any case
    KnowledgeProfile.objects.create(person=world.a.chief, tasks="Årsregnskab og budgetopfølgning for skolerne")
    directory.set_competences(world.c.staff, world.other_administration, ["Budgetopfølgning"])
    return admin


def test_tags_are_shared_per_administration_whatever_the_case(known, world):
    assert Competence.objects.filter(administration=known, name__iexact="budgetopfølgning").count() == 1
    assert Competence.objects.filter(name__iexact="budgetopfølgning").count() == 2  # one per administration


def test_ranking_puts_exact_tags_first_then_close_ones_then_task_text(known, world):
    found = list(directory.search_people(known, "budgetopfølgning"))
    names = [p.full_name for p in found]
    assert set(names[:2]) == {world.a.staff.full_name, world.b.staff.full_name}  # exact tag
    assert world.a.chief.full_name in names  # in the task text
    assert world.c.staff.full_name not in names  # another administration
    assert names.index(world.a.chief.full_name) > 1


def test_search_forgives_a_typo(known, world):
    names = [p.full_name for p in directory.search_people(known, "budgetopfølning")]
    assert world.a.staff.full_name in names and world.b.staff.full_name in names
    assert [p.full_name for p in directory.search_people(known, "refsuion")] == [world.a.staff.full_name]


def test_results_show_section_and_a_link_to_book_a_visit(login, world, known):
    page = login(world.a.resource_person).get(reverse("directory:people"), {"q": "refusion"}).content.decode()
    assert world.a.staff.full_name in page and world.a.section.name in page
    assert reverse("visits:book", args=[world.a.staff.pk]) in page


def test_my_profile_sets_tasks_competences_and_ask_me_about(login, world, known):
    client = login(world.a.staff)
    response = client.post(
        reverse("directory:profile"),
        {"tasks": "Refusioner", "competences": "Refusion, Moms;  moms , Bilag", "about": "Moms på indkøb"},
    )
    assert response.status_code == 302
    tags = set(PersonCompetence.objects.filter(person=world.a.staff).values_list("competence__name", flat=True))
    assert tags == {"Refusion", "Moms", "Bilag"}
    assert world.a.staff.visit_profile.about == "Moms på indkøb"
    too_many = client.post(reverse("directory:profile"), {"competences": ",".join(f"T{i}" for i in range(25))})
    assert too_many.status_code == 400 and "Højst 20 kompetencer." in too_many.content.decode()


def test_leaders_see_what_only_one_person_knows(login, world, known):
    url = reverse("directory:single-holders", args=[world.a.office.slug])
    page = login(world.a.chief).get(url).content.decode()
    assert "Refusion" in page and "Budget<" in page
    assert "Budgetopfølgning" in page  # only a.staff in office A (b.staff is in office B)
    assert login(world.a.staff).get(url).status_code == 403
    assert login(world.c.chief).get(url).status_code == 404


def test_resource_persons_merge_duplicate_tags(login, world, known):
    source = Competence.objects.get(administration=known, name="Budget")
    target = Competence.objects.get(administration=known, name="Budgetopfølgning")
    data = {"source": source.pk, "target": target.pk}
    assert login(world.a.staff).post(reverse("directory:merge"), data).status_code == 403
    assert login(world.a.resource_person).post(reverse("directory:merge"), data).status_code == 302
    assert not Competence.objects.filter(pk=source.pk).exists()
    assert PersonCompetence.objects.filter(person=world.a.section_leader, competence=target).exists()


def test_search_page_keeps_a_fixed_query_count(login, world, known, django_assert_max_num_queries):
    from tests import factories

    for i in range(30):
        person = factories.make_member(world.a.office, section=world.a.section)
        directory.set_competences(person, known, ["Budgetopfølgning", f"Emne {i}"])
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(10):  # 9 for the page, 1 for the access log's one insert
        response = client.get(reverse("directory:people"), {"q": "budgetopfølgning"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="card mb-2"') >= 32
    assert "Emne 0" in body and "Emne 29" in body  # each person's other competences are rendered too
    assert AccessLogEntry.objects.filter(viewer=world.a.resource_person, page="search").count() >= 31


def test_another_administrations_tags_never_show_in_this_administrations_search(login, world, known):
    from offices.models import Membership, Role

    # A person of office A who is also a member in the other administration, with a tag only there.
    Membership.objects.create(person=world.a.staff, office=world.c.office, role=Role.STAFF)
    directory.set_competences(world.a.staff, world.other_administration, ["Vejvedligehold"])
    assert list(directory.search_people(known, "Vejvedligehold")) == []
    found = {p.pk: p for p in directory.search_people(known, "Refusion")}
    assert [t.competence.name for t in found[world.a.staff.pk].tags] == ["Budgetopfølgning", "Refusion"]
    page = login(world.a.resource_person).get(reverse("directory:people"), {"q": "refusion"}).content.decode()
    assert world.a.staff.full_name in page and "Vejvedligehold" not in page


def test_only_one_person_knows_lists_this_administrations_tags_only(login, world, known):
    from offices.models import Membership, Role

    Membership.objects.create(person=world.a.staff, office=world.c.office, role=Role.STAFF)
    directory.set_competences(world.a.staff, world.other_administration, ["Vejvedligehold"])
    names = [c.name for c in directory.single_holder_competences(world.a.office)]
    assert "Refusion" in names and "Vejvedligehold" not in names
    page = login(world.a.chief).get(reverse("directory:single-holders", args=[world.a.office.slug]))
    assert page.status_code == 200 and "Refusion" in page.content.decode()
    assert "Vejvedligehold" not in page.content.decode()
