"""Back and Forward after an htmx swap show the whole page, never a bare fragment.

base.html sets ``historyCacheSize: 0``, so every Back or Forward over a URL htmx pushed is a history
restore: htmx asks the server again and puts the answer into ``<body>`` (slf/htmx.py makes that the
full page; without it the booking week comes back as a bare ``#week``). Leaving the page and coming
back reloads it without the back/forward cache (switched off for this module's Chromium, as it is for
many real pages): the browser may then take the HTTP cache, where the last answer for a pushed URL was
a fragment unless it said ``Vary: HX-Request`` (signed-in pages also say ``no-store`` today, so the
fast test in tests/slf/test_htmx_history.py is the one that pins Vary).

Each htmx page gets a swap, Back, Forward, a check of header, menu, ``<main>`` and heading, and axe.
"""

from datetime import time, timedelta

import pytest
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from playwright.sync_api import expect

from logbook import circles
from logbook.models import AgreementStatus, Entry, LearningCircle
from meetings.models import AgendaItem, Meeting
from tests.browser.conftest import launch_chromium
from tests.meetings.test_views import make_series
from visits.models import AvailabilityWindow, Visit, VisitParticipant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser(playwright_session):
    """Chromium without the back/forward cache: Back to another document goes through the HTTP cache."""
    browser = launch_chromium(playwright_session, "--disable-back-forward-cache")
    yield browser
    browser.close()


def watch_restores(page):
    """Count htmx's history restores from the server (a document-level listener survives the body swap)."""
    page.evaluate(
        "() => { window.__restores = 0;"
        " document.addEventListener('htmx:historyRestore', () => { window.__restores += 1; }); }"
    )


def restored(page, count):
    page.wait_for_function(f"() => window.__restores >= {count}")


def assert_full_page(page, heading):
    """The site's frame and the page's own heading: not a fragment swapped into an empty body."""
    expect(page.locator("body > header.site-header")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()
    expect(page.locator("body > main#main")).to_have_count(1)
    expect(page.locator("main h1")).to_have_count(1)
    expect(page.locator("main h1")).to_have_text(heading)
    expect(page.locator("body > footer.site-footer")).to_have_count(1)


def test_booking_week_back_and_forward_show_the_whole_page(page, world, axe, sign_in):
    host = world.a.section_leader
    for weekday in range(7):
        AvailabilityWindow.objects.create(person=host, weekday=weekday, start=time(8), end=time(16))
    sign_in(world.a.staff)
    page.goto(f"/visits/book/{host.pk}/")
    heading = f"Besøg {host.full_name}"
    week = page.locator("#week-heading")
    first_week = week.inner_text()
    assert_full_page(page, heading)
    watch_restores(page)

    page.get_by_role("link", name="Næste uge").click()
    page.wait_for_url("**week=*")
    expect(week).not_to_have_text(first_week)
    second_week = week.inner_text()

    page.go_back()
    restored(page, 1)
    expect(week).to_have_text(first_week)
    assert "week=" not in page.url
    assert_full_page(page, heading)
    axe(page)

    page.go_forward()
    restored(page, 2)
    expect(week).to_have_text(second_week)
    assert_full_page(page, heading)
    axe(page)

    # Leave for a time after a swap, then come back: the pushed URL's last answer was the fragment.
    page.get_by_role("link", name="Næste uge").click()
    expect(week).not_to_have_text(second_week)
    third_week, third_url = week.inner_text(), page.url
    page.locator("#week a.btn-outline-primary").first.click()
    page.locator("#confirm-heading").wait_for()
    page.go_back()
    assert page.url == third_url
    assert_full_page(page, heading)
    expect(week).to_have_text(third_week)
    axe(page)
    page.go_forward()
    page.locator("#confirm-heading").wait_for()
    assert_full_page(page, heading)
    assert page.console_errors == []


def test_logbook_filter_and_status_change_survive_back_and_forward(page, world, axe, sign_in):
    author, today = world.a.resource_person, timezone.localdate()
    Entry.objects.create(office=world.a.office, author=author, kind="activity", title="Budgetmøde", date=today)
    agreement = Entry.objects.create(
        office=world.a.office,
        author=author,
        kind="agreement",
        title="Fælles skabelon",
        date=today,
        due_date=today + timedelta(days=30),
        status=AgreementStatus.OPEN,
    )
    sign_in(author)
    page.goto(f"/logbook/{world.a.office.slug}/")
    assert_full_page(page, "Logbog")
    results = page.locator("#results-heading")
    expect(results).to_contain_text("2 ")
    watch_restores(page)

    page.get_by_label("Søg").fill("skabelon")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url("**q=skabelon*")
    expect(results).to_contain_text("1 ")

    page.go_back()
    restored(page, 1)
    expect(results).to_contain_text("2 ")
    assert_full_page(page, "Logbog")
    axe(page)
    page.go_forward()
    restored(page, 2)
    expect(results).to_contain_text("1 ")
    expect(page.get_by_label("Søg")).to_have_value("skabelon")
    assert_full_page(page, "Logbog")

    # A status change in place (no new history entry), then away and back.
    page.get_by_label("Status for Fælles skabelon").select_option("in_progress")
    page.get_by_role("button", name="Gem status").click()
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('i gang')")
    assert Entry.objects.get(pk=agreement.pk).status == AgreementStatus.IN_PROGRESS
    filtered = page.url
    page.get_by_role("link", name="Fælles skabelon").click()
    page.get_by_role("heading", name="Historik").wait_for()
    page.go_back()
    assert page.url == filtered
    assert_full_page(page, "Logbog")
    expect(results).to_contain_text("1 ")
    axe(page)
    page.go_forward()
    assert_full_page(page, "Fælles skabelon")
    assert page.console_errors == []


def _meeting(world):
    meeting = Meeting.objects.filter(series=make_series(world)).order_by("starts_at").first()
    AgendaItem.objects.create(meeting=meeting, position=1, title="Første punkt", duration_minutes=10)
    return meeting


def test_agenda_add_and_move_survive_back_and_forward(page, world, axe, sign_in):
    meeting = _meeting(world)
    sign_in(world.a.resource_person)
    page.goto("/meetings/")
    page.goto(meeting.get_absolute_url())
    heading = str(meeting)
    assert_full_page(page, heading)

    page.get_by_label("Titel").fill("Andet punkt")
    page.get_by_label("Tidsramme (minutter)").fill("15")
    page.get_by_role("button", name="Tilføj til dagsorden").click()
    page.get_by_text("25 af 60 minutter er planlagt.").wait_for()
    page.get_by_role("button", name="Op Andet punkt").click()
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('rækkefølge')")
    agenda = page.locator("#agenda ol.agenda > li h3")
    expect(agenda).to_have_text(["Andet punkt", "Første punkt"])

    page.go_back()
    assert_full_page(page, "Møder")
    axe(page)
    page.go_forward()
    assert_full_page(page, heading)
    axe(page)
    assert page.console_errors == []


def test_minutes_written_in_place_survive_back_and_forward(page, world, axe, sign_in):
    meeting = _meeting(world)
    start = timezone.now() - timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=1))
    meeting.refresh_from_db()
    sign_in(world.a.resource_person)
    page.goto("/meetings/")
    page.goto(meeting.get_absolute_url())
    heading = str(meeting)
    page.get_by_role("link", name="Skriv referat · Første punkt").click()
    page.get_by_label("Referat · Første punkt").fill("Vi deler skabelonen.")
    page.get_by_role("button", name="Gem referat").click()
    page.get_by_text("Vi deler skabelonen.").wait_for()

    page.go_back()
    assert_full_page(page, "Møder")
    page.go_forward()
    assert_full_page(page, heading)
    axe(page)
    assert page.console_errors == []


