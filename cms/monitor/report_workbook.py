"""The quarterly report as an XLSX file, for machines: the same content as the PDF with raw
numbers in numeric cells (their display set by number formats), dates as date cells, targets as
numbers on a sheet of their own, and text quoted against formula injection (the pipeline
report's sheet helper)."""

import io

from django.utils.translation import gettext, pgettext
from openpyxl import Workbook

from cms.pipeline.workbook import add_sheet, cell
from registry.models.indicator import Indicator

from .report import QuarterlyReport, status_label

Unit = Indicator.Unit
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
NUMBER_FORMATS = {
    Unit.COUNT: "#,##0",
    Unit.PEOPLE: "#,##0",
    Unit.YES_NO: "0",
    Unit.INDEX: "0.000",
}
DECIMAL = "#,##0.0##"


def summary_sheet(book: Workbook, report: QuarterlyReport) -> None:
    sheet = add_sheet(
        book, pgettext("quarterly report", "Report"), [gettext("Figure"), gettext("Value")], []
    )
    quarter = report.quarter
    rows = [
        (pgettext("quarterly report", "Agency"), report.agency, None),
        (pgettext("quarterly report", "Quarter"), str(quarter), None),
        (gettext("From"), quarter.start, DATE),
        (gettext("To"), quarter.end, DATE),
        (
            pgettext("quarterly report", "Generated at"),
            report.generated_at.replace(tzinfo=None),
            DATETIME,
        ),
        (pgettext("quarterly report", "Indicators"), len(report.indicators), "0"),
        (pgettext("quarterly report", "New investors"), len(report.new_investors), "0"),
        (pgettext("quarterly report", "Inquiries won"), len(report.inquiries_won), "0"),
    ]
    for label, value, number_format in rows:
        sheet.append([cell(label), cell(value)])
        if number_format:
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    sheet.column_dimensions["B"].width = 40


def indicators_sheet(book: Workbook, report: QuarterlyReport) -> None:
    trend = [
        gettext("Value at the end of %(quarter)s") % {"quarter": q} for q in report.trend_quarters
    ]
    header = [
        pgettext("quarterly report", "Code"),
        pgettext("quarterly report", "Indicator"),
        pgettext("quarterly report", "Theme"),
        pgettext("quarterly report", "How it is obtained"),
        pgettext("quarterly report", "Unit"),
        gettext("Value"),
        pgettext("quarterly report", "As of"),
        gettext("Status"),
        *trend,
        pgettext("quarterly report", "Records counted"),
        pgettext("quarterly report", "Records with the value unknown"),
        gettext("Source"),
    ]
    rows = [
        [
            r.indicator.code,
            r.name,
            r.theme,
            str(r.indicator.get_origin_display()),
            r.unit,
            r.value.value,
            r.value.as_of,
            status_label(r.status),
            *(v.value for v in r.trend),
            r.value.records_counted,
            r.value.records_unknown,
            r.value.source,
        ]
        for r in report.indicators
    ]
    sheet = add_sheet(
        book, pgettext("quarterly report", "Indicators"), header, rows, formats=[(7, DATE)]
    )
    value_columns = [6, *range(9, 9 + len(trend))]
    for row_number, row in enumerate(report.indicators, start=2):
        for column in value_columns:
            sheet.cell(row=row_number, column=column).number_format = NUMBER_FORMATS.get(
                row.unit, DECIMAL
            )
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 50


def targets_sheet(book: Workbook, report: QuarterlyReport) -> None:
    header = [
        pgettext("quarterly report", "Code"),
        pgettext("quarterly report", "Target year"),
        pgettext("quarterly report", "Comparison"),
        pgettext("quarterly report", "Target value"),
        pgettext("quarterly report", "Upper end of the range"),
    ]
    rows = [
        [r.indicator.code, t.year, t.comparison, t.value, t.value_max]
        for r in report.indicators
        for t in r.targets
    ]
    add_sheet(book, pgettext("quarterly report", "Targets"), header, rows)


def investors_sheet(book: Workbook, report: QuarterlyReport) -> None:
    header = [
        gettext("Enterprise"),
        pgettext("quarterly report", "Reference"),
        gettext("Ownership"),
        pgettext("quarterly report", "Country of origin"),
        gettext("Zone"),
        gettext("Technologies"),
        pgettext("quarterly report", "Published on"),
    ]
    rows = [
        [
            n.name,
            n.ref,
            n.ownership,
            n.origin_country,
            n.zone,
            ", ".join(n.technologies),
            n.published_on,
        ]
        for n in report.new_investors
    ]
    add_sheet(
        book, pgettext("quarterly report", "New investors"), header, rows, formats=[(7, DATE)]
    )


def inquiries_sheet(book: Workbook, report: QuarterlyReport) -> None:
    header = [
        pgettext("quarterly report", "Inquiry no."),
        pgettext("quarterly report", "About"),
        pgettext("quarterly report", "Record kind"),
        gettext("Sectors"),
        gettext("Zone"),
        pgettext("quarterly report", "Investor's country"),
        pgettext("quarterly report", "Received on"),
        pgettext("quarterly report", "Won on"),
    ]
    rows = [
        [
            w.number,
            w.record_name,
            w.record_kind,
            ", ".join(w.sectors),
            w.zone,
            w.country,
            w.received_on,
            w.won_on,
        ]
        for w in report.inquiries_won
    ]
    sheet = add_sheet(
        book,
        pgettext("quarterly report", "Inquiries won"),
        header,
        rows,
        formats=[(7, DATE), (8, DATE)],
    )
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 40


def report_workbook(report: QuarterlyReport) -> bytes:
    """The XLSX file; call it with the report's language active (sheet names, headings)."""
    book = Workbook()
    book.remove(book.active)
    summary_sheet(book, report)
    indicators_sheet(book, report)
    targets_sheet(book, report)
    investors_sheet(book, report)
    inquiries_sheet(book, report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
