from datetime import timedelta

import pytest
from django.utils import timezone

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import Meeting, MeetingSeries, MeetingStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def test_chief_changes_the_period_and_opens_an_overdue_agreement(page, world, axe, sign_in, progress_data):
    sign_in(world.a.chief)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fremdrift").click()
    page.get_by_role("heading", name="Fremdrift i Budget og Regnskab", level=1).wait_for()
    page.get_by_role("heading", name="Mødedisciplin", level=2).wait_for()
    axe(page)

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
