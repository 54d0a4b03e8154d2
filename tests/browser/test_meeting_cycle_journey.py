"""The whole meeting cycle in a browser: series, agenda, circulation, comments, proposals, attendance, minutes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaComment, Meeting, MeetingSeries, MeetingStatus, TopicProposal
from tests.factories import PASSWORD
from tests.meetings.test_views import make_series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _into_the_past(meeting):
    start = timezone.now() - timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(hours=1))


def test_series_agenda_comments_minutes_and_publishing(page, browser, live_server, world, axe, sign_in):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(world.a.resource_person)
    page.goto(reverse("meetings:office-meetings", args=[world.a.office.slug]))
    page.get_by_role("link", name="Ny mødeserie").click()
    axe(page)
    page.locator("#id_title").fill("Månedligt SLF-møde")
    page.locator("#id_frequency").select_option("monthly_weekday")
    page.locator("#id_start_date").fill((timezone.localdate() + timedelta(days=1)).isoformat())
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_duration_minutes").fill("60")
    page.get_by_label("ressourceperson").check()
    page.get_by_label("medarbejder").check()
    page.get_by_role("button", name="Opret serie").click()
    page.get_by_role("heading", name="Månedligt SLF-møde", level=1).wait_for()
    axe(page)
    series = MeetingSeries.objects.get(title="Månedligt SLF-møde")
    meeting = Meeting.objects.filter(series=series).order_by("starts_at").first()

    page.goto(meeting.get_absolute_url())
    for title, minutes in (("Åben praksis: hvad så vi?", "20"), ("Øvelse: hvem ved hvad", "25")):
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Tidsramme (minutter)").fill(minutes)
        page.get_by_role("button", name="Tilføj til dagsorden").click()
        page.locator("#agenda").get_by_role("heading", name=title, exact=True).wait_for()
    page.get_by_text("45 af 60 minutter er planlagt.").wait_for()
    page.get_by_role("link", name="Rediger Øvelse: hvem ved hvad").click()
    exercise = meeting.agenda_items.get(title="Øvelse: hvem ved hvad")
    page.locator(f"#id_item-{exercise.pk}-duration_minutes").fill("30")
    page.get_by_role("button", name="Gem punkt").click()
    page.get_by_text("50 af 60 minutter er planlagt.").wait_for()
    assert page.locator("#agenda #agenda").count() == 0
    page.get_by_role("button", name="Send dagsordenen ud").click()
    page.get_by_text("Dagsordenen sendes til").wait_for()
    axe(page)

    # A staff member comments on an item and proposes a topic, in their own browser.
    staff_context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    staff_context.set_default_timeout(10_000)
    staff = staff_context.new_page()
    sign_in(world.a.staff, PASSWORD, staff)
    staff.goto(meeting.get_absolute_url())
    item = meeting.agenda_items.get(title="Åben praksis: hvad så vi?")
    staff.locator(f"#id_comment-{item.pk}-text").fill("Kan vi se på lønrefusionerne?")
    staff.get_by_role("button", name="Kommentér · Åben praksis: hvad så vi?").click()
    staff.locator(f"#comments-{item.pk}").get_by_text("Kan vi se på lønrefusionerne?").wait_for()
    assert AgendaComment.objects.filter(item=item).count() == 1
    staff.get_by_text("Foreslå et emne", exact=True).click()
    staff.locator("#id_proposal-title").fill("Ting vi kæmper med: årsafslutning")
    staff.get_by_role("button", name="Foreslå emne").click()
    staff.get_by_text("Tak. Dit emne står nu på listen over forslag.").wait_for()
    axe(staff)
    assert TopicProposal.objects.filter(series=series).count() == 1

    # The meeting is held: attendance, minutes in place, publish.
    _into_the_past(meeting)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Registrér fremmøde").click()
    page.get_by_role("group", name=world.a.staff.full_name).get_by_label("Til stede").check()
    page.get_by_role("button", name="Gem fremmøde").click()
    page.get_by_text("Fremmøde gemt: 1 til stede.").wait_for()
    page.get_by_role("link", name="Skriv referat · Åben praksis: hvad så vi?").click()
    page.get_by_label("Referat · Åben praksis: hvad så vi?").fill("Vi så tre gode eksempler på åben praksis.")
    page.get_by_role("button", name="Gem referat").click()
    page.wait_for_function("() => document.getElementById('live-region').textContent.includes('Referatet er gemt')")
    page.get_by_text("Vi så tre gode eksempler på åben praksis.").wait_for()
    axe(page)
    page.get_by_role("button", name="Offentliggør referatet").click()
    page.get_by_text("Referatet er offentliggjort").wait_for()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.MINUTES_PUBLISHED

    # The staff member reads the minutes.
    staff.goto(meeting.get_absolute_url())
    staff.get_by_role("link", name="Referat (udskriv)").click()
    staff.get_by_text("Vi så tre gode eksempler på åben praksis.").wait_for()
    axe(staff)
    staff_context.close()
    assert page.console_errors == []


def test_agenda_item_edit_and_minutes_without_javascript(no_js_page, world):
    meeting = Meeting.objects.filter(series=make_series(world)).order_by("starts_at").first()
    meeting.agenda_items.create(position=1, title="Budgetopfølgning", duration_minutes=15)
    page = no_js_page
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadresse").fill(world.a.resource_person.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Rediger Budgetopfølgning").click()
    page.locator(f"#id_item-{meeting.agenda_items.get().pk}-title").fill("Budgetopfølgning, 3. kvartal")
    page.get_by_role("button", name="Gem punkt").click()
    page.get_by_text("“Budgetopfølgning, 3. kvartal” er gemt.").wait_for()

    _into_the_past(meeting)
    page.reload()
    page.get_by_role("link", name="Skriv referat · Budgetopfølgning, 3. kvartal").click()
    page.get_by_role("textbox", name="Referat · Budgetopfølgning, 3. kvartal").fill("Prognosen holder.")
    page.get_by_role("button", name="Gem referat").click()
    page.get_by_text("Referatet er gemt.").wait_for()
    page.get_by_text("Prognosen holder.").wait_for()
    assert meeting.agenda_items.get().minutes == "Prognosen holder."