def test_circle_card_and_move_survive_back_and_forward(page, world, axe, sign_in):
    circle = circles.start_circle(
        LearningCircle(office=world.a.office, title="Hurtigere opfølgning", challenge="Tallene kommer sent"),
        world.a.resource_person,
    )
    sign_in(world.a.resource_person)
    page.goto(f"/logbook/{world.a.office.slug}/circles/")
    page.goto(circle.get_absolute_url())
    assert_full_page(page, "Hurtigere opfølgning")
    page.get_by_role("textbox", name="Noter").fill("Tre måneders målinger")
    page.get_by_role("button", name="Gem noter").click()
    page.get_by_text("Noterne er gemt.").first.wait_for()
    page.get_by_role("button", name="Gå videre til næste fase").click()
    page.get_by_text("I “Analyser data” fra i dag.").wait_for()

    page.go_back()
    assert_full_page(page, "Læringscirkler")
    page.go_forward()
    assert_full_page(page, "Hurtigere opfølgning")
    axe(page)
    assert page.console_errors == []


def test_visit_reflection_survives_back_and_forward(page, world, axe, sign_in):
    start = timezone.now() - timedelta(days=2)
    during = DateTimeTZRange(start, start + timedelta(minutes=30))
    visit = Visit.objects.create(
        office=world.a.office, host=world.a.chief, visitor=world.a.staff, during=during, topic="Prognoser"
    )
    for person in (world.a.chief, world.a.staff):
        VisitParticipant.objects.create(visit=visit, person=person, during=during)
    sign_in(world.a.staff)
    page.goto("/visits/")
    page.goto(visit.get_absolute_url())
    heading = page.locator("main h1").inner_text()
    page.get_by_label("Hvad jeg lærte").fill("Hvor prognosen kommer fra")
    page.get_by_role("button", name="Gem refleksion").click()
    page.get_by_text("Din refleksion er gemt.").first.wait_for()

    page.go_back()
    assert_full_page(page, "Besøg")
    page.go_forward()
    assert_full_page(page, heading)
    axe(page)
    assert page.console_errors == []
