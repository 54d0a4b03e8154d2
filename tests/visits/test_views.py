from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from visits import services
from visits.models import AvailabilityException, AvailabilityWindow, Reflection, Visit, VisitStatus

from .conftest import at


def book_url(person):
    return reverse("visits:book", args=[person.pk])


def test_my_visits_page_lists_coming_visits(login, world, host_available, frozen):
    services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "Budgetopfølgning")
    body = login(world.a.staff).get(reverse("visits:index")).content.decode()
    assert "Budgetopfølgning" in body
    assert "a Resource" in body


def test_my_page_shows_my_visits_panel(login, world, host_available, frozen):
    services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    body = login(world.a.staff).get("/").content.decode()
    assert "Mine besøg" in body


def test_booking_page_shows_free_slots_as_links(login, world, host_available, frozen):
    response = login(world.a.staff).get(book_url(host_available) + "?week=2026-03-02")
    body = response.content.decode()
    assert response.status_code == 200
    assert "?slot=2026-03-03T10:00" in body
    assert "?slot=2026-03-03T12:00" not in body


def test_booking_page_week_swap_is_a_fragment_for_htmx(login, world, host_available, frozen):
    response = login(world.a.staff).get(book_url(host_available) + "?week=2026-03-09", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="week"')
    assert "<html" not in body


def test_booking_in_a_few_clicks(login, world, host_available, frozen):
    client = login(world.a.staff)
    page = client.get(book_url(host_available) + "?slot=2026-03-03T10:00")
    assert "Book the visit" in page.content.decode() or "Book besøget" in page.content.decode()
    response = client.post(book_url(host_available), {"slot": "2026-03-03T10:00", "topic": "Prognoser"})
    visit = Visit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == visit.get_absolute_url()
    assert visit.host == host_available and visit.visitor == world.a.staff


def test_booking_says_the_invitation_mail_only_goes_to_those_who_get_visit_mails_at_once(
    login, world, host_available, frozen
):
    from notifications.choices import Channel, Kind, choose

    client = login(world.a.staff)
    page = client.post(book_url(host_available), {"slot": "2026-03-03T10:00", "topic": "Prognoser"}, follow=True)
    assert "I får begge en kalenderinvitation" in page.content.decode()
    choose(host_available, Kind.VISIT, Channel.WEEKLY)
    page = client.post(book_url(host_available), {"slot": "2026-03-03T11:00", "topic": "Prognoser"}, follow=True)
    body = page.content.decode()
    assert "invitationen pr. e-mail går kun til dem af jer" in body and "I får begge" not in body


def test_slot_just_taken_shows_message_and_next_free_ones(login, world, host_available, frozen):
    services.book_visit(host_available, world.a.chief, at(2026, 3, 3, 10), "first")
    response = login(world.a.staff).post(book_url(host_available), {"slot": "2026-03-03T10:00", "topic": "x"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "?slot=2026-03-03T10:30" in body
    assert Visit.objects.count() == 1


def test_booking_without_topic_keeps_the_slot_and_says_why(login, world, host_available, frozen):
    response = login(world.a.staff).post(book_url(host_available), {"slot": "2026-03-03T10:00", "topic": "  "})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not Visit.objects.exists()


def test_garbage_slot_is_a_400_not_a_500(login, world, host_available, frozen):
    response = login(world.a.staff).post(book_url(host_available), {"slot": "'; drop table", "topic": "x"})
    assert response.status_code == 400


def test_colleague_of_another_office_has_no_booking_page(login, world, host_available):
    assert login(world.b.staff).get(book_url(host_available)).status_code == 404
    assert login(world.c.staff).get(book_url(host_available)).status_code == 404


def test_visit_page_is_only_for_the_two(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    url = visit.get_absolute_url()
    assert login(world.a.staff).get(url).status_code == 200
    assert login(host_available).get(url).status_code == 200
    assert login(world.a.chief).get(url).status_code == 404
    assert login(world.b.chief).get(url).status_code == 404


def test_cancel_and_decline_are_post_only_and_checked(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    client = login(world.a.staff)
    assert client.get(reverse("visits:visit-cancel", args=[visit.pk])).status_code == 405
    assert client.post(reverse("visits:visit-decline", args=[visit.pk])).status_code == 403
    assert login(world.b.staff).post(reverse("visits:visit-cancel", args=[visit.pk])).status_code == 404
    response = login(host_available).post(reverse("visits:visit-decline", args=[visit.pk]), {"message": "Syg"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DECLINED and visit.message == "Syg"


def test_reflection_is_refused_before_the_visit(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    response = login(world.a.staff).post(reverse("visits:reflection-update", args=[visit.pk]), {"learned": "x"})
    assert response.status_code == 302
    assert not Reflection.objects.exists()


def test_reflection_after_the_visit_with_htmx(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    frozen.move_to(at(2026, 3, 3, 12))
    client = login(world.a.staff)
    url = reverse("visits:reflection-update", args=[visit.pk])
    bad = client.post(url, {"learned": ""}, headers={"HX-Request": "true"})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    ok = client.post(url, {"learned": "Meget", "interfaces": "Budget og løn"}, headers={"HX-Request": "true"})
    assert ok.status_code == 200
    assert "announce" in ok["HX-Trigger"]
    assert Reflection.objects.get().learned == "Meget"


def test_ics_download_parses(login, world, host_available, frozen):
    from icalendar import Calendar

    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    response = login(world.a.staff).get(reverse("visits:visit-ics", args=[visit.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(response.content).walk("VEVENT")[0]["sequence"] == 0


def test_availability_add_and_remove(login, world):
    client = login(world.a.staff)
    response = client.post(
        reverse("visits:availability"),
        {"add_window": "1", "window-weekday": 1, "window-start": "10:00", "window-end": "12:00"},
    )
    assert response.status_code == 302
    window = AvailabilityWindow.objects.get(person=world.a.staff)
    assert login(world.a.chief).post(reverse("visits:availability-delete", args=[window.pk])).status_code == 404
    assert login(world.a.staff).post(reverse("visits:availability-delete", args=[window.pk])).status_code == 302
    assert not AvailabilityWindow.objects.exists()


def test_availability_bad_window_is_refused_next_to_the_field(login, world):
    response = login(world.a.staff).post(
        reverse("visits:availability"),
        {"add_window": "1", "window-weekday": 1, "window-start": "12:00", "window-end": "10:00"},
    )
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not AvailabilityWindow.objects.exists()


@pytest.mark.parametrize(
    ("times", "field", "message"),
    [
        ({"exception-end": "12:00"}, "start", "Et ekstra tidsrum skal have et starttidspunkt."),
        ({"exception-start": "10:00"}, "end", "Et ekstra tidsrum skal have et sluttidspunkt."),
        ({"exception-start": "12:00", "exception-end": "10:00"}, "end", "Tidsrummet skal slutte efter det starter."),
    ],
    ids=["no-start", "no-end", "ends-before-start"],
)
def test_extra_window_needs_a_start_and_an_end_after_it(login, world, times, field, message):
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = login(world.a.staff).post(
        reverse("visits:availability"), {"exception-date": day, "exception-kind": "available", **times}
    )
    assert response.status_code == 400
    assert response.context["exception_form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not AvailabilityException.objects.exists()


def test_blocked_day_ignores_times_typed_before_choosing_it(login, world):
    day = timezone.localdate() + timedelta(days=3)
    response = login(world.a.staff).post(
        reverse("visits:availability"),
        {"exception-date": day.isoformat(), "exception-kind": "blocked", "exception-start": "10:00"},
    )
    assert response.status_code == 302
    blocked = AvailabilityException.objects.get(person=world.a.staff)
    assert (blocked.date, blocked.start, blocked.end) == (day, None, None)


def test_people_list_shows_office_colleagues_only(login, world):
    body = login(world.a.staff).get(reverse("visits:people", args=[world.a.office.slug])).content.decode()
    assert "a Chief" in body and "b Chief" not in body
    assert login(world.b.staff).get(reverse("visits:people", args=[world.a.office.slug])).status_code == 404


def _make_visits(world, n):
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
    from django.utils import timezone

    people = list(world.a.people().values())
    start = timezone.now() - timedelta(days=30)
    for i in range(n):
        s = start + timedelta(hours=i)
        Visit.objects.create(
            office=world.a.office,
            host=people[i % 4],
            visitor=people[(i + 1) % 4],
            during=DateTimeTZRange(s, s + timedelta(minutes=30)),
            topic="x",
        )


def test_coverage_matrix_for_leaders_with_fixed_query_count(login, world, django_assert_max_num_queries):
    _make_visits(world, 40)
    client = login(world.a.chief)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("visits:coverage", args=[world.a.office.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "40 besøg" in body
    assert "coverage-cell" in body


def test_coverage_for_staff_shows_only_their_own_row(login, world):
    _make_visits(world, 8)
    body = login(world.a.staff).get(reverse("visits:coverage", args=[world.a.office.slug])).content.decode()
    assert "coverage-cell" not in body
    assert "a Chief" not in body


def test_coverage_other_office_is_404(login, world):
    assert login(world.b.chief).get(reverse("visits:coverage", args=[world.a.office.slug])).status_code == 404


def test_my_visits_query_count_does_not_grow_and_past_visits_say_whether_they_were_held(
    login, world, django_assert_max_num_queries
):
    _make_visits(world, 120)  # 60 with the staff member: more than the 50 past visits the page lists
    latest = Visit.objects.involving(world.a.staff).order_by("-during").values("pk")[:5]
    Visit.objects.filter(pk__in=latest).update(status=VisitStatus.NOT_HELD)
    client = login(world.a.staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("visits:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<td><a href="/visits/') == 95  # 45 reflections to write (not the 5 not held), 50 past visits
    assert world.a.chief.full_name in body and world.a.staff.full_name in body
    past = body[body.index('id="past-heading"') :]
    assert past.count("<td>Afholdt</td>") == 45 and past.count("<td>Ikke afholdt</td>") == 5
    assert body.count('<th scope="col">Status</th>') == 1  # only the past visits have the column


@pytest.mark.parametrize("name", ["visits:index", "visits:availability"])
def test_pages_refuse_put(login, world, name):
    assert login(world.a.staff).put(reverse(name)).status_code == 405


def test_week_parameter_garbage_falls_back_to_this_week(login, world, host_available, frozen):
    response = login(world.a.staff).get(book_url(host_available) + "?week=nonsense")
    assert response.status_code == 200
    assert "?week=2026-03-09" in response.content.decode()  # "next week" from this week


def test_host_can_open_for_colleagues_of_other_offices(login, world, host_available, frozen):
    client = login(host_available)
    response = client.post(
        reverse("visits:availability"),
        {"save_profile": "1", "profile-about": "Budgetmodeller", "profile-allow_cross_office": "on"},
    )
    assert response.status_code == 302
    page = login(world.b.staff).get(book_url(host_available))
    assert page.status_code == 200
    assert "Budgetmodeller" in page.content.decode()


def test_visitor_or_host_moves_a_visit_keeping_its_calendar_uid(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    url = reverse("visits:visit-reschedule", args=[visit.pk])
    client = login(host_available)
    assert "?slot=2026-03-03T10:30" in client.get(url + "?week=2026-03-02").content.decode()
    response = client.post(url, {"slot": "2026-03-05T13:00", "topic": "x"})
    assert response.status_code == 302
    moved = Visit.objects.get(pk=visit.pk)
    assert moved.starts_at == at(2026, 3, 5, 13)
    assert moved.sequence == 1 and moved.uid == visit.uid
    # The old time is free again; the new one is taken.
    slots = [
        s.start for s in services.free_slots(host_available, world.a.chief, world.a.office, at(2026, 3, 2, 0).date())
    ]
    assert at(2026, 3, 3, 10) in slots and at(2026, 3, 5, 13) not in slots


def test_others_cannot_move_a_visit(login, world, host_available, frozen):
    visit = services.book_visit(host_available, world.a.staff, at(2026, 3, 3, 10), "x")
    url = reverse("visits:visit-reschedule", args=[visit.pk])
    assert login(world.a.chief).post(url, {"slot": "2026-03-05T13:00", "topic": "x"}).status_code == 404
    assert Visit.objects.get(pk=visit.pk).starts_at == at(2026, 3, 3, 10)


def test_office_chief_sets_visit_rules(login, world):
    url = reverse("visits:settings", args=[world.a.office.slug])
    data = {"length_minutes": 45, "min_notice_minutes": 60, "horizon_days": 30, "monthly_cap": 4}
    assert login(world.a.chief).post(url, data).status_code == 302
    from visits.models import VisitSettings

    assert VisitSettings.objects.get(office=world.a.office).length_minutes == 45


def test_visit_rules_refuse_nonsense_and_other_roles(login, world):
    url = reverse("visits:settings", args=[world.a.office.slug])
    bad = login(world.a.chief).post(url, {"length_minutes": 0, "min_notice_minutes": 60, "horizon_days": 30})
    assert bad.status_code == 400
    assert "invalid-feedback" in bad.content.decode()
    too_far = login(world.a.chief).post(
        url, {"length_minutes": 30, "min_notice_minutes": 60, "horizon_days": 400, "monthly_cap": 4}
    )
    assert too_far.status_code == 400
    assert "Vælg mellem 1 og 365 arbejdsdage." in too_far.content.decode()
    assert login(world.a.staff).get(url).status_code == 403
    assert login(world.b.chief).get(url).status_code == 404


def test_booking_page_query_count_does_not_grow_with_visits(
    login, world, host_available, frozen, django_assert_max_num_queries
):
    _make_visits(world, 40)
    client = login(world.a.staff)
    # 11, among them 2 for the meetings either person takes part in (both people's memberships, then the meetings).
    with django_assert_max_num_queries(11):
        response = client.get(book_url(host_available) + "?week=2026-03-02")
    assert response.status_code == 200
    body = response.content.decode()
    assert host_available.full_name in body
    assert body.count("?slot=2026-03-") >= 3  # Tuesday's and Thursday's free times as links
