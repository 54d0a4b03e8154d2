"""Visits that fit people's days (issue 16): meetings block free slots, suggestions ranked with their reason,
notice and horizon in Danish working days, held / not held. Known answers on the small world.

Time is frozen on Monday 2 March 2026, 08:00 (tests/visits/conftest.py); a.resource_person hosts on Tuesdays
10–12 and Thursdays 13–14.
"""

from datetime import date, time, timedelta

import pghistory.models
import pytest
import time_machine
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import translation

from knowledge.directory import set_competences
from meetings.models import Attendance, AttendanceStatus, Meeting, MeetingSeries, MeetingStatus
from meetings.services import participants
from offices.models import Role
from tests import factories
from visits import services
from visits.models import (
    AvailabilityWindow,
    Visit,
    VisitError,
    VisitSettings,
    VisitStatus,
    Weekday,
    unique_initials,
)

from .conftest import at


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def meeting(series, starts_at, minutes=60, **kw):
    return Meeting.objects.create(
        series=series, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes), **kw
    )


def starts(host, visitor, office, first=date(2026, 3, 2)):
    return [s.start for s in services.free_slots(host, visitor, office, first)]


def test_free_slots_leave_out_meetings_either_person_takes_part_in(world, host_available, frozen):
    a = world.a
    # The host (resource person) takes part by role in a series for resource persons and chiefs: Tuesday 10:15–11:00.
    leaders = MeetingSeries.objects.create(office=a.office, title="Ledermøde", participant_roles=["resource_person"])
    meeting(leaders, at(2026, 3, 3, 10, 15), minutes=45)
    # The visitor (staff) is named on another series: Thursday 13:30–14:00.
    named = MeetingSeries.objects.create(office=a.office, title="Budgetgruppe", participant_roles=["office_chief"])
    named.participant_people.add(a.staff)
    meeting(named, at(2026, 3, 5, 13, 30), minutes=30)
    # Neither takes part in these: a chiefs' meeting, a cancelled meeting, another office's meeting.
    chiefs = MeetingSeries.objects.create(office=a.office, title="Chefmøde", participant_roles=["office_chief"])
    meeting(chiefs, at(2026, 3, 3, 11))
    meeting(leaders, at(2026, 3, 3, 11, 30), status=MeetingStatus.CANCELLED)
    elsewhere = MeetingSeries.objects.create(office=world.b.office, title="Personalemøde")
    meeting(elsewhere, at(2026, 3, 5, 13))
    assert starts(host_available, a.staff, a.office) == [
        at(2026, 3, 3, 11),
        at(2026, 3, 3, 11, 30),
        at(2026, 3, 5, 13),
    ]


def test_a_cross_office_meeting_and_recorded_attendance_also_count(world, host_available, frozen):
    cross = MeetingSeries.objects.create(administration=world.administration, title="Tværgående", participant_roles=[])
    meeting(cross, at(2026, 3, 3, 10))  # every member of the administration's offices: 10:00–11:00
    guests = MeetingSeries.objects.create(office=world.b.office, title="Gæstemøde", participant_roles=["office_chief"])
    visit_b = meeting(guests, at(2026, 3, 5, 13, 30), minutes=30)
    Attendance.objects.create(meeting=visit_b, person=world.a.staff, status=AttendanceStatus.PRESENT)
    assert starts(host_available, world.a.staff, world.a.office) == [
        at(2026, 3, 3, 11),
        at(2026, 3, 3, 11, 30),
        at(2026, 3, 5, 13),
    ]


def test_booking_during_a_meeting_is_refused_with_the_reason(world, host_available, frozen):
    series = MeetingSeries.objects.create(office=world.a.office, title="Team")
    series.participant_sections.add(world.a.section)
    meeting(series, at(2026, 3, 3, 10))
    with pytest.raises(services.BookingError, match="You are in a meeting at that time"):
        services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    # The chief (no section) is free; the host (in the section) is not.
    AvailabilityWindow.objects.create(person=world.a.chief, weekday=Weekday.TUESDAY, start=time(10), end=time(11))
    with pytest.raises(services.BookingError, match="Your colleague is in a meeting"):
        services.book_visit(host_available, world.a.chief, at(2026, 3, 3, 10, 30), "x")
    assert Visit.objects.count() == 0


