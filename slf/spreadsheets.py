"""Shared pieces of the CSV and XLSX exports."""

import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

from slf.dates import local_format

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_safe(value):
    """Neutralise spreadsheet formulas in user text (CSV/formula injection); other values pass unchanged."""
    if isinstance(value, str) and value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def xlsx_response(workbook, filename: str) -> HttpResponse:
    """The workbook as a download named ``filename.xlsx``."""
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def excel_value(value):
    """A value as Excel wants it: times local (Europe/Copenhagen) and naive, text made formula-safe."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return cell_safe(value)


def _number_format(value) -> str | None:
    if isinstance(value, datetime):
        return local_format("XLSX_DATETIME_FORMAT")
    if isinstance(value, date):
        return local_format("XLSX_DATE_FORMAT")
    return None


def _width(value) -> int:
    if isinstance(value, datetime):
        return 17
    if isinstance(value, date):
        return 12
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_sheet(sheet, headers: list, rows, widths: list[int] | None = None) -> None:
    """Headers in bold and frozen, dates as dates in the reader's format, columns wide enough to read.

    ``widths`` (characters per column) is needed for a write-only sheet, which cannot be measured
    before its rows are written; otherwise the widths come from the headers and the values (8 to 60).
    """
    from openpyxl.cell import WriteOnlyCell  # openpyxl is imported where a workbook is made, not at start-up
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    write_only = not hasattr(sheet, "cell")
    rows = rows if write_only else [list(row) for row in rows]
    if widths is None:
        widths = [len(str(h)) + 2 for h in headers]
        for row in rows:
            for i, value in enumerate(row[: len(widths)]):
                widths[i] = max(widths[i], _width(value) + 2)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(8, min(width, 60))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    if write_only:
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, str(header))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
    else:
        sheet.append([str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = bold
    for row in rows:
        values = [excel_value(v) for v in row]
        if write_only:
            sheet.append([_write_only_cell(sheet, v) for v in values])
            continue
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if fmt := _number_format(cell.value):
                cell.number_format = fmt


def _write_only_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    fmt = _number_format(value)
    if not fmt:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = fmt
    return cell
