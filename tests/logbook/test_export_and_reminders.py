import csv
import io
from datetime import date, timedelta
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from logbook.models import EntryKind, Reminder
from notifications.choices import Channel, Kind, choose
from tests.queue import deliver_queued

from .test_logbook import make_entry


def export_url(world, fmt):
    return reverse("logbook:entry-export", args=[world.a.office.slug, fmt])


def test_csv_export_has_danish_headers_and_the_filtered_rows(login, world):
    make_entry(world, title="=HYPERLINK(evil)", kind=EntryKind.AGREEMENT, responsible=[world.a.staff])
    make_entry(world, title="Aktivitet")
    response = login(world.a.staff).get(export_url(world, "csv"), {"kind": "agreement"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Dato", "Type", "Titel"]
    assert len(rows) == 2
    assert rows[1][2] == "'=HYPERLINK(evil)"  # formulas neutralised
    assert rows[1][5] == "a Staff"


def test_xlsx_export_in_english_for_english_readers(login, world):
    make_entry(world, title="Oplæg")
    world.a.staff.preferred_language = "en"
    client = login(world.a.staff)
    client.cookies["slf_language"] = "en"
    response = client.get(export_url(world, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == ["Date", "Kind", "Title"]
    assert sheet["C2"].value == "Oplæg"


def test_export_is_only_for_the_office(login, world):
    assert login(world.b.staff).get(export_url(world, "csv")).status_code == 404
    assert login(world.a.staff).get(export_url(world, "pdf")).status_code == 404


def test_reminders_are_sent_once_per_state_and_respect_choices(world):
    a = make_entry(
        world,
        title="Snart",
        kind=EntryKind.AGREEMENT,
        date=date(2026, 3, 1),
        due_date=date(2026, 3, 5),
        responsible=[world.a.staff, world.a.chief],
    )
    choose(world.a.chief, Kind.REMINDER, Channel.NEVER)
    with time_machine.travel(date(2026, 3, 2)):
        call_command("send_agreement_reminders", stdout=StringIO())
        call_command("send_agreement_reminders", stdout=StringIO())
    deliver_queued()
    assert [m.to for m in mail.outbox] == [[world.a.staff.email]]
    assert "Snart" in mail.outbox[0].subject
    with time_machine.travel(date(2026, 3, 6)):
        call_command("send_agreement_reminders", stdout=StringIO())
        call_command("send_agreement_reminders", stdout=StringIO())
    deliver_queued()
    assert len(mail.outbox) == 2
    assert set(Reminder.objects.filter(entry=a).values_list("kind", flat=True)) == {"due_soon", "overdue"}
    # A moved due date is a new state: remind again.
    a.due_date = date(2026, 3, 6) + timedelta(days=3)
    a.save()
    with time_machine.travel(date(2026, 3, 6)):
        call_command("send_agreement_reminders", stdout=StringIO())
    deliver_queued()
    assert len(mail.outbox) == 3


def test_kept_agreements_get_no_reminders(world):
    make_entry(world, kind=EntryKind.AGREEMENT, status="kept", responsible=[world.a.staff])
    with time_machine.travel(date(2026, 4, 5)):
        call_command("send_agreement_reminders", stdout=StringIO())
    assert deliver_queued() == 0
    assert mail.outbox == []
