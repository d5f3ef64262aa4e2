"""The open-data downloads as a consumer opens them: the XLSX workbook read back with openpyxl,
the CSV variants with Python's csv module, and whole numbers written as whole numbers in every
output (JSON Lines, CSV, XLSX, the API's JSON and GeoJSON), on the seed data."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from registry.interchange.spreadsheet import CellType, columns, record_from_row
from registry.models import KINDS

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHOLE_WITH_POINT = re.compile(r"-?\d+\.0+")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def exported(client, **params):
    response = client.get("/api/v1/export/", params)
    assert response.status_code == 200, response.content[:300]
    return response


def json_floats(text: str) -> list[str]:
    """Every number written with a decimal point in a JSON text, as written."""
    written = []

    def keep(literal):
        written.append(literal)
        return float(literal)

    for line in text.splitlines():  # one document, or JSON Lines
        json.loads(line, parse_float=keep)
    return written


def test_xlsx_opens_with_a_sheet_per_kind_typed_cells_and_vietnamese_intact(client, seeded):
    response = exported(client, format="xlsx")
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="dnhub-registry.xlsx"'
    book = load_workbook(io.BytesIO(body(response)))
    assert book.sheetnames == ["README", *KINDS]

    plots = book["plot"]
    assert plots.freeze_panes == "A2"
    assert plots.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in plots[1]]
    assert header[:3] == ["kind", "ref", "name"]
    assert {"location.lat", "description.vi", "description.en"} <= set(header)
    rows = [dict(zip(header, row, strict=True)) for row in plots.iter_rows(2, values_only=True)]
    expected = {r["ref"]: r for r in seeded if r["kind"] == "plot"}
    assert len(rows) == len(expected)
    for row in rows:
        record = expected[row["ref"]]
        assert row["name"] == record["name"]  # "Lô A01 – công nghiệp (mẫu)": diacritics kept
        assert row["area_m2"] == record["area_m2"]
        assert isinstance(row["area_m2"], int | float)
        assert row["location.lat"] == record["location"]["lat"]
        if "cleanroom_ready" in record:
            assert row["cleanroom_ready"] is record["cleanroom_ready"]
        if "available_from" in record:
            assert row["available_from"] == dt.datetime.fromisoformat(record["available_from"])
    dates = plots[get_column_letter(header.index("available_from") + 1)][1:]
    dated = next(c for c in dates if c.value is not None)
    assert dated.is_date
    assert dated.number_format == "yyyy-mm-dd"
    assert plots.column_dimensions["C"].width > plots.column_dimensions["A"].width


def test_xlsx_readme_sheet_explains_every_column_in_both_languages(client, seeded):
    book = load_workbook(io.BytesIO(body(exported(client, format="xlsx", kind="plot"))))
    assert book.sheetnames == ["README", "plot"]
    rows = list(book["README"].iter_rows(values_only=True))
    about = " ".join(str(row[0]) for row in rows[:2])
    assert "creativecommons.org/licenses/by/4.0" in about and "Giấy phép" in about
    meanings = {row[1]: row[2:4] for row in rows if row[0] == "plot"}
    assert list(meanings) == [column.key for column in columns("plot")]
    vi, en = meanings["area_m2"]
    assert vi.startswith("Diện tích (m²).") and en.startswith("Area (m²).")
    vi, en = meanings["status"]  # the choices, named in each language
    assert "available (Available)" in en and "available (Còn trống)" in vi
    assert all(vi and en for vi, en in meanings.values())
    enterprise = {row[1]: row[2:4] for row in rows if row[0] == "enterprise"}
    assert not enterprise  # only the sheets exported are explained


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("csv-semicolon", ";")])
def test_csv_variants_read_back_with_the_csv_module(client, seeded, fmt, delimiter):
    response = exported(client, format=fmt, kind="enterprise")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = body(response)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=delimiter))
    expected = {r["ref"]: r for r in seeded if r["kind"] == "enterprise"}
    assert {row["ref"] for row in rows} == set(expected)
    for row in rows:
        record = expected[row["ref"]]
        assert row["name"] == record["name"]
        assert row["technologies"] == "; ".join(sorted(record.get("technologies", [])))
        if "employees" in record:
            assert row["employees"] == str(record["employees"])


def test_semicolon_csv_is_named_apart(client, seeded):
    response = exported(client, format="csv-semicolon", kind="plot")
    assert response["Content-Disposition"] == 'attachment; filename="dnhub-plot-semicolon.csv"'


@pytest.mark.parametrize(
    "params",
    [{"format": "xls"}, {"format": "csv-semicolon"}, {"format": "xlsx", "kind": "spaceship"}],
)
def test_export_format_mistakes_are_a_400_naming_the_parameter(client, params):
    response = client.get("/api/v1/export/", params)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) <= {"format", "kind"}


def test_whole_numbers_have_no_decimal_point_in_any_output(client, seeded):
    assert any(isinstance(r.get("area_m2"), int) for r in seeded)  # the seeds have some
    jsonl = body(exported(client)).decode()
    assert not [f for f in json_floats(jsonl) if float(f).is_integer()]
    for kind in KINDS:
        text = body(exported(client, format="csv", kind=kind)).decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not [cell for cell in cells if WHOLE_WITH_POINT.fullmatch(cell)], kind
    book = load_workbook(io.BytesIO(body(exported(client, format="xlsx"))))
    for kind in KINDS:
        numeric = [i for i, c in enumerate(columns(kind)) if c.type is CellType.NUMBER]
        for row in book[kind].iter_rows(2, values_only=True):
            assert not [row[i] for i in numeric if isinstance(row[i], float) and row[i] % 1 == 0]
    plot = next(r for r in seeded if r["kind"] == "plot")
    pages = [
        f"/api/v1/records/plot/{plot['ref']}/",
        "/api/v1/search/?q=&near=10.8,107&sort=distance",
        "/api/v1/geojson/",
        "/api/v1/match/profiles/",
    ]
    for page in pages:
        text = client.get(page).content.decode()
        assert not [f for f in json_floats(text) if float(f).is_integer()], page
    match = client.post(
        "/api/v1/match/", {"profile": "data_centre_hyperscale"}, content_type="application/json"
    )
    assert match.status_code == 200, match.content[:300]
    assert not [f for f in json_floats(match.content.decode()) if float(f).is_integer()]


def test_xlsx_and_both_csv_variants_read_back_to_the_exported_records(client, seeded):
    """The one column declaration reads its own cells back (what the XLSX import of #14 uses):
    every record of every kind comes back exactly as JSON Lines has it."""
    jsonl = [json.loads(line) for line in body(exported(client)).decode().splitlines()]
    book = load_workbook(io.BytesIO(body(exported(client, format="xlsx"))))
    for kind in KINDS:
        expected = [r for r in jsonl if r["kind"] == kind]
        sheet = book[kind]
        header = [cell.value for cell in sheet[1]]
        rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
        assert [record_from_row(kind, row) for row in rows] == expected, kind
        for fmt, delimiter in (("csv", ","), ("csv-semicolon", ";")):
            text = body(exported(client, format=fmt, kind=kind)).decode("utf-8-sig")
            rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
            assert [record_from_row(kind, row) for row in rows] == expected, (kind, fmt)
