"""The XLSX import template of one kind (issue #14): a README sheet (what to fill, and every
column's meaning in Vietnamese and English, as the export's), the kind's sheet with the
export's header row, and drop-down lists for every choice field, the booleans, the taxonomy
codes and Đồng Nai's wards.

A list short enough for Excel's inline form (255 characters) is written inline; longer ones
(the taxonomy, the wards) go to a hidden "lists" sheet that the import skips. Columns that take
several values ("a; b") or accept other forms (a ward's code) keep the drop-down as a help but
do not refuse what it does not list.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from vietnam_provinces import Ward

from registry.models import Technology
from registry.validators import HOME_PROVINCE_CODE

from .mapping import LANGS
from .spreadsheet import CellType, Column, choice_codes, columns
from .workbook import BOLD, LISTS_SHEET, readme_sheet

INLINE_LIMIT = 255  # characters Excel allows in an inline list
LAST_ROW = 1_048_576  # a drop-down for every row a sheet can have


def template_workbook(kind: str) -> bytes:
    """The template of one kind, as the bytes of an XLSX file."""
    book = Workbook()
    book.remove(book.active)
    readme_sheet(book, [kind], _about_lines(kind))
    sheet = book.create_sheet(kind)
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    cols = columns(kind)
    sheet.append([column.key for column in cols])
    for index, column in enumerate(cols, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        sheet[f"{letter}1"].font = BOLD
        values, strict = _drop_down(kind, column)
        if values:
            validation = _validation(lists, column.key, values, strict)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _drop_down(kind: str, column: Column) -> tuple[list[str], bool]:
    """The values a column's drop-down lists, and whether it refuses any other."""
    several = column.type is CellType.LIST
    if column.key == "kind":
        return [kind], True
    if column.type is CellType.LINKS:  # "kind:ref; …": nothing a drop-down can list
        return [], False
    if column.type is CellType.BOOLEAN:
        return ["TRUE", "FALSE"], True
    if column.field is not None and column.field.many_to_many:
        return list(Technology.objects.order_by("code").values_list("code", flat=True)), False
    if column.key == "ward_code":
        wards = Ward.iter_by_province(HOME_PROVINCE_CODE)
        return sorted(ward.name for ward in wards), False
    codes = choice_codes(column.field)
    return codes, not several


def _validation(lists, key: str, values: list[str], strict: bool) -> DataValidation:
    inline = ",".join(values)
    if len(inline) <= INLINE_LIMIT and not any("," in value for value in values):
        formula = f'"{inline}"'
    else:
        letter = get_column_letter(lists.max_column + 1 if lists.max_row > 1 else 1)
        lists[f"{letter}1"] = key
        for row, value in enumerate(values, 2):
            lists[f"{letter}{row}"] = value
        formula = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle=_("Not in the list"),
        error=_("Choose a value from the list."),
    )


def _about_lines(kind: str) -> list[str]:
    lines = []
    for lang in LANGS:
        with override(lang):
            lines.append(
                _(
                    "Template for importing %(kind)s records into the Đồng Nai Digital Hub "
                    "registry: one row per record on the sheet named %(kind)s, below its header "
                    "row (keep the header as it is). An empty cell leaves the key absent. "
                    "Numbers take a dot or a comma for decimals; a ward may be given by its "
                    "code or its official name. Formulas and merged cells are refused: paste "
                    "values. The columns' meanings are below."
                )
                % {"kind": kind}
            )
    return lines
