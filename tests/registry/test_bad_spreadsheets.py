"""Bad spreadsheets (issue #14, "Bad input"): each gets one clear problem and nothing is written;
the files are built here, not checked in. Arbitrary bytes never raise."""

import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from registry.interchange import readers
from registry.interchange.importer import import_file
from registry.models import Zone
from tests.registry.test_spreadsheet_import import csv_bytes, problems_of, workbook

pytestmark = pytest.mark.django_db

HEADER = ["ref", "name", "zone_kind", "total_area_ha", "location.lat", "location.lon"]
ROW = ["z-1", "Khu Đông Á", "it_park", 100, 10.8, 106.9]


def only_problem(data: bytes, filename: str) -> str:
    result = import_file(io.BytesIO(data), filename)
    reported = problems_of(result)
    assert len(reported) == 1, reported
    assert not Zone.objects.exists()
    return reported[0]


def test_a_good_file_imports_so_that_the_bad_ones_below_fail_for_their_one_fault():
    assert import_file(io.BytesIO(workbook({"zone": [HEADER, ROW]})), "x.xlsx").ok
    assert import_file(io.BytesIO(csv_bytes([HEADER, ROW])), "zone.csv").ok


def test_merged_cells_are_refused():
    book = Workbook()
    sheet = book.active
    sheet.title = "zone"
    for row in (HEADER, ROW, ["z-2", "Khu 2", "it_park", 5, 10.8, 106.9]):
        sheet.append(row)
    sheet.merge_cells("D2:D3")
    out = io.BytesIO()
    book.save(out)
    assert only_problem(out.getvalue(), "x.xlsx") == (
        "zone, row 2: cells D2:D3 are merged: unmerge them, so that each cell holds its own value"
    )


def test_a_formula_cell_is_refused_with_how_to_paste_values():
    data = workbook({"zone": [HEADER, ["z-1", "Khu", "it_park", "=50*2", 10.8, 106.9]]})
    assert only_problem(data, "x.xlsx") == (
        "zone, row 2, column total_area_ha: cell has a formula; paste values "
        "(Paste Special → Values) instead"
    )


def test_a_hidden_sheet_is_refused_since_its_rows_would_be_imported_unseen():
    book = Workbook()
    book.active.title = "zone"
    for row in (HEADER, ROW):
        book.active.append(row)
    hidden = book.create_sheet("plot")
    hidden.append(["ref", "name"])
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    assert only_problem(out.getvalue(), "x.xlsx") == (
        "plot: this sheet is hidden: unhide it to check its rows before importing, or delete it"
    )


def test_a_sheet_not_named_by_a_kind_names_the_kinds_expected():
    data = workbook({"Sheet1": [HEADER, ROW]})
    assert only_problem(data, "x.xlsx") == (
        "Sheet1: unknown sheet name; name each sheet by the kind it holds: landmark, zone, "
        "plot, enterprise, rd_organisation, incubator, challenge, expert (and README)"
    )


def test_too_many_rows_is_a_clear_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    rows = [HEADER] + [[f"z-{n}", "Khu", "it_park", 1, 10.8, 106.9] for n in range(4)]
    assert only_problem(csv_bytes(rows), "zone.csv") == (
        "zone.csv, row 5: more than 3 rows in this file: split it into several files"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    big = csv_bytes([HEADER] + [ROW] * 30_000)
    assert len(big) > 1024 * 1024
    message = "zone.csv: the file is over the 1 MB limit; split it into smaller files"
    assert only_problem(big, "zone.csv").startswith(message)

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read although its size was known")

    result = import_file(Unreadable(), "zone.csv", total_bytes=2 * 1024 * 1024)
    assert problems_of(result)[0].startswith(message)


def test_a_password_protected_workbook_an_ole_file_is_named_so():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert only_problem(ole, "x.xlsx") == (
        "x.xlsx: this workbook is password-protected (encrypted) or an old Excel 97–2003 file: "
        "remove the password, or save it as .xlsx, and import that"
    )


def test_a_corrupt_workbook_is_named_so():
    data = workbook({"zone": [HEADER, ROW]})
    message = "x.xlsx: not a readable XLSX workbook (damaged, or not a spreadsheet): "
    assert only_problem(data[: len(data) // 2], "x.xlsx").startswith(message)
    assert only_problem(b"PK\x03\x04 nonsense", "x.xlsx").startswith(message)


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_by_its_declared_sizes_before_it_is_parsed(settings):
    good = workbook({"zone": [HEADER, ROW]})
    bomb = with_part(good, "xl/media/zeros.bin", bytes(20 * 1024 * 1024))
    assert len(bomb) < 100_000
    assert only_problem(bomb, "x.xlsx") == (
        "x.xlsx: this workbook would unpack to 20 MB, far more than its size: refused as a "
        "possible zip bomb; export the data again, or split it into smaller files"
    )
    settings.IMPORT_MAX_BYTES = 200_000  # a workbook may unpack to ten times that
    rng = random.Random(1)  # words of two kinds: packs about 25 times, below any bomb's ratio
    words = b"".join(rng.choice((b"aaaa", b"bbbb")) for _ in range(650_000))
    too_big = with_part(good, "xl/media/words.bin", words)
    assert len(too_big) < 200_000
    assert "would unpack to 2 MB" in only_problem(too_big, "x.xlsx")


def test_a_csv_in_windows_1258_is_refused_with_how_to_save_utf8():
    data = csv_bytes([HEADER, ROW], encoding="cp1258")
    assert only_problem(data, "zone.csv") == (
        "zone.csv, row 2: the file is not UTF-8 (perhaps Windows-1258 or another old code "
        "page): in your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and import that"
    )


def test_a_utf16_csv_with_its_bom_tab_separated_as_excel_saves_it_is_read():
    data = csv_bytes([HEADER, ROW], delimiter="\t", encoding="utf-16")
    result = import_file(io.BytesIO(data), "zone.csv")
    assert result.ok, problems_of(result)
    assert Zone.objects.get(ref="z-1").name == "Khu Đông Á"


def test_a_utf16_csv_without_its_bom_is_refused():
    without_bom = csv_bytes([HEADER, ROW], encoding="utf-16-le")
    assert "the file is not UTF-8" in only_problem(without_bom, "zone.csv")


FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_arbitrary_bytes_never_raise_and_always_get_a_problem(data, suffix):
    result = import_file(io.BytesIO(data), "fuzz" + suffix)
    assert result.problems and all(str(problem) for problem in result.problems)


VALID_XLSX = workbook({"zone": [HEADER, ROW]})


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_a_damaged_workbook_never_raises(edits):
    data = bytearray(VALID_XLSX)
    for position, value in edits:
        data[position] = value
    result = import_file(io.BytesIO(bytes(data)), "fuzz.xlsx")
    assert all(str(problem) for problem in result.problems)


def test_a_stray_cell_far_to_the_right_is_not_padded_into_every_row():
    book = Workbook()
    sheet = book.active
    sheet.title = "zone"
    for n in range(2000):
        sheet.append([f"z-{n}", "Khu", "it_park", 1, 10.8, 106.9] if n else HEADER)
    sheet["XFD3"] = "lạc chỗ"  # the sheet's last column: 16,384 cells a row if padded
    sheet["G4"] = "ngay sau tiêu đề"
    out = io.BytesIO()
    book.save(out)
    assert only_problem(out.getvalue(), "x.xlsx") == (
        "zone, row 4: more cells than the header has columns"
    )
