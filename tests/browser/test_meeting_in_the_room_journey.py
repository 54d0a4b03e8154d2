"""Issue 14's "Done when": the whole loop of a meeting in the room, meeting → agreement → minutes → Follow-up.

A resource person opens the meeting in progress, writes minutes on item 2, adds two agreements there while the
minutes are unsaved, reloads and finds the minutes still there, records attendance with "Everyone present" and one
excused, publishes; the staff member reads the minutes with both agreements under item 2 and downloads the PDF,
which holds them; at the next meeting the resource person finds those agreements and an overdue agreement from
another series in Follow-up and marks one kept: the select shows "Holdt". Once more without JavaScript for the
agreements and attendance. axe on every page; screenshots at 1366x768 and 390x844 in /tmp/shots/.
"""

import io
import os
from datetime import timedelta

import pytest
from django.utils import timezone

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import AgendaItem, Attendance, Meeting, MeetingSeries, MeetingStatus
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
MINUTES = "Vi gennemgik aftalerne fra sidste møde og talte om fælles skabeloner."
FIRST, SECOND = "Skabelon til sagsgennemgang", "Fælles mappe til skabeloner"


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial", full_page=True)


def _world(world):
    """The SLF meeting in progress (started 20 minutes ago), the series' next meeting in two weeks, and an
    overdue agreement from an office meeting (another series) in the logbook."""
    slf = MeetingSeries.objects.create(office=world.a.office, title="SLF-møde", start_date=timezone.localdate())
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=20)
    meeting = Meeting.objects.create(
        series=slf, starts_at=starts, ends_at=starts + timedelta(minutes=90), status=MeetingStatus.IN_PROGRESS
    )
    Meeting.objects.create(
        series=slf, starts_at=starts + timedelta(days=14), ends_at=starts + timedelta(days=14, hours=1)
    )
    for position, title in enumerate(["Velkomst", "Opfølgning på aftaler", "Næste møde"], start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title, duration_minutes=15)
    office_series = MeetingSeries.objects.create(
        office=world.a.office, title="Kontormøde", start_date=timezone.localdate() - timedelta(days=30)
    )
    office_meeting = Meeting.objects.create(
        series=office_series,
        starts_at=starts - timedelta(days=20),
        ends_at=starts - timedelta(days=20, hours=-1),
        status=MeetingStatus.HELD,
    )
    overdue = Entry.objects.create(
        office=world.a.office,
        author=world.a.chief,
        kind=EntryKind.AGREEMENT,
        title="Opdater telefonlisten",
        date=timezone.localdate() - timedelta(days=20),
        due_date=timezone.localdate() - timedelta(days=3),
        status=AgreementStatus.OPEN,
        meeting=office_meeting,
    )
    overdue.responsible.set([world.a.section_leader])
    return meeting, meeting.agenda_items.get(position=2), overdue


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadresse").fill(user.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")


def _open_minutes(page, item):
    page.get_by_role("button", name=f"Skriv referat · {item.title}").or_(
        page.get_by_role("link", name=f"Skriv referat · {item.title}")
    ).click()
    return page.locator(f"#agenda-item-{item.pk} textarea[name=text]")


def _add(page, item, title, due, person):
    block = page.locator(f"#agreements-item-{item.pk}")
    page.locator(f"#id_item-{item.pk}-title").fill(title)
    page.locator(f"#id_item-{item.pk}-due_date").fill(due)
    block.get_by_label(person.full_name).check()
    block.get_by_role("button", name=f"Tilføj · {item.title}").click()


def _attendance(page, meeting, excused, axe=None):
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    page.locator("button[name=all_present]").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/attendance/")
    page.locator(f"#a-{excused.pk}-excused").check()
    if axe:
        axe(page)
    page.get_by_role("button", name="Gem fremmøde").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")


