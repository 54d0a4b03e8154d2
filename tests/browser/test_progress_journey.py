"""Office chief reads the progress page, the head of administration the overview: axe at 1366x768 and 390x844,
screenshots in /tmp/shots/ (SLF_SHOTS) to look at."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from logbook.models import AgreementStatus, CirclePhase, Entry, EntryKind, LearningCircle
from meetings.models import Meeting, MeetingSeries, MeetingStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial", full_page=True)


def agreement(ow, title, opened, due, status=AgreementStatus.OPEN, closed_at=None, responsible=()):
    entry = Entry.objects.create(
        office=ow.office,
        author=ow.resource_person,
        kind=EntryKind.AGREEMENT,
        title=title,
        date=opened,
        due_date=due,
        status=status,
        closed_at=closed_at,
    )
    entry.responsible.set(responsible)
    return entry


@pytest.fixture
def progress_data(world):
    today = timezone.localdate()
    now = timezone.now()
    a, b = world.a, world.b
    agreement(
        a,
        "Fælles mappe til budgetmodeller",
        today - timedelta(days=40),
        today - timedelta(days=9),
        responsible=[a.staff],
    )
    agreement(a, "Skabelon til referat", today - timedelta(days=3), today + timedelta(days=20))
    agreement(a, "Ordbog", today - timedelta(days=2), today, AgreementStatus.KEPT, now, [a.chief])
    agreement(a, "Nyhedsbrev", today - timedelta(days=2), today, AgreementStatus.DROPPED, now)
    agreement(b, "Introduktion af nye", today - timedelta(days=1), today, AgreementStatus.KEPT, now, [b.staff])
    series = MeetingSeries.objects.create(office=a.office, title="SLF-møde")
    start = now - timedelta(days=1)
    Meeting.objects.create(
        series=series, starts_at=start, ends_at=start + timedelta(hours=1), status=MeetingStatus.HELD
    )
    coming = now + timedelta(days=1)
    Meeting.objects.create(series=series, starts_at=coming, ends_at=coming + timedelta(hours=1))
    phases = CirclePhase.for_office(a.office)
    LearningCircle.objects.create(
        office=a.office, title="Sagsgange", challenge="?", phase=phases[1], phase_since=now - timedelta(days=21)
    )


def test_chief_changes_the_period_and_opens_an_overdue_agreement(page, world, axe, sign_in, progress_data):
    page.set_viewport_size(DESKTOP)
    sign_in(world.a.chief)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fremdrift").click()
    page.get_by_role("heading", name="Fremdrift i Budget og Regnskab", level=1).wait_for()
    page.get_by_role("heading", name="Mødedisciplin", level=2).wait_for()
    # Kept % with the open and overdue counts beside it, in words; the circle as phase and time in it.
    kept = page.get_by_role("group", name="Aftaler holdt")
    assert "50 % holdt, af 2 aftaler afsluttet i perioden" in kept.inner_text()
    assert "2 åbne nu" in kept.inner_text() and "1 overskredet nu" in kept.inner_text()
    assert "Analyser data · 3 uger" in page.locator("#circles").inner_text()
    assert "indtil nu er afholdt" in page.locator("#rhythm .summary").inner_text()
    axe(page)
    shot(page, "progress-office-1366")
    page.set_viewport_size(PHONE)
    axe(page)
    shot(page, "progress-office-390")
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Periode", exact=True).select_option("year")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url("**period=year*")
    assert page.get_by_label("Periode", exact=True).input_value() == "year"
    axe(page)

    overdue = page.get_by_role("table", name="De ældste overskredne aftaler")
    overdue.get_by_role("link", name="Fælles mappe til budgetmodeller").click()
    page.get_by_role("heading", name="Fælles mappe til budgetmodeller").wait_for()
    axe(page)
    assert page.console_errors == []


def test_head_sorts_offices_by_agreements_kept_and_drills_into_one(page, world, axe, sign_in, progress_data):
    page.set_viewport_size(DESKTOP)
    sign_in(world.head)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fremdrift").click()
    page.get_by_role("link", name="Alle kontorer i Økonomi og Administration").click()
    page.get_by_role("heading", name="Fremdrift i Økonomi og Administration", level=1).wait_for()
    axe(page)

    table = page.get_by_role("table", name="Alle kontorer")
    table.get_by_role("link", name="Aftaler holdt %", exact=True).click()
    page.wait_for_url("**sort=kept_pct*")
    header = page.get_by_role("columnheader", name="Aftaler holdt %", exact=True)
    assert header.get_attribute("aria-sort") == "ascending"
    rows = page.get_by_role("table", name="Alle kontorer").locator("tbody tr th")
    assert rows.all_inner_texts() == ["Budget og Regnskab", "Personale"]

    page.get_by_role("table", name="Alle kontorer").get_by_role("link", name="Aftaler holdt %", exact=True).click()
    page.wait_for_url("**sort=-kept_pct*")
    assert (
        page.get_by_role("columnheader", name="Aftaler holdt %", exact=True).get_attribute("aria-sort") == "descending"
    )
    assert rows.all_inner_texts() == ["Personale", "Budget og Regnskab"]
    axe(page)
    shot(page, "progress-overview-1366")

    # Every column one click away; the sort stays, the office names stay in view while the table scrolls.
    page.get_by_role("link", name="Vis alle 18 kolonner").click()
    page.wait_for_url("**columns=all*")
    assert "sort=-kept_pct" in page.url
    assert (
        page.get_by_role("columnheader", name="Aftaler holdt %", exact=True).get_attribute("aria-sort") == "descending"
    )
    page.get_by_role("columnheader", name="Aflyste møder").wait_for()
    cue = page.get_by_text("Tabellen er bredere end skærmen")
    assert cue.is_visible()
    region = page.get_by_role("region", name="Alle kontorer")
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    first = page.get_by_role("table", name="Alle kontorer").locator("tbody tr th").first
    box, frame = first.bounding_box(), region.bounding_box()
    assert box["x"] >= frame["x"] - 1  # sticky: still at the left edge after scrolling
    axe(page)
    shot(page, "progress-overview-all-1366")
    page.set_viewport_size(PHONE)
    region.evaluate("el => { el.scrollLeft = 0; }")
    assert cue.is_visible()
    axe(page)
    shot(page, "progress-overview-all-390")
    page.set_viewport_size(DESKTOP)

    rows.first.get_by_role("link").click()
    page.get_by_role("heading", name="Fremdrift i Personale", level=1).wait_for()
    axe(page)
    assert page.console_errors == []


def test_staff_see_their_own_figures(page, world, axe, sign_in, progress_data):
    sign_in(world.a.staff)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fremdrift").click()
    page.get_by_role("heading", name="Mine aftaler", level=2).wait_for()
    page.get_by_role("heading", name="Mine besøg", level=2).wait_for()
    assert page.get_by_role("heading", name="Mødedisciplin").count() == 0
    page.get_by_role("table", name="De ældste overskredne aftaler").get_by_role(
        "link", name="Fælles mappe til budgetmodeller"
    ).wait_for()
    axe(page)
    assert page.console_errors == []
