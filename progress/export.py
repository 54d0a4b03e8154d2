"""XLSX export of the progress pages: one sheet per section, headers in the reader's language."""

from django.utils.translation import gettext as _
from openpyxl import Workbook

from slf.spreadsheets import write_sheet


def _sheet(workbook, title: str, headers: list[str], rows: list[list]):
    sheet = workbook.create_sheet(title[:31])
    write_sheet(sheet, headers, rows)
    return sheet


def _figures_rows(table: list[dict]) -> list[list]:
    return [[f["label"], f["value"], f["previous"] if f["compare"] else None, f["unit"]] for f in table]


def _period_sheet(workbook, context, name: str):
    period, previous = context["period"], context["previous"]
    _sheet(
        workbook,
        _("Period"),
        [_("Progress"), _("From"), _("To")],
        [
            [name, None, None],
            [_("This period"), period.start, period.end],
            [_("Previous period"), previous.start, previous.end],
        ],
    )


def _figure_headers():
    return [_("Figure"), _("This period"), _("Previous period"), _("Unit")]


def office_workbook(context) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _period_sheet(workbook, context, context["office"].name)
    if context["full"]:
        _sheet(workbook, _("Rhythm kept"), _figure_headers(), _figures_rows(context["rhythm_table"]))
        _sheet(
            workbook,
            _("Meeting series"),
            [
                _("Meeting series"),
                _("Planned"),
                _("Held"),
                _("Cancelled"),
                _("Agenda circulated before (%)"),
                _("Minutes on time (%)"),
                _("Attendance (%)"),
            ],
            [
                [
                    r["title"],
                    r["planned"],
                    r["held"],
                    r["cancelled"],
                    r["agenda_pct"],
                    r["minutes_pct"],
                    r["attendance_pct"],
                ]
                for r in context["rhythm_rows"]
            ],
        )
    _sheet(workbook, _("Agreements"), _figure_headers(), _figures_rows(context["agreements_table"]))
    _sheet(
        workbook,
        _("Overdue agreements"),
        [_("Agreement"), _("Due date"), _("Days overdue"), _("Responsible")],
        [[a["title"], a["due_date"], a["days_overdue"], ", ".join(a["people"])] for a in context["overdue"]],
    )
    if not context["full"]:
        _sheet(workbook, _("My visits"), _figure_headers(), _figures_rows(context["my_visits_table"]))
        return workbook
    _sheet(
        workbook,
        _("Learning circles"),
        [_("Learning circle"), _("Phase"), _("Days in phase"), _("Loop"), _("Last record"), _("Stuck")],
        [
            [
                c["title"],
                c["phase__name"],
                c["days_in_phase"],
                c["loop"],
                c["last_record"],
                _("yes") if c["stuck"] else _("no"),
            ]
            for c in context["circle_rows"]
        ],
    )
    _sheet(workbook, _("Visits"), _figure_headers(), _figures_rows(context["visits_table"]))
    _sheet(
        workbook,
        _("Visits per section"),
        [_("Section"), _("Members"), _("Visited a colleague"), _("Share (%)"), _("Previous period (%)")],
        [
            [s["section__name"] or _("No section"), s["members"], s["visited"], s["visited_pct"], s["visited_pct_prev"]]
            for s in context["visit_sections"]
        ],
    )
    _sheet(
        workbook,
        _("Headings"),
        [_("SLF heading"), _("Month"), _("Entries"), _("Agreements")],
        [[h["name"], m["month"], m["entries"], m["agreements"]] for h in context["heading_rows"] for m in h["months"]],
    )
    return workbook


def administration_workbook(context) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _period_sheet(workbook, context, context["administration"].name)
    _sheet(
        workbook,
        _("Offices"),
        [_("Office"), *[label for _key, label, _unit in context["columns"]]],
        [[r["office"].name, *[value for _key, value, _unit in r["cells"]]] for r in context["rows"]],
    )
    _sheet(
        workbook,
        _("Cross-office meetings"),
        [_("Meeting series"), _("Planned"), _("Held"), _("Cancelled"), _("Attendance (%)")],
        [[r["title"], r["planned"], r["held"], r["cancelled"], r["attendance_pct"]] for r in context["cross_office"]],
    )
    return workbook
