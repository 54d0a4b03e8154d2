"""Shared pieces of the CSV and XLSX exports."""

import io

from django.http import HttpResponse

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
