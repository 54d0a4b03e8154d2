"""The café demo tells the Billund story: a held café meeting with material, attendance and minutes, a coming one
with three presentations, 50 places taken and a waiting list; medarbejder registered, sektionsleder waiting."""

from cafe import demo as cafe_demo
from cafe.models import CafeMeeting, Material, Registration, RegistrationStatus
from meetings.models import MeetingStatus, TopicProposal
from offices import demo as offices_demo


def test_the_demo_tells_the_story_and_a_second_run_adds_nothing(db):
    offices_demo.seed()
    cafe_demo.seed()
    counts = (CafeMeeting.objects.count(), Registration.objects.count(), Material.objects.count())
    cafe_demo.seed()
    assert (CafeMeeting.objects.count(), Registration.objects.count(), Material.objects.count()) == counts
    held = CafeMeeting.objects.get(meeting__title=cafe_demo.HELD_TITLE)
    assert held.meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert held.material.count() == 3 and held.registrations.filter(attended=False).count() == 5
    coming = CafeMeeting.objects.get(programme__slug="cafemoder", meeting__title=cafe_demo.COMING_TITLE)
    assert coming.capacity == 50 and coming.meeting.agenda_items.count() == 3
    rows = coming.registrations
    assert rows.filter(status=RegistrationStatus.REGISTERED).count() == 50
    assert 5 <= rows.filter(status=RegistrationStatus.WAITING).count() <= 8
    assert rows.get(person__email="medarbejder@slf.example").status == RegistrationStatus.REGISTERED
    assert rows.get(person__email="sektionsleder@slf.example").status == RegistrationStatus.WAITING
    assert TopicProposal.objects.filter(series=coming.meeting.series, supporters__isnull=False).distinct().count() >= 3
