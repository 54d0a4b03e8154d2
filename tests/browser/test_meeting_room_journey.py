"""In the meeting: the resource person runs the meeting from the room view on a laptop and checks attendance on a
phone. axe on every page at 1366x768 and 390x844; screenshots in /tmp/shots/ to look at."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Meeting, MeetingSeries, MeetingStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial", full_page=True)


def _meeting(world, status=MeetingStatus.IN_PROGRESS, minutes_ago=20):
    series = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde", start_date=timezone.localdate())
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
    meeting = Meeting.objects.create(
        series=series, starts_at=starts, ends_at=starts + timedelta(minutes=90), status=status, location="Mødelokale 2"
    )
    titles = [
        ("Velkomst", 15),
        ("Opfølgning på aftaler", 25),
        ("Fælles mappe til budgetmodeller", 20),
        ("Næste møde", 10),
    ]
    for position, (title, length) in enumerate(titles, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=title, duration_minutes=length, description="Kort om punktet."
        )
    return meeting


def test_the_room_view_on_a_laptop_and_a_phone(page, world, axe, sign_in):
    meeting = _meeting(world)
    sign_in(world.a.resource_person)
    page.set_viewport_size(LAPTOP)
    page.goto(f"/meetings/{meeting.pk}/room/")
    title = page.locator("#room-item-title")
    assert title.inner_text() == "Opfølgning på aftaler"  # 20 minutes in: the second item (15–40)
    countdown = page.locator(".room-countdown")
    first = countdown.inner_text()
    page.wait_for_function("t => document.querySelector('.room-countdown').textContent !== t", arg=first)
    assert re.search(r"\d+:\d\d", countdown.inner_text())
    axe(page)
    _shot(page, "room-laptop")
    page.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"/room/\d+/$"))
    assert title.inner_text() == "Fælles mappe til budgetmodeller"
    page.set_viewport_size(PHONE)
    axe(page)
    _shot(page, "room-phone")
    assert not page.console_errors


def test_everyone_present_then_one_excused_by_keyboard_on_a_phone(page, world, axe, sign_in):
    meeting = _meeting(world)
    sign_in(world.a.resource_person)
    page.set_viewport_size(PHONE)
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    axe(page)
    page.locator("button[name=all_present]").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/attendance/")
    staff = world.a.staff
    present = page.locator(f"#a-{staff.pk}-present")
    assert present.is_checked()
    present.focus()
    page.keyboard.press("ArrowRight")  # a radio group: the arrow moves to "absent", the next to "excused"
    page.keyboard.press("ArrowRight")
    assert page.locator(f"#a-{staff.pk}-excused").is_checked()
    axe(page)
    _shot(page, "attendance-phone")
    page.get_by_role("button", name=re.compile("Gem|Save")).click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert Attendance.objects.get(meeting=meeting, person=staff).status == "excused"
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == len(world.a.people()) - 1
    page.set_viewport_size(LAPTOP)
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    axe(page)
    _shot(page, "attendance-laptop")


def test_the_room_starts_the_meeting_and_works_without_javascript(no_js_page, world, axe, sign_in):
    page = no_js_page
    meeting = _meeting(world, status=MeetingStatus.AGENDA_CIRCULATED, minutes_ago=-10)
    sign_in(world.a.resource_person, target=page)
    page.set_viewport_size(LAPTOP)
    page.goto(f"/meetings/{meeting.pk}/room/")
    assert page.locator("#room-item-title").inner_text() == "Velkomst"
    page.locator("form[action$='/start/'] button").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/room/**")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.IN_PROGRESS
    # Without JavaScript the times and the navigation are there; the countdown shows the server's reading.
    assert re.search(r"\d+:\d\d", page.locator(".room-countdown").inner_text())
    page.locator("a[rel=next]").click()
    assert page.locator("#room-item-title").inner_text() == "Opfølgning på aftaler"
    _shot(page, "room-nojs")


def test_the_demo_opens_on_a_meeting_in_progress_today(page, axe, sign_in):
    from io import StringIO

    from django.core.management import call_command

    from accounts.models import User
    from meetings import demo
    from offices import demo as office_demo

    call_command("seed_demo", stdout=StringIO())
    meeting = Meeting.objects.get(title=demo.TODAY_TITLE)
    sign_in(User.objects.get(email="ressourceperson@slf.example"), password=office_demo.DEMO_PASSWORD)
    page.set_viewport_size(LAPTOP)
    page.goto(meeting.get_absolute_url())
    page.locator(f"a[href='/meetings/{meeting.pk}/room/']").first.click()
    page.locator("#room-item-title").wait_for()
    assert page.locator(".room-agenda-item").count() == len(demo.TODAY_AGENDA)
    axe(page)
    _shot(page, "demo-room")