def test_taking_part_is_the_inverse_of_participants(world):
    """For series chosen by role, section, named person, everyone, and cross-office: the two rules agree."""
    a, b = world.a, world.b
    extra = factories.make_member(b.office, Role.STAFF, None, full_name="b Extra")
    configs = [
        {"office": a.office, "participant_roles": []},
        {"office": a.office, "participant_roles": ["staff", "office_chief"]},
        {"office": a.office, "participant_roles": [], "sections": [a.section]},
        {"office": a.office, "participant_roles": ["office_chief"], "sections": [a.section]},
        {"office": b.office, "participant_roles": ["office_chief"], "people": [a.staff]},
        {"administration": world.administration, "participant_roles": ["resource_person"]},
        {"administration": world.administration, "participant_roles": []},
    ]
    people = [*a.people().values(), *b.people().values(), extra, world.c.staff]
    for i, config in enumerate(configs):
        sections, named = config.pop("sections", []), config.pop("people", [])
        series = MeetingSeries.objects.create(title=f"S{i}", **config)
        series.participant_sections.set(sections)
        series.participant_people.set(named)
        m = meeting(series, at(2026, 3, 3, 9))
        invited = set(participants(m))
        for person in people:
            assert (person in invited) == Meeting.objects.taking_part(person).filter(pk=m.pk).exists(), (i, person)


# --- suggestions ---------------------------------------------------------------------------------------------


def test_suggestions_rank_not_visited_then_other_section_then_competences_with_the_reason(world, frozen):
    a = world.a
    other = factories.make_section(a.office, name="Løn")
    payroll = factories.make_member(a.office, Role.STAFF, other, full_name="Bo Løn")
    tax = factories.make_member(a.office, Role.STAFF, other, full_name="Aase Skat")
    set_competences(a.staff, world.administration, ["Budget", "Moms"])
    set_competences(payroll, world.administration, ["Lønrefusion", "budget"])
    set_competences(a.section_leader, world.administration, ["Moms"])
    # The staff member has visited the section leader before.
    start = at(2026, 2, 3, 10)
    Visit.objects.create(
        office=a.office,
        host=a.section_leader,
        visitor=a.staff,
        during=DateTimeTZRange(start, start + timedelta(minutes=30)),
        topic="x",
    )
    found = services.suggestions(a.staff, a.office, limit=10)
    assert [s.person for s in found] == [payroll, tax, a.chief, a.resource_person, a.section_leader]
    assert [s.reason for s in found] == [
        "not visited yet · other section · you both know about Budget · knows about Lønrefusion",
        "not visited yet · other section",
        "not visited yet · other section",  # the chief has no section
        "not visited yet",
        "you both know about Moms",
    ]
    with translation.override("da"):
        assert (
            found[0].reason == "ikke besøgt endnu · anden sektion · I kender begge til Budget · kender til Lønrefusion"
        )


def test_people_page_shows_the_suggestions_with_their_reason(world, login, frozen, django_assert_max_num_queries):
    set_competences(world.a.chief, world.administration, ["Lønrefusion"])
    client = login(world.a.staff)
    url = reverse("visits:people", args=[world.a.office.slug])
    client.get(url)
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    assert "Ikke besøgt endnu · anden sektion · kender til Lønrefusion" in response.content.decode()


# --- notice and horizon in working days ------------------------------------------------------------------------


def test_notice_runs_over_the_easter_holidays(world):
    """Two working days' notice on Wednesday 1 April 2026 at 14:00 reaches Wednesday 8 April 14:00."""
    VisitSettings.objects.create(office=world.a.office, min_notice_minutes=2 * 24 * 60)
    host = world.a.resource_person
    for weekday in range(5):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(10), end=time(15))
    now = at(2026, 4, 1, 14)
    with time_machine.travel(now, tick=False):
        found = services.free_slots(host, world.a.staff, world.a.office, date(2026, 4, 6), days=3)
        assert found[0].start == at(2026, 4, 8, 14)
        with pytest.raises(services.BookingError, match="too soon"):
            services.book_visit(host, world.a.staff, at(2026, 4, 7, 14), "x")


def test_horizon_counts_working_days_so_easter_moves_it_out(world):
    """Five working days from Monday 30 March 2026, 08:00: Tue, Wed, Tue 7, Wed 8, Thu 9 April."""
    VisitSettings.objects.create(office=world.a.office, horizon_days=5, min_notice_minutes=10)
    host = world.a.resource_person
    AvailabilityWindow.objects.create(person=host, weekday=Weekday.THURSDAY, start=time(7), end=time(7, 30))
    with time_machine.travel(at(2026, 3, 30, 8), tick=False):
        found = services.free_slots(host, world.a.staff, world.a.office, date(2026, 3, 30), days=14)
        assert [s.start for s in found] == [at(2026, 4, 9, 7)]  # not Thursday 16 April
        with pytest.raises(services.BookingError, match="5 working days ahead"):
            services.book_visit(host, world.a.staff, at(2026, 4, 16, 7), "x")


