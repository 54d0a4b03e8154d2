"""Who sees and edits café meetings: everybody with a place sees the published ones, leads everything; no place, no
programme; another programme's meeting under this programme's address does not exist."""

from django.urls import reverse

from tests.factories import make_user


def test_anybody_with_a_place_sees_the_published_meeting_but_not_the_unpublished(cw, world, login):
    client = login(world.c.staff)  # another administration, no part in the programme
    page = client.get(reverse("cafe:programme", args=["cafe-a"])).content.decode()
    assert "Cafémøde om budgettet" in page and "Næste cafémøde" not in page
    assert client.get(cw.coming.get_absolute_url()).status_code == 200
    assert client.get(cw.hidden.get_absolute_url()).status_code == 404
    assert client.post(reverse("cafe:register", args=["cafe-a", cw.hidden.pk])).status_code == 404


def test_leads_see_the_unpublished_meeting_and_publish_it(cw, world, login):
    client = login(world.head)
    assert client.get(cw.hidden.get_absolute_url()).status_code == 200
    assert "Næste cafémøde" in client.get(reverse("cafe:programme", args=["cafe-a"])).content.decode()
    client.post(reverse("cafe:meeting-publish", args=["cafe-a", cw.hidden.pk]))
    assert login(world.c.staff).get(cw.hidden.get_absolute_url()).status_code == 200


def test_nobody_without_a_place_in_the_organisation_sees_the_programme(cw, login):
    client = login(make_user(full_name="No Place"))
    assert client.get(reverse("cafe:programme", args=["cafe-a"])).status_code == 404
    assert client.get(cw.coming.get_absolute_url()).status_code == 404
    assert client.post(reverse("cafe:register", args=["cafe-a", cw.coming.pk])).status_code == 404


def test_only_leads_plan_and_edit(cw, world, login):
    staff = login(world.a.staff)
    assert staff.get(reverse("cafe:meeting-create", args=["cafe-a"])).status_code == 403
    assert staff.get(reverse("cafe:meeting-update", args=["cafe-a", cw.coming.pk])).status_code == 403
    assert staff.post(reverse("cafe:presentation-create", args=["cafe-a", cw.coming.pk])).status_code == 403
    lead = login(world.a.section_leader)
    response = lead.post(
        reverse("cafe:meeting-create", args=["cafe-a"]),
        {
            "title": "Forårets cafémøde",
            "date": "2030-03-05",
            "start_time": "14:00",
            "duration_minutes": 90,
            "location": "Kantinen",
            "capacity": 40,
        },
    )
    assert response.status_code == 302
    created = cw.programme.cafe_meetings.get(meeting__title="Forårets cafémøde")
    assert created.capacity == 40 and not created.is_published
    assert created.meeting.series == cw.coming.meeting.series


def test_another_programmes_meeting_under_this_programmes_address_is_not_found(cw, world, login):
    client = login(world.head)  # leads both programmes (head of A's and B's administration)
    assert client.get(cw.other_meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("cafe:meeting", args=["cafe-a", cw.other_meeting.pk])).status_code == 404
    assert client.post(reverse("cafe:register", args=["cafe-a", cw.other_meeting.pk])).status_code == 404
