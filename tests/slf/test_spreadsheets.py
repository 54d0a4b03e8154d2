"""XLSX exports people can read: local times, dates as dates in the reader's format, a frozen header, wide columns."""

import io
from datetime import UTC, date, datetime

from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from logbook.models import EntryKind
from slf.spreadsheets import write_sheet
from tests.logbook.test_logbook import make_entry


def _read(content):
    return load_workbook(io.BytesIO(content))


def test_times_are_written_as_copenhagen_wall_clock_times_without_a_zone():
    book = Workbook()
    sheet = book.active
    with translation.override("da"):
        write_sheet(
            sheet,
            ["Hvornår", "Dato"],
            [
                [datetime(2026, 7, 1, 7, 30, tzinfo=UTC), date(2026, 12, 3)],  # summer: UTC+2
                [datetime(2026, 1, 15, 7, 30, tzinfo=UTC), None],  # winter: UTC+1
            ],
        )
    out = io.BytesIO()
    book.save(out)
    sheet = _read(out.getvalue()).active
    assert sheet["A2"].value == datetime(2026, 7, 1, 9, 30)
    assert sheet["A3"].value == datetime(2026, 1, 15, 8, 30)
    assert sheet["A2"].number_format == "dd.mm.yyyy hh:mm"
    assert sheet["B2"].is_date and sheet["B2"].number_format == "dd.mm.yyyy"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b


def test_logbook_xlsx_has_dates_as_dates_a_frozen_header_and_readable_columns(login, world):
    make_entry(
        world,
        title="Aftale om budgetopfølgning",
        kind=EntryKind.AGREEMENT,
        date=date(2026, 3, 2),
        due_date=date(2026, 4, 1),
        responsible=[world.a.staff],
    )
    response = login(world.a.staff).get(reverse("logbook:entry-export", args=[world.a.office.slug, "xlsx"]))
    sheet = _read(response.content).active
    assert [c.value for c in sheet[1]][:3] == ["Dato", "Type", "Titel"]
    assert sheet["A2"].is_date and sheet["A2"].value.date() == date(2026, 3, 2)
    assert sheet["G2"].value.date() == date(2026, 4, 1)  # due date
    assert sheet["A2"].number_format == "dd.mm.yyyy"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 40 and sheet.column_dimensions["I"].width >= 60


def test_progress_xlsx_sheets_freeze_their_headers_and_fit_their_text(login, world):
    response = login(world.a.chief).get(reverse("progress:office-export", args=[world.a.office.slug]))
    book = _read(response.content)
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)
    period = book.worksheets[0]
    assert period["B3"].is_date and period["B3"].number_format == "dd.mm.yyyy"
    # The first column is as wide as its longest text (the office's name, "Forrige periode"...).
    longest = max(len(str(c.value or "")) for c in period["A"])
    assert period.column_dimensions["A"].width >= longest
