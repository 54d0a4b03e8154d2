"""The leads' pages: participants (office by default their strongest membership), named leads, themes in order;
and the initiative's measure (a circle's measure in the office, or a new circle for it)."""

from django.urls import reverse

from logbook import circles
from logbook.models import LearningCircle, Measure
from offices.models import Membership, Role, Unit, UnitKind
from programmes.models import Initiative, Level, Participant, Theme


def test_a_new_participants_office_is_their_strongest_membership(pw, world, login):
    Membership.objects.create(person=world.b.section_leader, office=world.c.office, role=Role.STAFF)
    url = reverse("programmes:participants", args=[pw.programme.slug])
    response = login(world.a.chief).post(url, {"person": world.b.section_leader.pk, "level": Level.FIRST_LINE})
    assert response.status_code == 302
    assert Participant.objects.get(programme=pw.programme, person=world.b.section_leader).office == world.b.office


def test_the_participants_form_answers_htmx_with_the_list_and_says_what_changed(pw, world, login):
    url = reverse("programmes:participants", args=[pw.programme.slug])
    response = login(world.a.chief).post(
        url, {"person": world.b.chief.pk, "level": Level.SENIOR}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "<html" not in response.text
    assert "b Chief" in response.text and "data-announce" in response.text
    assert "announce" in response["HX-Trigger"]


def test_a_participants_unit_must_be_of_their_office(pw, world, login):
    unit = Unit.objects.create(office=world.a.office, name="Vestskolen", kind=UnitKind.SCHOOL)
    url = reverse("programmes:participants", args=[pw.programme.slug])
    client = login(world.a.chief)
    response = client.post(url, {"person": world.b.chief.pk, "office": world.b.office.pk, "unit": unit.pk})
    assert response.status_code == 400 and not Participant.objects.filter(person=world.b.chief).exists()
    client.post(url, {"person": world.b.chief.pk, "office": world.a.office.pk, "unit": unit.pk, "level": "staff"})
    assert Participant.objects.get(person=world.b.chief).unit == unit


def test_a_person_takes_part_once_and_leads_remove_participants(pw, world, login):
    client = login(world.a.chief)
    url = reverse("programmes:participants", args=[pw.programme.slug])
    assert client.post(url, {"person": pw.reader.pk, "level": "staff"}).status_code == 400
    place = Participant.objects.get(programme=pw.programme, person=pw.reader)
    client.post(reverse("programmes:participant-remove", args=[pw.programme.slug, place.pk]))
    assert not Participant.objects.filter(pk=place.pk).exists()
    assert login(pw.reader).get(reverse("programmes:programme-detail", args=[pw.programme.slug])).status_code == 404


def test_named_leads_are_added_and_removed_by_leads(pw, world, login):
    client = login(world.a.section_leader)
    client.post(reverse("programmes:leads", args=[pw.programme.slug]), {"person": world.b.staff.pk})
    assert pw.programme.leads.filter(pk=world.b.staff.pk).exists()
    assert login(world.b.staff).get(reverse("programmes:themes", args=[pw.programme.slug])).status_code == 200
    client.post(reverse("programmes:lead-remove", args=[pw.programme.slug, world.b.staff.pk]))
    assert not pw.programme.leads.filter(pk=world.b.staff.pk).exists()


def test_themes_are_added_renamed_and_reordered(pw, world, login):
    client = login(world.a.chief)
    url = reverse("programmes:themes", args=[pw.programme.slug])
    client.post(url, {"name": "Arbejdskraft", "position": 2})
    assert client.post(url, {"name": "velfærd", "position": 3}).status_code == 400  # the name is taken
    second = Theme.objects.get(programme=pw.programme, name="Arbejdskraft")
    client.post(reverse("programmes:theme-move", args=[pw.programme.slug, second.pk]), {"direction": "up"})
    assert list(pw.programme.themes.values_list("name", flat=True)) == ["Arbejdskraft", "Velfærd"]
    edit = reverse("programmes:theme-edit", args=[pw.programme.slug, second.pk])
    client.post(edit, {"name": "Rekruttering", "description": "", "position": 1})
    second.refresh_from_db()
    assert second.name == "Rekruttering"


def test_an_editor_leading_in_the_office_links_a_circles_measure(pw, world, login):
    circle = circles.start_circle(LearningCircle(office=world.a.office, title="Cirkel", challenge="c"), world.a.chief)
    measure = Measure.objects.create(circle=circle, name="Ventetid", unit="dage")
    url = reverse("programmes:initiative-measure", args=[pw.programme.slug, pw.initiative.pk])
    assert login(pw.member).post(url, {"measure": measure.pk}).status_code == 403  # the owner is staff in A
    foreign = circles.start_circle(LearningCircle(office=world.b.office, title="B", challenge="c"), world.b.chief)
    other = Measure.objects.create(circle=foreign, name="Andet", unit="dage")
    client = login(world.a.section_leader)
    client.post(url, {"measure": other.pk})
    pw.initiative.refresh_from_db()
    assert pw.initiative.measure is None  # a measure of another office's circle is not a choice
    client.post(url, {"measure": measure.pk})
    pw.initiative.refresh_from_db()
    assert pw.initiative.measure == measure


def test_starting_a_learning_circle_for_the_initiative_makes_a_circle_and_its_measure(pw, world, login):
    url = reverse("programmes:initiative-measure", args=[pw.programme.slug, pw.initiative.pk])
    login(world.a.resource_person).post(
        url, {"action": "start", "new-name": "Antal blanketter", "new-unit": "stk", "new-better": "down"}
    )
    initiative = Initiative.objects.select_related("measure__circle").get(pk=pw.initiative.pk)
    assert initiative.measure.name == "Antal blanketter"
    assert initiative.measure.circle.office == world.a.office and initiative.measure.circle.title == initiative.title
    assert initiative.measure.circle.phase is not None  # started through the logbook's own rule
    assert world.a.staff in initiative.measure.circle.responsible.all()  # the owner, a member of the office
