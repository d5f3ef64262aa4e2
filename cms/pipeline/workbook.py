"""The pipeline report as an XLSX file: a summary sheet, then one sheet per breakdown. Numbers
are numeric cells (durations in days, rates as fractions shown as percentages), dates are date
cells, and names are text quoted against formula injection like the open-data spreadsheets."""

import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font

from registry.interchange.spreadsheet import quote_text

from .report import Group, Pipeline

DAY_SECONDS = 86400
PERCENT = "0.0%"
DAYS = "0.00"


def days(group: Group) -> float | None:
    wait = group.median_first_contact
    return round(wait.total_seconds() / DAY_SECONDS, 4) if wait is not None else None


def cell(value):
    return quote_text(value) if isinstance(value, str) else value


def add_sheet(book: Workbook, title: str, header: list[str], rows, formats=()):
    sheet = book.create_sheet(title[:31])
    sheet.append([cell(h) for h in header])
    for name in sheet[1]:
        name.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(v) for v in row])
    for column, number_format in formats:
        for (value,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            value.number_format = number_format
    sheet.column_dimensions["A"].width = 40
    return sheet


def summary_rows(report: Pipeline) -> list[tuple[str, object, str]]:
    total = report.total
    return [
        (gettext("From"), report.start, "yyyy-mm-dd"),
        (gettext("To"), report.end, "yyyy-mm-dd"),
        (gettext("Inquiries received"), total.received, "0"),
        (gettext("Contacted"), total.contacted, "0"),
        (gettext("Median time to first contact (days)"), days(total), DAYS),
        (gettext("Reached a site visit"), total.site_visit_rate, PERCENT),
        (gettext("Won"), total.won_rate, PERCENT),
    ]


def pipeline_workbook(report: Pipeline) -> bytes:
    book = Workbook()
    book.remove(book.active)
    summary = add_sheet(book, gettext("Summary"), [gettext("Figure"), gettext("Value")], [])
    for label, value, number_format in summary_rows(report):
        summary.append([cell(label), value])
        summary.cell(row=summary.max_row, column=2).number_format = number_format
    count = gettext("Inquiries")
    for title, heading, rows in (
        (gettext("By status"), gettext("Status"), report.by_status),
        (gettext("By country"), gettext("Country"), report.by_country),
        (gettext("By sector"), gettext("Sector"), report.by_sector),
        (gettext("By zone"), gettext("Zone"), report.by_zone),
    ):
        add_sheet(book, title, [heading, count], rows)
    add_sheet(
        book,
        gettext("By officer"),
        [
            gettext("Officer"),
            gettext("Inquiries received"),
            gettext("Contacted"),
            gettext("Median time to first contact (days)"),
            gettext("Reached a site visit"),
            gettext("Won"),
        ],
        [
            (name, g.received, g.contacted, days(g), g.site_visits, g.won)
            for name, g in report.by_officer
        ],
        formats=[(4, DAYS)],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
