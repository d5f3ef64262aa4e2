"""Spreadsheet import (issue #14): CSV and XLSX read with the export's columns and validated as
JSON Lines are; problems say `sheet, row, column`; wards by name; the dry run's preview."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from registry.interchange.importer import import_file
from registry.interchange.workbook import write_xlsx
from registry.models import Enterprise, Plot, Zone
from tests.conftest import ALL_KINDS, ENTERPRISE, PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db


def problems_of(result):
    return [str(p) for p in result.problems]


def exported_xlsx(records) -> bytes:
    by_kind = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record)
    out = io.BytesIO()
    write_xlsx(list(by_kind), lambda kind: by_kind[kind], out)
    return out.getvalue()


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with the given sheets (name -> rows, the first the header)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], delimiter=",", encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def imported(data: bytes, filename: str, **kwargs):
    return import_file(io.BytesIO(data), filename, **kwargs)


def test_the_xlsx_export_imports_back_and_publishes_every_record():
    result = imported(exported_xlsx(ALL_KINDS), "registry.xlsx")
    assert result.ok, problems_of(result)
    assert sum(result.created.values()) == len(ALL_KINDS)
    plot = Plot.objects.published().get(ref="test-a01")
    assert plot.zone.ref == "test-park" and plot.power_capacity_mw == 60
    assert Enterprise.objects.get(ref="test-chip").value_chain_roles == ["chip_design"]
    again = imported(exported_xlsx(ALL_KINDS), "registry.xlsx")
    assert again.ok and sum(again.unchanged.values()) == len(ALL_KINDS)


def test_csv_of_one_kind_with_its_kind_column_or_its_file_name():
    run_import(lines(ZONE))
    header = ["kind", "ref", "zone", "code", "name", "status", "area_m2"]
    header += ["power_capacity_mw", "location.lat", "location.lon"]
    row = ["plot", "p-1", "test-park", "P1", "Lô 1", "available", "5000", "12.5", "10.8", "106.9"]
    assert imported(csv_bytes([header, row]), "anything.csv").ok
    without_kind = [header[1:], ["p-2", *row[2:]]]
    result = imported(csv_bytes(without_kind), "plots (2).csv")
    assert result.ok, problems_of(result)
    assert Plot.objects.get(ref="p-2").power_capacity_mw == 12.5
    nameless = imported(csv_bytes(without_kind), "data.csv")
    assert problems_of(nameless) == [
        "data.csv: no kind column, and the file's name names no kind: add a kind column, or name "
        "the file after the kind it holds (landmark.csv, zone.csv, plot.csv, enterprise.csv, "
        "rd_organisation.csv, incubator.csv, challenge.csv, expert.csv)"
    ]


def test_numbers_with_a_vietnamese_decimal_comma_booleans_and_dates_as_text():
    run_import(lines(ZONE))
    header = ["ref", "zone", "code", "name", "status", "area_m2", "power_capacity_mw"]
    header += ["lease_price_usd_m2", "cleanroom_ready", "available_from", "suitable_for"]
    header += ["location.lat", "location.lon"]
    row = ["p-vn", "test-park", "VN", "Lô VN", "available", "1.234.567", "12,5", "1.234,5", "TRUE"]
    row += ["2027-01-15", "data_centre.hyperscale; ai.compute", "10,8", "106,9"]
    result = imported(csv_bytes([header, row], delimiter=";"), "plot.csv")
    assert result.ok, problems_of(result)
    plot = Plot.objects.get(ref="p-vn")
    assert plot.area_m2 == 1234567 and plot.power_capacity_mw == 12.5
    assert plot.lease_price_usd_m2 == 1234.5 and plot.cleanroom_ready is True
    assert plot.available_from == dt.date(2027, 1, 15) and plot.lat == 10.8
    assert sorted(plot.suitable_for.values_list("code", flat=True)) == [
        "ai.compute",
        "data_centre.hyperscale",
    ]


def test_typed_xlsx_cells_numbers_booleans_and_dates():
    run_import(lines(ZONE))
    header = ["ref", "zone", "code", "name", "status", "area_m2", "cleanroom_ready"]
    header += ["available_from", "location.lat", "location.lon"]
    row = ["p-x", "test-park", "X", "Lô X", "reserved", 42000.0, False, dt.datetime(2027, 3, 1)]
    result = imported(workbook({"plot": [header, row + [10.8, 106.9]]}), "x.xlsx")
    assert result.ok, problems_of(result)
    plot = Plot.objects.get(ref="p-x")
    assert plot.area_m2 == 42000 and plot.cleanroom_ready is False
    assert plot.available_from == dt.date(2027, 3, 1)


def test_problems_name_the_sheet_row_and_column_in_the_users_language():
    header = ["kind", "ref", "name", "zone_kind", "total_area_ha", "location.lat", "location.lon"]
    rows = [header, ["zone", "z-1", "Khu 1", "it_park", "lớn", 10.8, 106.9]]
    rows.append(["zone", "z-2", "Khu 2", "it_park", 5, 99, 106.9])
    result = imported(workbook({"zone": rows}), "x.xlsx")
    assert problems_of(result) == [
        'zone, row 2, column total_area_ha: expected a number, got "lớn"',
        "zone, row 3, column location.lat: 99 is outside Vietnam (8 to 24)",
    ]
    csv_result = imported(csv_bytes(rows), "zones.csv")
    assert problems_of(csv_result)[0].startswith("zones.csv, row 2, column total_area_ha:")
    with translation.override("vi"):  # the import runs in the curator's language
        in_vietnamese = imported(workbook({"zone": rows}), "x.xlsx")
        assert (
            problems_of(in_vietnamese)[0]
            == 'zone, dòng 2, cột total_area_ha: cần một số, nhận được "lớn"'
        )
        assert problems_of(run_import(lines(ZONE | {"name": 1})))[0].startswith("dòng 1: name:")
    assert not Zone.objects.exists()


def test_an_unknown_column_and_a_kind_in_the_wrong_sheet():
    rows = [["kind", "ref", "name", "zone_kind", "colour"], ["plot", "z-1", "Khu", "it_park", 1]]
    reported = problems_of(imported(workbook({"zone": rows}), "x.xlsx"))
    assert reported == [
        "zone, row 1, column colour: unknown column for zone",
        "zone, row 2, column kind: this sheet holds zone records, not plot: put each kind in "
        "its own sheet",
    ]


def test_duplicate_refs_across_rows_name_the_first_row():
    rows = [["ref", "name", "zone_kind", "location.lat", "location.lon"]]
    rows += [["z-1", "A", "it_park", 10.8, 107], ["z-1", "B", "it_park", 10.8, 107]]
    assert problems_of(imported(workbook({"zone": rows}), "x.xlsx")) == [
        "zone, row 3, column ref: duplicate zone ref z-1, first on row 2"
    ]


@pytest.mark.parametrize(
    "given", ["Xã An Phước", "an phước", "XÃ AN PHƯỚC", "  An   Phước ", "26383", 26383]
)
def test_a_ward_by_its_official_name_in_any_case_or_by_its_code(given):
    header = ["ref", "name", "zone_kind", "ward_code", "location.lat", "location.lon"]
    rows = [header, ["z-w", "Khu", "it_park", given, 10.8, 106.9]]
    result = imported(workbook({"zone": rows}), "x.xlsx")
    assert result.ok, problems_of(result)
    assert Zone.objects.get(ref="z-w").ward_code == 26383


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("An Phuoc", "no ward or commune is named An Phuoc in the divisions of July 2025"),
        ("Hoàng Mai", "Hoàng Mai is ambiguous: Phường Hoàng Mai ("),
    ],
)
def test_an_unknown_or_ambiguous_ward_name_is_a_problem(given, expected):
    header = ["ref", "name", "zone_kind", "ward_code"]
    result = imported(csv_bytes([header, ["z-w", "Khu", "it_park", given]]), "zone.csv")
    assert problems_of(result)[0].startswith(f"zone.csv, row 2, column ward_code: {expected}")


def test_dry_run_previews_creations_and_changed_fields_old_to_new_and_writes_nothing():
    run_import(lines(ZONE, PLOT, ENTERPRISE))
    changed_plot = PLOT | {"status": "leased", "power_capacity_mw": 80.5, "zone": "new-park"}
    new_zone = ZONE | {"ref": "new-park", "name": "Khu mới"}
    data = exported_xlsx([ZONE, new_zone, changed_plot, ENTERPRISE])
    result = imported(data, "x.xlsx", dry_run=True)
    assert result.ok, problems_of(result)
    by_ref = {change.ref: change for change in result.changes}
    assert set(by_ref) == {"new-park", "test-a01"}  # unchanged records are only counted
    assert dict(result.unchanged) == {"zone": 1, "enterprise": 1}
    assert by_ref["new-park"].action == "create" and by_ref["new-park"].name == "Khu mới"
    plot = by_ref["test-a01"]
    assert plot.action == "change" and plot.kind == "plot"
    fields = {f.key: (f.old, f.new) for f in plot.fields}
    assert fields == {
        "status": ("Available", "Leased"),
        "power_capacity_mw": ("60", "80.5"),
        "zone": ("test-park", "new-park"),
    }
    assert not Zone.objects.filter(ref="new-park").exists()
    assert Plot.objects.get(ref="test-a01").status == "available"


def test_progress_is_reported_while_validating_and_writing():
    seen = []
    result = imported(
        exported_xlsx(ALL_KINDS), "x.xlsx", on_progress=lambda *args: seen.append(args)
    )
    assert result.ok
    stages = [label for label, _done, _total in seen]
    assert "Validating" in stages and "Writing" in stages
    assert seen[-1] == ("Writing", len(ALL_KINDS), len(ALL_KINDS))


def test_import_registry_reads_csv_and_xlsx(tmp_path, capsys):
    path = tmp_path / "registry.xlsx"
    path.write_bytes(exported_xlsx(ALL_KINDS))
    call_command("import_registry", str(path))
    assert "Imported 8 lines" in capsys.readouterr().out
    bad = tmp_path / "zone.csv"
    header = ["kind", "ref", "name", "zone_kind", "location.lat", "location.lon"]
    bad.write_bytes(csv_bytes([header, ["zone", "z-9", "K", "x", "10.8", "107"]]))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_registry", str(bad))
    assert "zone.csv, row 2, column zone_kind: " in capsys.readouterr().err


def test_a_file_of_another_format_is_named_with_the_formats_read():
    assert problems_of(imported(b"<html></html>", "registry.html")) == [
        "registry.html: not a file this import reads: use JSON Lines (.jsonl), CSV (.csv) or "
        "XLSX (.xlsx)"
    ]


def test_progress_of_an_exported_xlsx_counts_its_rows_although_its_dimension_is_left_out():
    plots = [PLOT | {"ref": f"p-{n}", "code": f"P{n}"} for n in range(300)]
    run_import(lines(ZONE))
    seen = []
    data = exported_xlsx(plots)
    assert imported(data, "x.xlsx", dry_run=True, on_progress=lambda *a: seen.append(a)).ok
    validating = [(done, total) for label, done, total in seen if label == "Validating"]
    assert validating[-1][0] == validating[-1][1] > 100  # a row count, not one unit
    assert len(validating) > 10 and all(done <= total for done, total in validating)
