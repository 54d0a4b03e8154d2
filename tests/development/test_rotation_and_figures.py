from datetime import date

from django.urls import reverse

from development.figures import development_figures, networks, unit_weeks
from development.models import Clarification, ClarificationStatus, Cover, Enrolment, SelfAssessment, Substitute
from knowledge.models import Competence, PersonCompetence


def _rotation(kambu):
    """Hold 1 runs 2–13 March 2026 (weeks 10 and 11). Unit 0 has two participants away; one is covered in week 10
    only, the other both weeks. Unit 1's participant is covered both weeks."""
    for participant in (kambu.first, kambu.second, kambu.third):
        Enrolment.objects.create(cohort=kambu.cohort, participant=participant, status="enrolled")
    anna = Substitute.objects.create(programme=kambu.programme, name="Anna Vikar")
    bo = Substitute.objects.create(
        programme=kambu.programme, name="Bo Vikar", employed_on=date(2026, 5, 1), employed_at="Åskov Skole"
    )
    Substitute.objects.create(programme=kambu.programme, name="Cecilie Vikar")
    Cover.objects.create(
        substitute=anna,
        participant=kambu.first,
        unit=kambu.units[0],
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 3, 6),
    )
    Cover.objects.create(
        substitute=bo,
        participant=kambu.third,
        unit=kambu.units[0],
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 3, 13),
    )
    Cover.objects.create(
        substitute=anna,
        participant=kambu.second,
        unit=kambu.units[1],
        starts_on=date(2026, 3, 9),
        ends_on=date(2026, 3, 13),
    )


def test_the_unit_weeks_know_the_uncovered_week(kambu, world):
    _rotation(kambu)
    table = unit_weeks(kambu.programme, kambu.units[0])
    assert [(w.number, w.away, w.uncovered) for w in table.weeks] == [(10, 2, 0), (11, 2, 1)]
    assert [(row.participant.person.full_name, [(c.away, c.substitutes) for c in row.cells]) for row in table.rows] == [
        ("a Staff", [(True, ["Bo Vikar"]), (True, ["Bo Vikar"])]),
        ("b Staff", [(True, ["Anna Vikar"]), (True, [])]),
    ]
    other = unit_weeks(kambu.programme, kambu.units[1])
    assert [(w.number, w.uncovered) for w in other.uncovered_weeks] == [(10, 1)]


def test_the_unit_weeks_page_shows_the_uncovered_week_to_leads(login, kambu, world, django_assert_max_num_queries):
    _rotation(kambu)
    url = reverse("development:unit-weeks", args=[kambu.programme.slug, kambu.units[0].pk])
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "1 uge uden dækning: uge 11." in response.content.decode()
    assert login(world.b.staff).get(url).status_code == 403


def test_networks_are_colleagues_from_other_units_with_shared_tasks(kambu, world):
    _rotation(kambu)
    for participant, scores in (
        (kambu.first, (True, False)),
        (kambu.second, (True, True)),
        (kambu.third, (True, True)),
    ):
        clarification = Clarification.objects.create(participant=participant, status=ClarificationStatus.CLARIFIED)
        for area, mine in zip(kambu.areas, scores, strict=True):
            SelfAssessment.objects.create(clarification=clarification, area=area, score=3, is_my_task=mine)
    met = networks([kambu.programme])[kambu.programme.pk]
    # first and third share a unit: they don't count; both met second, from the other unit.
    both = ["Digitale værktøjer", "Økonomi og budget"]
    assert {p: [(e.colleague.pk, e.shared) for e in found] for p, found in met.items()} == {
        kambu.first.pk: [(kambu.second.pk, ["Økonomi og budget"])],
        kambu.second.pk: [(kambu.third.pk, both), (kambu.first.pk, ["Økonomi og budget"])],
        kambu.third.pk: [(kambu.second.pk, both)],
    }


def test_a_shared_directory_competence_also_makes_a_network(kambu, world):
    Enrolment.objects.create(cohort=kambu.cohort, participant=kambu.first, status="enrolled")
    Enrolment.objects.create(cohort=kambu.cohort, participant=kambu.second, status="enrolled")
    competence = Competence.objects.create(administration=world.administration, name="Refusion")
    for person in (world.b.staff, world.c.staff):
        PersonCompetence.objects.create(person=person, competence=competence)
    met = networks([kambu.programme])[kambu.programme.pk]
    assert [e.shared for e in met[kambu.first.pk]] == [["Refusion"]]


def test_figures_tell_the_seeds_numbers(kambu, clarifications, django_assert_max_num_queries):
    _rotation(kambu)
    Clarification.objects.filter(pk__in=[clarifications[0].pk, clarifications[1].pk]).update(status="clarified")
    Enrolment.objects.filter(participant=kambu.first).update(status="completed")
    Enrolment.objects.filter(participant=kambu.second).update(status="not_completed")
    with django_assert_max_num_queries(7):
        figures = development_figures([kambu.programme])[kambu.programme.pk]
    assert [(f.label, f.value) for f in figures] == [
        ("Afklaret", 2),
        ("Tilmeldt: kambu-test Økonomikursus", 3),
        ("Gennemført", 1),
        ("Vikarer", 3),
        ("Vikarer i fast job bagefter", 1),
        ("Nye netværk", 0),
    ]
