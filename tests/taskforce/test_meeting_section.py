from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from knowledge.directory import save_profile
from knowledge.models import Question, QuestionStatus
from meetings.models import MeetingGuest, MeetingKind


def _task_url(world, meeting):
    return reverse("taskforce:task-create", args=[world.a.office.slug, meeting.pk])


def _task(tf, **extra):
    data = {
        "task-from_unit": tf.school.pk,
        "task-contact": tf.leader.pk,
        "task-title": "Refusion for langtidssyge",
        "task-description": "To medarbejdere har været syge i over 30 dage. Hvordan søger vi refusion?",
        "task-urgency": "high",
        "task-due_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }
    data.update(extra)
    return data


def test_the_meeting_page_shows_the_guests_and_the_form_to_bring_a_task_home(login, world, tf):
    response = login(world.a.staff).get(tf.meeting.get_absolute_url())
    assert response.status_code == 200
    assert "Birthe Lindholm" in response.text and "Maja Thorsen" in response.text
    assert "Bring the task home" in response.text or "Tag opgaven med hjem" in response.text
    assert reverse("taskforce:programme", args=[tf.programme.slug]) in response.text


def test_other_meetings_have_no_such_section(login, world, tf):
    tf.series.kind = MeetingKind.SLF
    tf.series.save()
    response = login(world.a.staff).get(tf.meeting.get_absolute_url())
    assert response.status_code == 200
    assert 'id="tasks-home"' not in response.text


def test_bringing_a_task_home_makes_a_question_routed_to_the_colleague_with_the_competence(login, world, tf):
    save_profile(world.a.section_leader, world.administration, "Refusioner", "Spørg mig om refusion", ["Refusion"])
    response = login(world.a.staff).post(_task_url(world, tf.meeting), _task(tf))
    assert response.status_code == 302 and response["Location"].endswith("#tasks-home")
    question = Question.objects.get(title="Refusion for langtidssyge")
    assert (question.office, question.from_unit, question.contact, question.meeting) == (
        world.a.office,
        tf.school,
        tf.leader,
        tf.meeting,
    )
    assert (question.unit, question.asked_by) == ("Skovvangskolen", "Birthe Lindholm")  # for the older pages
    assert question.status == QuestionStatus.ASSIGNED and question.assignee == world.a.section_leader
    assert list(question.steps.values_list("kind", flat=True)) == ["registered", "assigned"]
    # The section lists it with its assignee; the unit's page too.
    page = login(world.a.staff).get(tf.meeting.get_absolute_url()).text
    assert "Refusion for langtidssyge" in page and "a Leader" in page
    unit_page = login(world.a.staff).get(reverse("taskforce:unit-detail", args=[world.a.office.slug, tf.school.pk]))
    assert "Refusion for langtidssyge" in unit_page.text


def test_a_task_can_be_given_to_a_chosen_colleague_or_left_for_the_leaders(login, world, tf):
    client = login(world.a.staff)
    client.post(_task_url(world, tf.meeting), _task(tf, **{"task-assignee": world.b.staff.pk, "task-title": "Én"}))
    assert Question.objects.get(title="Én").assignee == world.b.staff  # another office of the administration
    client.post(_task_url(world, tf.meeting), _task(tf, **{"task-title": "To"}))  # nobody's competences match
    question = Question.objects.get(title="To")
    assert question.status == QuestionStatus.NEW and question.assignee is None


def test_bad_tasks_are_refused_and_nothing_is_saved(login, world, tf):
    client = login(world.a.staff)
    other_contact = tf.other_unit.contacts.get()
    for bad in (
        {"task-contact": tf.club_leader.pk},  # not at that unit
        {"task-from_unit": tf.other_unit.pk},  # another office's unit
        {"task-contact": other_contact.pk},
        {"task-title": ""},
        {"task-due_date": "2019-01-01"},
        {"task-assignee": world.c.staff.pk},  # outside the administration
    ):
        response = client.post(_task_url(world, tf.meeting), _task(tf, **bad))
        assert response.status_code == 400, bad
        assert 'id="task-form"' in response.text
    assert not Question.objects.exists()


def test_another_offices_meeting_under_this_offices_address_is_not_found(login, world, tf):
    client = login(world.head)
    response = client.post(_task_url(world, tf.other_meeting), _task(tf))
    assert response.status_code == 404
    url = reverse("taskforce:guest-attendance", args=[world.a.office.slug, tf.other_meeting.pk])
    assert login(world.a.chief).post(url, {}).status_code == 404
    assert login(world.c.staff).post(_task_url(world, tf.meeting), _task(tf)).status_code == 404
    assert not Question.objects.exists()


def test_leaders_record_the_guests_attendance(login, world, tf):
    url = reverse("taskforce:guest-attendance", args=[world.a.office.slug, tf.meeting.pk])
    data = {f"guests-guest_{tf.leader.pk}": "present", f"guests-guest_{tf.club_leader.pk}": "excused"}
    assert login(world.a.staff).post(url, data).status_code == 403
    assert not MeetingGuest.objects.exists()
    response = login(world.a.resource_person).post(url, data)
    assert response.status_code == 302
    assert dict(MeetingGuest.objects.values_list("contact__name", "status")) == {
        "Birthe Lindholm": "present",
        "Maja Thorsen": "excused",
    }
    page = login(world.a.staff).get(tf.meeting.get_absolute_url()).text
    assert "1 of 2 present" in page or "1 af 2 til stede" in page
    # The unit's page shows the meeting its leader attended.
    unit_page = login(world.a.staff).get(reverse("taskforce:unit-detail", args=[world.a.office.slug, tf.school.pk]))
    assert tf.meeting.get_absolute_url() in unit_page.text
    # A changed record replaces the old one; a guest recorded once stays on the list when no longer invited.
    tf.task_force.guests.set([tf.leader])
    login(world.a.resource_person).post(url, {**data, f"guests-guest_{tf.club_leader.pk}": "absent"})
    assert MeetingGuest.objects.get(contact=tf.club_leader).status == "absent"


def test_a_bad_attendance_value_saves_nothing(login, world, tf):
    url = reverse("taskforce:guest-attendance", args=[world.a.office.slug, tf.meeting.pk])
    login(world.a.chief).post(url, {f"guests-guest_{tf.leader.pk}": "maybe"})
    assert not MeetingGuest.objects.exists()


def test_the_section_keeps_a_fixed_number_of_queries(login, world, tf, django_assert_max_num_queries):
    from offices.models import Unit, UnitContact

    for n in range(8):
        unit = Unit.objects.create(office=world.a.office, name=f"Skole {n}")
        contact = UnitContact.objects.create(unit=unit, name=f"Leder {n}")
        tf.task_force.guests.add(contact)
        MeetingGuest.objects.create(meeting=tf.meeting, contact=contact, status="present")
        Question.objects.create(
            office=world.a.office,
            unit=unit.name,
            asked_by=contact.name,
            from_unit=unit,
            contact=contact,
            meeting=tf.meeting,
            title=f"Opgave {n}",
            description="…",
            assignee=world.a.staff,
            status="assigned",
            created_by=world.a.staff,
        )
    client = login(world.a.resource_person)
    # The meeting page itself is pinned at 12 (tests/meetings); the section adds four.
    with django_assert_max_num_queries(16):
        response = client.get(tf.meeting.get_absolute_url())
    assert response.status_code == 200 and "Opgave 7" in response.text and "Leder 7" in response.text
