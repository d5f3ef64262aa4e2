"""The XLSX export: a "README" sheet (licence, source and every column's meaning in Vietnamese
and English), then one sheet per kind named by the kind, with the columns of
`spreadsheet.columns`: typed cells, a frozen header row, column widths and an autofilter.

Written with openpyxl in write-only mode: rows go to a temporary file as they come, so memory
stays flat whatever the number of records.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import IO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .mapping import LANGS
from .spreadsheet import columns, flat

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
README_SHEET = "README"
LISTS_SHEET = "lists"  # the template's hidden sheet of drop-down lists
DATE_FORMAT = "yyyy-mm-dd"
# What Excel and LibreOffice accept in one cell; longer text is cut there rather than making
# the file one that Excel offers to "repair".
MAX_CELL_TEXT = 32_767
# The catalogue's default, until the setting that names the licence is there.
DEFAULT_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(kinds: Iterable[str], records_of: Callable[[str], Iterable[dict]], out: IO) -> int:
    """The workbook of the given kinds, to a binary file; returns the number of records."""
    workbook = Workbook(write_only=True)
    kinds = list(kinds)
    readme_sheet(workbook, kinds, _about_lines())
    count = 0
    for kind in kinds:
        count += _kind_sheet(workbook, kind, records_of(kind))
    workbook.save(out)
    return count


def _kind_sheet(workbook: Workbook, kind: str, records: Iterable[dict]) -> int:
    sheet = workbook.create_sheet(kind)
    cols = columns(kind)
    for index, column in enumerate(cols, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, column.key) for column in cols])
    count = 0
    for record in records:
        values = flat(record)
        sheet.append([_cell(sheet, column.cell(values.get(column.key))) for column in cols])
        count += 1
    last = get_column_letter(len(cols))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    return count


def _cell(sheet, value):
    if isinstance(value, str):
        # What XML cannot hold becomes U+FFFD here (CSV and JSON Lines keep it). Text beyond
        # a cell's limit is cut.
        return NOT_XML.sub("\ufffd", value)[:MAX_CELL_TEXT]
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = BOLD
    return cell


def readme_sheet(workbook: Workbook, kinds: list[str], about: list[str]) -> None:
    """The README sheet: the about lines, then every column's meaning in both languages (the
    export's and the import template's)."""
    sheet = workbook.create_sheet(README_SHEET)
    for letter, width in zip("ABCD", (18, 24, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for line in about:
        sheet.append([_header(sheet, line)])
    sheet.append([])
    sheet.append(
        [
            _header(sheet, "Trang tính / Sheet"),
            _header(sheet, "Cột / Column"),
            _header(sheet, "Ý nghĩa (tiếng Việt)"),
            _header(sheet, "Meaning (English)"),
        ]
    )
    for kind in kinds:
        for column in columns(kind):
            meanings = [_wrapped(sheet, column.meaning(lang)) for lang in LANGS]
            sheet.append([kind, column.key, *meanings])


def _about_lines() -> list[str]:
    """The title, source and licence, once in each language."""
    licence = getattr(settings, "OPEN_DATA_LICENCE", DEFAULT_LICENCE)
    lines = []
    for lang in LANGS:
        with override(lang):
            lines.append(
                _(
                    "Đồng Nai Digital Hub registry, exported on %(date)s. "
                    "Source: the registry of the provincial investment agency. "
                    "Licence: %(licence)s. Records whose “sample” column is TRUE are "
                    "invented examples."
                )
                % {"date": timezone.localdate().isoformat(), "licence": licence}
            )
    return lines


def _wrapped(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.alignment = WRAP
    return cell
