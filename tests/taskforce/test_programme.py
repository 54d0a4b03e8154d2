from io import StringIO

from django.urls import reverse

from knowledge.models import Question, QuestionStep
from meetings.models import MeetingGuest
from offices.models import Unit, UnitContact
from programmes.models import Initiative, Participant, Programme
from taskforce import demo
from taskforce.figures import taskforce_figures
from taskforce.models import InitiativeUnits, TaskForce


def _page(tf):
    return reverse("taskforce:programme", args=[tf.programme.slug])


def test_members_and_leads_see_the_task_force_page_outsiders_do_not(login, world, tf):
    response = login(world.a.staff).get(_page(tf))  # a member (participant)
    assert response.status_code == 200
    assert "Fælles skabelon til budgetopfølgning" in response.text and "Skovvangskolen" in response.text
    assert "Birthe Lindholm" in response.text  # invited to the monthly meeting
    assert reverse("taskforce:settings", args=[tf.programme.slug]) not in response.text
    response = login(world.a.chief).get(_page(tf))  # a lead through the role
    assert response.status_code == 200 and reverse("taskforce:settings", args=[tf.programme.slug]) in response.text
    assert login(world.b.staff).get(_page(tf)).status_code == 404
    assert login(world.c.resource_person).get(_page(tf)).status_code == 404


def test_another_kind_of_programme_is_not_found_here(login, world, tf):
    Programme.objects.filter(pk=tf.programme.pk).update(kind="bootcamp")
    assert login(world.a.chief).get(_page(tf)).status_code == 404


def test_leads_choose_the_monthly_meeting_and_its_guests(login, world, tf):
    url = reverse("taskforce:settings", args=[tf.programme.slug])
    new = UnitContact.objects.create(unit=tf.club, name="Ny leder")
    data = {"series": tf.series.pk, "guests": [tf.leader.pk, new.pk]}
    assert login(world.a.staff).post(url, data).status_code == 403
    response = login(world.a.resource_person).post(url, data)
    assert response.status_code == 302
    assert set(tf.task_force.guests.all()) == {tf.leader, new}
    # Another office's contact or series is refused.
    other = tf.other_unit.contacts.get()
    response = login(world.a.resource_person).post(url, {"series": tf.series.pk, "guests": [other.pk]})
    assert response.status_code == 400
    response = login(world.a.resource_person).post(url, {"series": tf.other_meeting.series.pk})
    assert response.status_code == 400
    assert set(tf.task_force.guests.all()) == {tf.leader, new}


def test_leads_choose_the_units_an_initiative_helps(login, world, tf):
    url = reverse("taskforce:initiative-units", args=[tf.programme.slug, tf.initiative.pk])
    assert login(world.a.staff).post(url, {"units": [tf.club.pk]}).status_code == 403
    response = login(world.a.chief).post(url, {"units": [tf.club.pk, tf.school.pk]})
    assert response.status_code == 302
    assert set(tf.initiative.aimed_at.units.all()) == {tf.club, tf.school}
    assert login(world.a.chief).post(url, {"units": [tf.other_unit.pk]}).status_code == 400
    assert set(InitiativeUnits.objects.get().units.all()) == {tf.club, tf.school}


def test_another_programmes_initiative_is_not_found(login, world, tf):
    other = Programme.objects.create(kind="task_force", name="B", slug="task-force-b", owner_office=world.b.office)
    initiative = Initiative.objects.create(
        programme=other, office=world.b.office, title="B", goal="B", owner=world.b.staff, created_by=world.b.staff
    )
    url = reverse("taskforce:initiative-units", args=[tf.programme.slug, initiative.pk])
    assert login(world.head).get(url).status_code == 404


def test_figures_count_initiatives_units_tasks_and_guests(world, tf, django_assert_max_num_queries):
    question = Question.objects.create(
        office=world.a.office,
        unit="Skovvangskolen",
        asked_by="Birthe Lindholm",
        from_unit=tf.school,
        meeting=tf.meeting,
        title="Opgave",
        description="…",
        due_date=tf.meeting.starts_at.date(),
        assignee=world.a.staff,
        status="answered",
        answer="Svar",
        created_by=world.a.staff,
    )
    QuestionStep.objects.create(question=question, kind="answered", person=world.a.staff)
    other = Initiative.objects.create(
        programme=tf.programme,
        office=world.a.office,
        title="To",
        goal="…",
        owner=world.a.staff,
        created_by=world.a.staff,
    )
    InitiativeUnits.objects.create(initiative=other).units.set([tf.school])  # the same unit again: still one
    MeetingGuest.objects.create(meeting=tf.meeting, contact=tf.leader, status="present")
    MeetingGuest.objects.create(meeting=tf.meeting, contact=tf.club_leader, status="absent")
    with django_assert_max_num_queries(1):
        figures = taskforce_figures([tf.programme])[tf.programme.pk]
    values = {figure.label: figure.value for figure in figures}
    assert list(values.values()) == [2, 1, 1, "0/1", 1]  # answered today, after the date it was due
    QuestionStep.objects.filter(question=question).update(at=tf.meeting.starts_at)
    assert taskforce_figures([tf.programme])[tf.programme.pk][3].value == "1/1"


def test_task_force_page_keeps_a_fixed_number_of_queries(login, world, tf, django_assert_max_num_queries):
    for n in range(6):
        initiative = Initiative.objects.create(
            programme=tf.programme,
            office=world.a.office,
            title=f"Indsats {n}",
            goal="…",
            owner=world.a.staff,
            created_by=world.a.staff,
        )
        unit = Unit.objects.create(office=world.a.office, name=f"Skole {n}")
        InitiativeUnits.objects.create(initiative=initiative).units.set([unit, tf.school])
        Participant.objects.create(
            programme=tf.programme, person=world.b.staff, office=world.b.office
        ) if n == 0 else None
    for person in (world.a.chief, world.a.staff):  # a lead (with the figures), a member
        client = login(person)
        with django_assert_max_num_queries(12):
            response = client.get(_page(tf))
        assert response.status_code == 200 and "Indsats 5" in response.text and "Skole 5" in response.text
        assert "Birthe Lindholm" in response.text


def test_the_demo_tells_the_seeds_story_once(db):
    from offices import demo as office_demo

    office_demo.seed()
    demo.seed(StringIO())
    counts = (Question.objects.count(), MeetingGuest.objects.count(), Initiative.objects.count())
    demo.seed(StringIO())
    assert (Question.objects.count(), MeetingGuest.objects.count(), Initiative.objects.count()) == counts
    programme = Programme.objects.get(slug=demo.SLUG)
    task_force = TaskForce.objects.get(programme=programme)
    assert programme.initiatives.count() == 4 and 4 <= programme.participants.count() <= 6
    assert programme.participants.filter(person__email="medarbejder@slf.example").exists()
    assert Unit.objects.filter(office=programme.owner_office).count() >= 5
    held = task_force.series.meetings.filter(status="minutes_published")
    assert held.count() == 2
    assert MeetingGuest.objects.filter(meeting__in=held, status="present").count() >= 8
    assert Question.objects.filter(meeting__in=held, assignee__isnull=False).count() == 6
