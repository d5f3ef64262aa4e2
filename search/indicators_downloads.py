"""The indicators as spreadsheets: CSV (comma, or semicolon for a Vietnamese locale) and XLSX.

The list is one row per indicator and target (an indicator without a target has one row, its
target cells empty): every cell holds one typed value, so a spreadsheet can filter the 2030
targets or set the value beside its target, which targets joined into one text would not allow.
The history is one row per dated value. Texts a spreadsheet would run as a formula are quoted
as in the records' export (`quote_text`); numbers stay numbers, dates are ISO (CSV) or date
cells (XLSX). The workbook starts with a README sheet: source, licence and each column's
meaning, in Vietnamese and English."""

import csv
import datetime as dt
import io

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from registry import indicators
from registry.interchange.spreadsheet import CSV_DELIMITERS, quote_text
from registry.interchange.workbook import DATE_FORMAT, MAX_CELL_TEXT, NOT_XML, XLSX_CONTENT_TYPE
from registry.language import localized
from registry.numbers import plain_number

FORMATS = (*CSV_DELIMITERS, "xlsx")
BOLD = Font(bold=True)

# Each column: its header (the API's key) and its meaning, for the README sheet.
LIST_COLUMNS = {
    "code": _("Stable key of the indicator (as in the API)."),
    "name": _("Name of the indicator."),
    "theme": _("Theme of the plan the indicator belongs to."),
    "unit": _(
        "Unit: count, percent, percent_per_year, per_10k (per 10,000 inhabitants), people, "
        "yes_no (1 or 0), index."
    ),
    "direction": _("higher or lower: which way is better."),
    "origin": _("registry: computed from the published records; agency: reported by the agency."),
    "value": _("Current value (empty: no data yet)."),
    "as_of": _("Date the value describes (YYYY-MM-DD)."),
    "status": _("on_track, behind or no_data, against the path to the target."),
    "source": _("Where the value comes from."),
    "records_counted": _("Records the computation counted (registry indicators)."),
    "records_unknown": _("Records left out because the value is unknown (registry indicators)."),
    "target_year": _("Year of the target (one row per target)."),
    "target_comparison": _("gte (at least), gt (more than), lte, lt, between or eq."),
    "target_value": _("Target value (the lower end of a range)."),
    "target_value_max": _("Upper end of a range (between only)."),
}
HISTORY_COLUMNS = {
    "code": LIST_COLUMNS["code"],
    "as_of": LIST_COLUMNS["as_of"],
    "value": _("The value on that date."),
    "source": LIST_COLUMNS["source"],
    "records_counted": LIST_COLUMNS["records_counted"],
    "records_unknown": LIST_COLUMNS["records_unknown"],
}
LIST_SHEET, HISTORY_SHEET, README_SHEET = "indicators", "history", "README"


def sorted_targets(indicator) -> list:
    return sorted(indicator.targets.all(), key=lambda t: (t.year, t.sort_order or 0))


def history_json(indicator) -> list[dict]:
    """The indicator's dated values, oldest first, as the API gives them."""
    return [
        {
            "as_of": point.as_of.isoformat(),
            "value": point.value,
            "source": point.source,
            "records_counted": point.records_counted,
            "records_unknown": point.records_unknown,
        }
        for point in indicators.history(indicator)
    ]


def list_rows(readings: list[indicators.Reading], lang: str) -> list[list]:
    rows = []
    for reading in readings:
        indicator = reading.indicator
        head = [
            indicator.code,
            localized(indicator, "name", lang),
            indicator.theme,
            indicator.unit,
            indicator.direction,
            indicator.origin,
            reading.value,
            reading.as_of,
            reading.status,
            reading.source,
            reading.records_counted,
            reading.records_unknown,
        ]
        for target in sorted_targets(indicator) or [None]:
            if target is None:
                rows.append([*head, None, None, None, None])
            else:
                rows.append([*head, target.year, target.comparison, target.value, target.value_max])
    return rows


def history_rows(code: str, history: list[dict]) -> list[list]:
    return [
        [
            code,
            dt.date.fromisoformat(p["as_of"]),
            p["value"],
            p["source"],
            p["records_counted"],
            p["records_unknown"],
        ]
        for p in history
    ]


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return quote_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return plain_number(value)


def _csv_response(header, rows, fmt: str, name: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheets read UTF-8 (Vietnamese) right
    writer = csv.writer(buffer, delimiter=CSV_DELIMITERS[fmt])
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    suffix = "" if fmt == "csv" else "-semicolon"
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.csv"'
    return response


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        return NOT_XML.sub("\ufffd", quote_text(value))[:MAX_CELL_TEXT]
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return plain_number(value)


def _bold(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = BOLD
    return cell


def _table(workbook: Workbook, title: str, columns: dict, rows: list[list]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, key) for key in columns])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])


def _readme(workbook: Workbook, tables: dict[str, dict]) -> None:
    sheet = workbook.create_sheet(README_SHEET)
    for letter, width in zip("ABCD", (14, 20, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for lang in ("vi", "en"):
        with override(lang):
            about = _(
                "Resolution 57 indicators of the Đồng Nai Digital Hub, exported on %(date)s. "
                "Licence: %(licence)s."
            ) % {"date": timezone.localdate().isoformat(), "licence": settings.OPEN_DATA_LICENCE}
        sheet.append([_bold(sheet, about)])
    sheet.append([])
    sheet.append(
        [
            _bold(sheet, "Trang tính / Sheet"),
            _bold(sheet, "Cột / Column"),
            _bold(sheet, "Ý nghĩa (tiếng Việt)"),
            _bold(sheet, "Meaning (English)"),
        ]
    )
    for title, columns in tables.items():
        for key, meaning in columns.items():
            texts = []
            for lang in ("vi", "en"):
                with override(lang):
                    texts.append(str(meaning))
            sheet.append([title, key, *texts])


def _xlsx_response(tables: dict[str, tuple[dict, list]], name: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    _readme(workbook, {title: columns for title, (columns, _rows) in tables.items()})
    for title, (columns, rows) in tables.items():
        _table(workbook, title, columns, rows)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def list_download(readings, fmt: str, lang: str) -> HttpResponse:
    """Every indicator with its targets; the workbook adds every indicator's history."""
    rows = list_rows(readings, lang)
    if fmt in CSV_DELIMITERS:
        return _csv_response(list(LIST_COLUMNS), rows, fmt, "dnhub-indicators")
    history = []
    for reading in readings:
        history += history_rows(reading.indicator.code, history_json(reading.indicator))
    tables = {LIST_SHEET: (LIST_COLUMNS, rows), HISTORY_SHEET: (HISTORY_COLUMNS, history)}
    return _xlsx_response(tables, "dnhub-indicators")


def history_download(indicator, history: list[dict], fmt: str) -> HttpResponse:
    """One indicator's dated values."""
    rows = history_rows(indicator.code, history)
    name = f"dnhub-indicator-{indicator.code}"
    if fmt in CSV_DELIMITERS:
        return _csv_response(list(HISTORY_COLUMNS), rows, fmt, name)
    return _xlsx_response({HISTORY_SHEET: (HISTORY_COLUMNS, rows)}, name)
