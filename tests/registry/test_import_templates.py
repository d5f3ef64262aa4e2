"""The XLSX import templates (issue #14): the export's header, a README sheet in both languages,
drop-down lists for choices, booleans, taxonomy codes and wards; a filled template imports."""

import io

import pytest
from openpyxl import load_workbook

from registry.interchange.importer import import_file
from registry.interchange.spreadsheet import columns, csv_columns, flat
from registry.interchange.xlsx_template import template_workbook
from registry.models import KINDS, Plot, Technology
from tests.conftest import ALL_KINDS, ENTERPRISE, RD, ZONE, lines, run_import

pytestmark = pytest.mark.django_db


def validations(sheet) -> dict[str, object]:
    """Header key -> the data validation of its column."""
    header = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            letter = cell_range.coord.split(":")[0].rstrip("0123456789")
            found[header[letter]] = validation
    return found


def listed(book, validation) -> list[str]:
    formula = validation.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.split("!")
    sheet = book[sheet_name.strip("'")]
    first, last = (ref.replace("$", "") for ref in cells.split(":"))
    return [row[0].value for row in sheet[first:last]]


@pytest.mark.parametrize("kind", list(KINDS))
def test_template_has_the_export_header_a_readme_and_a_hidden_lists_sheet(kind):
    book = load_workbook(io.BytesIO(template_workbook(kind)))
    assert book.sheetnames == ["README", kind, "lists"]
    assert book["lists"].sheet_state == "hidden"
    assert [cell.value for cell in book[kind][1]] == csv_columns(kind)
    readme = [row for row in book["README"].iter_rows(values_only=True) if row[0] == kind]
    assert [row[1] for row in readme] == csv_columns(kind)
    assert all(row[2] and row[3] for row in readme)  # a meaning in vi and in en
    about = book["README"]["A1"].value + book["README"]["A2"].value
    assert "Mẫu nhập" in about and "Template for importing" in about


def test_every_choice_boolean_and_taxonomy_column_has_a_drop_down():
    book = load_workbook(io.BytesIO(template_workbook("plot")))
    found = validations(book["plot"])
    expected = {
        column.key
        for column in columns("plot")
        if column.field is not None
        and (column.field.choices or column.field.many_to_many)
        or column.key in ("kind", "ward_code")
        or column.type == "boolean"
    }
    assert expected <= set(found)
    assert listed(book, found["status"]) == ["available", "reserved", "leased"]
    assert found["status"].showErrorMessage
    assert listed(book, found["cleanroom_ready"]) == ["TRUE", "FALSE"]
    codes = listed(book, found["suitable_for"])
    assert codes == list(Technology.objects.order_by("code").values_list("code", flat=True))
    assert found["suitable_for"].formula1.startswith("lists!")  # too long to be inline
    assert not found["suitable_for"].showErrorMessage  # "a; b" must stay possible
    assert "Phường Biên Hòa" in listed(book, found["ward_code"])


@pytest.mark.parametrize("record", ALL_KINDS, ids=lambda record: record["kind"])
def test_a_filled_template_imports(record):
    if record["kind"] in ("plot", "enterprise"):
        run_import(lines(ZONE))
    if record["kind"] in ("challenge", "expert"):  # the organisations their links name
        run_import(lines(ZONE, ENTERPRISE, RD))
    book = load_workbook(io.BytesIO(template_workbook(record["kind"])))
    sheet = book[record["kind"]]
    values = flat(record)
    sheet.append([column.cell(values.get(column.key)) for column in columns(record["kind"])])
    out = io.BytesIO()
    book.save(out)
    result = import_file(io.BytesIO(out.getvalue()), "filled.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    assert result.created[record["kind"]] == 1


def test_a_template_filled_by_hand_with_names_commas_and_typed_cells_imports():
    run_import(lines(ZONE))
    book = load_workbook(io.BytesIO(template_workbook("plot")))
    sheet = book["plot"]
    cells = {
        "ref": "hand-1",
        "zone": "test-park",
        "code": "H1",
        "name": "Lô điền tay",
        "status": "available",
        "area_m2": "12.000,5",
        "cleanroom_ready": True,
        "suitable_for": "ai.compute; data_centre.hyperscale",
        "ward_code": "Phường Biên Hòa",
        "location.lat": 10.95,
        "location.lon": 106.82,
    }
    header = [cell.value for cell in sheet[1]]
    sheet.append([cells.get(key) for key in header])
    out = io.BytesIO()
    book.save(out)
    result = import_file(io.BytesIO(out.getvalue()), "lô đất.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    plot = Plot.objects.get(ref="hand-1")
    assert plot.area_m2 == 12000.5 and plot.ward_code == 26068 and plot.cleanroom_ready


def test_the_challenge_template_offers_the_kinds_a_link_may_name():
    book = load_workbook(io.BytesIO(template_workbook("challenge")))
    found = validations(book["challenge"])
    assert listed(book, found["poster.kind"]) == ["enterprise", "rd_organisation", "incubator"]
    assert found["poster.kind"].showErrorMessage  # a kind outside the list is refused
    assert listed(book, found["status"]) == ["open", "in_progress", "awarded", "closed"]
    assert "awarded_to" not in found  # "kind:ref; kind:ref" has no list to choose from
    readme = {row[1]: row[3] for row in book["README"].iter_rows(values_only=True) if row[0]}
    assert "kind:ref" in readme["awarded_to"]
    expert = load_workbook(io.BytesIO(template_workbook("expert")))
    assert "affiliation.kind" in validations(expert["expert"])
