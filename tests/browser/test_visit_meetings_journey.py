"""Issue 16's 'Done when' for visits: staff books a visit and is not offered a slot during their meeting.

axe on every page; screenshots of the booking page and the coverage matrix at 1366x768 and 390x844 in /tmp/shots/.
"""

import os
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from meetings.models import Meeting, MeetingSeries
from slf.workdays import TZ, add_working_days
from visits.models import AvailabilityWindow, Visit
from visits.services import week_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret


def _shots(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", caret="initial", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


def test_staff_is_not_offered_a_slot_during_their_meeting(page, world, axe, sign_in):
    host = world.a.section_leader
    for weekday in range(5):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(9), end=time(12))
    day = add_working_days(timezone.localdate(), 5)
    # The staff member takes part in the office's team meeting (all members) that day, 10:00–11:00.
    series = MeetingSeries.objects.create(office=world.a.office, title="Teammøde")
    starts = datetime.combine(day, time(10), TZ)
    Meeting.objects.create(series=series, starts_at=starts, ends_at=starts + timedelta(hours=1))

    sign_in(world.a.staff)
    page.goto(f"/visits/offices/{world.a.office.slug}/people/")
    suggestions = page.get_by_role("region", name="Foreslåede kolleger")
    suggestions.get_by_text("ikke besøgt endnu").first.wait_for()
    axe(page)
    _shots(page, "visit-people")

    page.goto(f"/visits/book/{host.pk}/?week={week_start(day):%Y-%m-%d}")
    page.get_by_role("heading", name=f"Besøg {host.full_name}").wait_for()
    key = f"{day:%Y-%m-%d}"
    assert page.locator(f'a[href*="slot={key}T09:30"]').count() == 1
    assert page.locator(f'a[href*="slot={key}T10:00"]').count() == 0  # the meeting
    assert page.locator(f'a[href*="slot={key}T10:30"]').count() == 0
    axe(page)
    _shots(page, "visit-book")

    page.locator(f'a[href*="slot={key}T11:00"]').click()
    page.get_by_label("Hvad vil du gerne høre om?").fill("Hvordan I planlægger lønrefusion")
    page.get_by_role("button", name="Book besøget").click()
    page.get_by_text("er booket").wait_for()
    axe(page)
    visit = Visit.objects.get()
    assert visit.starts_at == datetime.combine(day, time(11), TZ)
    assert page.console_errors == []

    page.get_by_role("button", name="Log ud").click()
    sign_in(world.a.chief)
    page.goto(f"/visits/offices/{world.a.office.slug}/coverage/")
    page.get_by_role("heading", name="Hvem har besøgt hvem").wait_for()
    page.locator(".coverage-initials").first.focus()
    page.locator(".coverage-host:focus-within .coverage-tip").wait_for()
    axe(page)
    _shots(page, "visit-coverage")
