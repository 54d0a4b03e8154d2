"""Attendance: the leads record who came from the registrations once the meeting has begun; it is kept in the
meeting's attendance too, and the figures count it."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from cafe import services
from cafe.figures import cafe_figures
from meetings.models import Attendance, AttendanceStatus, MeetingStatus


def test_leads_record_who_came_and_the_figures_count_it(cw, world, login):
    one = services.register(cw.coming, world.a.staff)
    two = services.register(cw.coming, world.b.staff)
    services.register(cw.coming, world.c.staff)  # waits
    url = reverse("cafe:attendance", args=["cafe-a", cw.coming.pk])
    lead = login(world.a.resource_person)
    lead.post(url, {f"r{one.pk}": "yes", f"r{two.pk}": "no"})
    assert not Attendance.objects.exists()  # not before it has begun
    with time_machine.travel(cw.coming.meeting.ends_at, tick=False):
        assert login(world.a.staff).post(url, {f"r{one.pk}": "yes"}).status_code == 403
        lead = login(world.a.resource_person)
        assert lead.get(url).status_code == 200
        assert lead.post(url, {f"r{one.pk}": "yes", f"r{two.pk}": "no"}).status_code == 302
    assert dict(Attendance.objects.values_list("person_id", "status")) == {
        world.a.staff.pk: AttendanceStatus.PRESENT,
        world.b.staff.pk: AttendanceStatus.ABSENT,
    }
    cw.coming.meeting.refresh_from_db()
    assert cw.coming.meeting.status == MeetingStatus.HELD
    figures = {f.label: f.value for f in cafe_figures([cw.programme])[cw.programme.pk]}
    assert figures["Registreringer"] == 2
    assert figures["På ventelister"] == 1
    assert figures["Kom"] == 1 and figures["Kom ikke"] == 1
    assert figures["Kontorer repræsenteret"] == 3 and figures["Forvaltninger repræsenteret"] == 2
    assert figures["Afholdte cafémøder"] == 1


def test_a_waiting_person_is_not_recorded(cw, world):
    for person in (world.a.staff, world.b.staff):
        services.register(cw.coming, person)
    waiting = services.register(cw.coming, world.c.staff)
    with time_machine.travel(cw.coming.meeting.starts_at + timedelta(minutes=5), tick=False):
        assert services.record_attendance(cw.coming, {waiting.pk: True}, by=world.a.resource_person) == 0
    assert not Attendance.objects.exists()
