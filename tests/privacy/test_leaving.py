"""A person leaving: one step hands their open work over; after the grace period they are anonymised."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from knowledge.models import Procedure, Question, SharedTemplate
from logbook.models import Entry
from offices.models import Membership, Role
from privacy import leaving
from privacy.models import Departure


def _agreement(world, title, status="open", responsible=None):
    entry = Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="agreement",
        title=title,
        text=f"{world.a.staff.full_name} følger op",
        date=date(2026, 3, 2),
        due_date=date(2026, 4, 2),
        status=status,
    )
    entry.responsible.set(responsible or [world.a.staff])
    return entry


@pytest.fixture
def work(world):
    """The staff member's open and closed work in office A."""
    return {
        "open": _agreement(world, "Åben aftale"),
        "kept": _agreement(world, "Holdt aftale", status="kept"),
        "shared": _agreement(world, "Fælles aftale", responsible=[world.a.staff, world.a.section_leader]),
        "question": Question.objects.create(
            office=world.a.office,
            unit="Skolen",
            asked_by="Skoleleder",
            title="Hvordan?",
            description="…",
            created_by=world.a.chief,
            assignee=world.a.staff,
            status="assigned",
        ),
        "procedure": Procedure.objects.create(
            office=world.a.office, title="Bilag", body="Trin", owner=world.a.staff, review_date=date(2027, 1, 1)
        ),
        "template": SharedTemplate.objects.create(
            administration=world.administration,
            kind="visit_guide",
            title="Guide",
            content={"text": "…"},
            made_by=world.a.staff,
            made_in=world.a.office,
        ),
    }


def test_the_chief_ends_a_membership_and_hands_the_open_work_over_in_one_post(login, world, work):
    client = login(world.a.chief)
    url = reverse("privacy:leaving", args=[world.a.office.slug])

    response = client.post(url, {"person": world.a.staff.pk, "successor": world.a.resource_person.pk})

    assert response.status_code == 302
    assert not Membership.objects.filter(person=world.a.staff).exists()
    assert list(work["open"].responsible.all()) == [world.a.resource_person]
    assert set(work["shared"].responsible.all()) == {world.a.resource_person, world.a.section_leader}
    assert list(work["kept"].responsible.all()) == [world.a.staff]  # closed: the record of who did it stays
    work["question"].refresh_from_db()
    work["procedure"].refresh_from_db()
    work["template"].refresh_from_db()
    assert work["question"].assignee == world.a.resource_person
    assert work["procedure"].owner == world.a.resource_person
    assert work["template"].made_by == world.a.resource_person
    departure = Departure.objects.get(person=world.a.staff)
    assert departure.handed_over == {
        **{"agreements": 2, "circles": 0, "questions": 1, "procedures": 1, "templates": 1},
        **{"initiatives": 0, "programmes": 0, "dialogues": 0},
    }
    assert departure.ended_by == world.a.chief
    assert departure.anonymise_after is not None
    # The handover is in the history: the question's and the procedure's rows carry its context.
    event = Question.pgh_event_model.objects.filter(pgh_obj_id=work["question"].pk).latest("pgh_created_at")
    assert event.assignee_id == world.a.resource_person.pk
    assert event.pgh_context.metadata["handover"] == f"{world.a.staff.pk}->{world.a.resource_person.pk}"
    page = client.get(url).content.decode()
    assert "a Staff" in page and "a Resource" in page


def test_the_leaving_form_refuses_the_same_person_as_successor_and_changes_nothing(login, world, work):
    client = login(world.a.chief)
    url = reverse("privacy:leaving", args=[world.a.office.slug])

    response = client.post(url, {"person": world.a.staff.pk, "successor": world.a.staff.pk})

    assert response.status_code == 400
    assert "Vælg en kollega, der bliver" in response.content.decode()
    assert Membership.objects.filter(person=world.a.staff).exists()
    assert not Departure.objects.exists()


def test_a_person_of_another_office_cannot_be_chosen(login, world):
    client = login(world.a.chief)
    url = reverse("privacy:leaving", args=[world.a.office.slug])

    response = client.post(url, {"person": world.b.staff.pk, "successor": world.a.resource_person.pk})

    assert response.status_code == 400
    assert Membership.objects.filter(person=world.b.staff).exists()


def test_after_the_grace_period_the_leaver_is_a_former_colleague_everywhere_and_cannot_sign_in(world, work, settings):
    settings.LEAVER_GRACE_DAYS = 30
    staff = world.a.staff
    name = staff.full_name
    departure = leaving.hand_over(person=staff, office=world.a.office, successor=world.a.chief, by=world.a.chief)
    entry = work["kept"]
    entry.text = f"{name} holdt den"
    entry.save()

    assert leaving.anonymise_leavers(departure.anonymise_after) == 0  # not before the grace period is over
    assert leaving.anonymise_leavers(departure.anonymise_after + timedelta(days=1)) == 1

    staff.refresh_from_db()
    entry.refresh_from_db()
    assert (staff.full_name, staff.is_active, staff.has_usable_password()) == ("Tidligere medarbejder", False, False)
    assert name not in staff.email
    assert entry.text == "Tidligere medarbejder holdt den"
    assert list(entry.responsible.all()) == [staff]  # the record stays, now naming a former colleague
    texts = Entry.pgh_event_model.objects.filter(pgh_obj_id=entry.pk).values_list("text", flat=True)
    assert all(name not in text for text in texts)
    assert Entry.objects.filter(pk=work["open"].pk).exists()
    departure.refresh_from_db()
    assert departure.anonymised_at is not None
    assert leaving.anonymise_leavers(departure.anonymise_after + timedelta(days=2)) == 0


def test_a_leaver_still_member_elsewhere_is_not_anonymised(world):
    Membership.objects.create(person=world.a.staff, office=world.b.office, role=Role.STAFF)

    departure = leaving.hand_over(
        person=world.a.staff, office=world.a.office, successor=world.a.chief, by=world.a.chief
    )

    assert departure.anonymise_after is None
    assert leaving.anonymise_leavers(date(2099, 1, 1)) == 0
    world.a.staff.refresh_from_db()
    assert world.a.staff.full_name == "a Staff"


def test_the_office_page_links_the_leaving_form_for_the_chief_only(login, world):
    url = reverse("offices:office-detail", args=[world.a.office.slug])
    leaving_url = reverse("privacy:leaving", args=[world.a.office.slug])
    retention_url = reverse("privacy:retention", args=[world.a.office.slug])
    chief = login(world.a.chief).get(url).content.decode()
    assert leaving_url in chief and retention_url in chief
    leader = login(world.a.section_leader).get(url).content.decode()
    assert leaving_url not in leader and retention_url in leader
    assert retention_url not in login(world.a.staff).get(url).content.decode()