def test_a_meeting_in_the_room_from_minutes_to_follow_up(browser, live_server, page, world, axe, sign_in):
    from pypdf import PdfReader

    meeting, item, overdue = _world(world)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    page.on("dialog", lambda dialog: dialog.accept())  # the leave warning on reload, the publish confirmation
    sign_in(world.a.resource_person)
    page.set_viewport_size(LAPTOP)

    # Minutes on item 2, two agreements there while the minutes are unsaved.
    page.goto(meeting.get_absolute_url())
    axe(page)
    minutes = _open_minutes(page, item)
    minutes.press_sequentially(MINUTES)
    page.locator(f"#agenda-item-{item.pk}").get_by_text("Kladde gemt").wait_for()
    page.locator(f"#agreements-item-{item.pk} summary").click()
    _add(page, item, FIRST, due, world.a.staff)
    page.locator(f"#agreements-item-{item.pk}").get_by_text(f"Aftale tilføjet: “{FIRST}”").wait_for()
    _add(page, item, SECOND, due, world.a.chief)
    page.locator(f"#agreements-item-{item.pk}").get_by_text(f"Aftale tilføjet: “{SECOND}”").wait_for()
    assert minutes.input_value() == MINUTES
    assert AgendaItem.objects.get(pk=item.pk).minutes == ""
    axe(page)

    # A reload: the minutes text is still there (the server's draft), then saved.
    page.reload()
    page.locator(f"#agenda-item-{item.pk}").get_by_text("Du har en ikke-gemt kladde fra").wait_for()
    minutes = _open_minutes(page, item)
    assert minutes.input_value() == MINUTES
    axe(page)
    page.locator(f"#agenda-item-{item.pk}").get_by_role("button", name="Gem referat").click()
    page.locator(f"#agenda-item-{item.pk} .minutes-text").get_by_text(MINUTES).wait_for()
    assert AgendaItem.objects.get(pk=item.pk).minutes == MINUTES

    # Attendance: everyone present, then one excused.
    _attendance(page, meeting, excused=world.a.staff, axe=axe)
    assert Attendance.objects.get(meeting=meeting, person=world.a.staff).status == "excused"
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == len(world.a.people()) - 1
    axe(page)

    # Publish.
    page.locator("form[action$='/minutes/publish/'] button[type=submit]").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.MINUTES_PUBLISHED
    axe(page)

    # The staff member reads the minutes: both agreements under item 2; downloads the PDF, which holds them.
    staff_context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    staff = staff_context.new_page()
    staff.set_default_timeout(10_000)
    _sign_in(staff, world.a.staff)
    staff.set_viewport_size(LAPTOP)
    staff.goto(f"/meetings/{meeting.pk}/minutes/")
    under_item = staff.locator(f"#minutes-item-{item.pk}")
    under_item.get_by_text(FIRST).wait_for()
    under_item.get_by_text(SECOND).wait_for()
    under_item.get_by_text(MINUTES).wait_for()
    assert "Afbud (1)" in staff.locator(".attendance-groups").inner_text()
    axe(staff)
    _shot(staff, "journey-minutes-1366")
    staff.set_viewport_size(PHONE)
    axe(staff)
    _shot(staff, "journey-minutes-390")
    with staff.expect_download() as download:
        staff.get_by_role("link", name="Hent som PDF (PDF/A)").click()
    reader = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115 - a temporary file
    text = " ".join(p.extract_text() for p in reader.pages)
    assert FIRST in text and SECOND in text and "Opfølgning på aftaler" in text
    staff_context.close()

    # The next meeting: Follow-up brings back both agreements and the other series' overdue one; one is kept.
    following = Meeting.objects.filter(series=meeting.series, starts_at__gt=meeting.starts_at).get()
    page.goto(following.get_absolute_url() + "#followup")
    followup = page.locator("#followup")
    for title in (FIRST, SECOND, overdue.title):
        followup.get_by_role("link", name=title).wait_for()
    counts = followup.locator("#followup-counts")
    assert counts.inner_text() == "3 åbne aftaler, 1 overskredet"
    axe(page)
    kept = Entry.objects.get(title=FIRST)
    row = page.locator(f"#entry-{kept.pk}")
    row.locator("select[name=status]").select_option("kept")
    row.get_by_role("button", name="Gem status").click()
    page.locator(f"#entry-{kept.pk} .row-message").get_by_text("er nu holdt").wait_for()
    selected = page.locator(f"#status-{kept.pk} option:checked")
    assert selected.inner_text() == "Holdt"
    page.wait_for_function("() => document.getElementById('followup-counts').textContent.startsWith('2 åbne')")
    assert Entry.objects.get(pk=kept.pk).status == AgreementStatus.KEPT
    axe(page)
    page.locator("#followup").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/journey-followup-1366.png", caret="initial")
    page.set_viewport_size(PHONE)
    axe(page)
    page.locator(f"#entry-{kept.pk}").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/journey-followup-390.png", caret="initial")
    assert page.console_errors == []


def test_the_agreements_and_attendance_without_javascript(no_js_page, world, sign_in):
    # No axe here: it runs as a script, and these pages are checked with JavaScript above.
    page = no_js_page
    meeting, item, _overdue = _world(world)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    sign_in(world.a.resource_person, target=page)
    page.set_viewport_size(LAPTOP)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name=f"Skriv referat · {item.title}").click()  # the item's minutes page
    minutes = page.locator("textarea[name=text]")
    minutes.fill(MINUTES)  # typed, not saved: "Add" saves it with the agreement
    _add(page, item, FIRST, due, world.a.staff)
    page.get_by_text(f"Aftale tilføjet: “{FIRST}”").wait_for()
    assert page.locator("textarea[name=text]").input_value() == MINUTES
    _add(page, item, SECOND, due, world.a.chief)
    page.get_by_text(f"Aftale tilføjet: “{SECOND}”").wait_for()
    assert AgendaItem.objects.get(pk=item.pk).minutes == MINUTES
    assert sorted(Entry.objects.filter(agenda_item=item).values_list("title", flat=True)) == sorted([FIRST, SECOND])
    _attendance(page, meeting, excused=world.a.staff)
    assert Attendance.objects.get(meeting=meeting, person=world.a.staff).status == "excused"
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == len(world.a.people()) - 1
    # The Follow-up's filter is a plain GET form too.
    following = Meeting.objects.filter(series=meeting.series, starts_at__gt=meeting.starts_at).get()
    page.goto(following.get_absolute_url())
    page.locator("#id_fu-overdue").check()
    page.locator("#followup").get_by_role("button", name="Vis").click()
    page.wait_for_url("**fu-overdue=on**")
    assert "Opdater telefonlisten" in page.locator("#followup").inner_text()
    assert FIRST not in page.locator("#followup .followup-list").inner_text()