# --- held, not held ------------------------------------------------------------------------------------------


@pytest.fixture
def past_visit(world):
    start = at(2026, 2, 24, 10)
    return Visit.objects.create(
        office=world.a.office,
        host=world.a.resource_person,
        visitor=world.a.staff,
        during=DateTimeTZRange(start, start + timedelta(minutes=30)),
        topic="Budget",
    )


def test_a_past_visit_is_held_unless_someone_says_not(world, past_visit, frozen):
    assert past_visit.status_label() == "held"
    with pytest.raises(VisitError):
        past_visit.mark_not_held(by=world.a.chief)
    past_visit.mark_not_held(by=world.a.resource_person)
    past_visit.refresh_from_db()
    assert past_visit.status == VisitStatus.NOT_HELD
    assert past_visit.status_label() == "not held"
    with pytest.raises(VisitError):
        past_visit.mark_not_held(by=world.a.staff)
    past_visit.mark_held(by=world.a.staff)
    assert Visit.objects.get(pk=past_visit.pk).status_label() == "held"
    events = pghistory.models.Events.objects.references(past_visit).order_by("pgh_created_at")
    assert [e.pgh_data["status"] for e in events] == ["confirmed", "not_held", "confirmed"]


def test_a_coming_visit_cannot_be_marked_not_held(world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    assert visit.status_label() == "confirmed"
    with pytest.raises(VisitError, match="once it is over"):
        visit.mark_not_held(by=world.a.staff)


def test_the_visitor_says_not_held_on_the_visit_page(world, login, past_visit, frozen):
    client = login(world.a.staff)
    page = client.get(past_visit.get_absolute_url()).content.decode()  # in Danish, the default
    assert "Afholdt" in page
    assert "Bekræftet" not in page
    assert "Ikke afholdt" not in page
    url = reverse("visits:visit-held", args=[past_visit.pk])
    response = client.post(url, {"held": "no"})
    assert response.status_code == 302
    assert Visit.objects.get(pk=past_visit.pk).status == VisitStatus.NOT_HELD
    assert client.get(url).status_code == 405
    assert login(world.a.chief).post(url, {"held": "no"}).status_code == 404
    login(world.a.resource_person).post(url, {"held": "yes"})  # the host says it was held after all
    assert Visit.objects.get(pk=past_visit.pk).status == VisitStatus.CONFIRMED


# --- the coverage matrix names people unambiguously ---------------------------------------------------------


def test_initials_are_made_unique_with_letters_of_the_surname_then_a_number(db):
    people = [
        factories.make_user(full_name=name, initials=initials)
        for name, initials in [
            ("Mette Olsen", "MO"),
            ("Morten Olesen", "MO"),
            ("Maria Ostenfeld", "MO"),
            ("Tina Sørensen", "TS"),
            ("Tina Sørensen", "TS"),
            ("Anna Berg", "AB"),
        ]
    ]
    found = unique_initials(people)
    assert [found[p.pk] for p in people] == ["MOls", "MOle", "MOs", "TS1", "TS2", "AB"]


def test_coverage_matrix_heads_carry_unique_initials_and_the_full_name(world, login, frozen):
    a = world.a
    a.staff.initials = a.chief.initials = "AB"
    a.staff.save(update_fields=["initials"])
    a.chief.save(update_fields=["initials"])
    body = login(a.chief).get(reverse("visits:coverage", args=[a.office.slug])).content.decode()
    head = body[body.index("<thead>") : body.index("</thead>")]
    assert 'abbr="a Staff"' in head and '<span class="visually-hidden"> a Staff</span>' in head
    assert 'title="a Chief" tabindex="0">ABh</abbr>' in head  # "a Chief" and "a Staff": the surnames' next letter
    assert 'title="a Staff" tabindex="0">ABt</abbr>' in head


def test_booking_page_query_count_does_not_grow_with_meetings(
    world, login, host_available, frozen, django_assert_max_num_queries
):
    """Meetings of five series for both people in the week: the page asks the same 11 queries as with none."""
    for i in range(5):
        series = MeetingSeries.objects.create(office=world.a.office, title=f"Serie {i}", participant_roles=[])
        series.participant_people.add(world.a.staff)
        for day in range(2, 7):
            meeting(series, at(2026, 3, day, 7, 10 * i), minutes=10)
    meeting(series, at(2026, 3, 5, 13))  # Thursday 13:00–14:00 is taken
    client = login(world.a.staff)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("visits:book", args=[host_available.pk]) + "?week=2026-03-02")
    assert response.status_code == 200
    body = response.content.decode()
    assert "slot=2026-03-03T10:00" in body
    assert "slot=2026-03-05T13" not in body
