"""An XLSX workbook read as rows of kind sheets (see `readers`): one sheet per kind, named by the
kind; the README sheet skipped, like the template's hidden "lists" sheet.

Refused before openpyxl parses anything: an OLE file (a password-protected workbook, or an old
.xls), a damaged zip, and a zip bomb (declared unpacked size over ten times IMPORT_MAX_BYTES,
or a part unpacking over 100 times its packed size). Then, sheet by sheet: a hidden sheet
(its rows would be imported unseen), an unknown sheet name, merged cells (one value for
several cells) and formula cells (their value is not in the file we can trust) are problems.
openpyxl reads in read-only mode, so memory stays bounded whatever the rows.
"""

import re
import zipfile
from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from registry.models import KINDS

from .rows import header_problems
from .validation import Problem
from .workbook import LISTS_SHEET, README_SHEET

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UNPACKED_PER_PACKED_LIMIT = 10  # the whole workbook, against IMPORT_MAX_BYTES
RATIO_LIMIT = 100  # one part's unpacked size over its packed size
RATIO_FLOOR = 1024 * 1024  # small parts (styles, shared strings of a few words) compress well
MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+):([A-Z]+[0-9]+)\"")
SCAN_CHUNK = 1024 * 1024
BYTES_PER_ROW = 500  # of sheet XML, about, for rows of a few dozen cells


def entries(source: IO[bytes], name: str, problems: list, progress) -> Iterator:
    """(row, sheet, kind, cells) of each non-blank row of each kind sheet."""
    refusal = _refusal(source)
    if refusal:
        problems.append(Problem(0, "-", refusal, name))
        return
    source.seek(0)
    try:
        # Hostile or broken input fails in many ways inside openpyxl (zip, XML, missing
        # parts); each is this one problem, never a server error.
        workbook = load_workbook(source, read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001
        problems.append(Problem(0, "-", _unreadable(error), name))
        return
    try:
        # Progress counts rows here.
        progress.total = max(
            1, sum(_declared_rows(workbook, sheet) for sheet in workbook.worksheets)
        )
        for sheet in workbook.worksheets:
            yield from _sheet_entries(workbook, sheet, problems, progress)
    finally:
        workbook.close()


def _refusal(source: IO[bytes]) -> str:
    """Why the file is refused unopened, or ""."""
    if source.read(len(OLE_MAGIC)) == OLE_MAGIC:
        return _(
            "this workbook is password-protected (encrypted) or an old Excel 97–2003 file: "
            "remove the password, or save it as .xlsx, and import that"
        )
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        return _unreadable(error)
    limit = UNPACKED_PER_PACKED_LIMIT * settings.IMPORT_MAX_BYTES
    if sum(part.file_size for part in parts) > limit:
        return _bomb(sum(part.file_size for part in parts))
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > RATIO_LIMIT * part.compress_size:
            return _bomb(part.file_size)
    return ""


def _bomb(size: int) -> str:
    return _(
        "this workbook would unpack to %(size)s MB, far more than its size: refused as a "
        "possible zip bomb; export the data again, or split it into smaller files"
    ) % {"size": f"{size / 1024 / 1024:,.0f}"}


def _unreadable(error: Exception) -> str:
    return _(
        "not a readable XLSX workbook (damaged, or not a spreadsheet): %(error)s; open it in "
        "your spreadsheet and save it again as .xlsx"
    ) % {"error": str(error)[:200] or type(error).__name__}


def _sheet_entries(workbook, sheet, problems: list, progress) -> Iterator:
    title = sheet.title
    hidden = sheet.sheet_state != "visible"
    if title.casefold() == README_SHEET.casefold() or (title == LISTS_SHEET and hidden):
        return
    if hidden:
        problems.append(
            Problem(
                0,
                "-",
                _(
                    "this sheet is hidden: unhide it to check its rows before importing, "
                    "or delete it"
                ),
                title,
            )
        )
        return
    if title not in KINDS:
        problems.append(
            Problem(
                0,
                "-",
                _(
                    "unknown sheet name; name each sheet by the kind it holds: %(kinds)s "
                    "(and README)"
                )
                % {"kinds": ", ".join(KINDS)},
                title,
            )
        )
        return
    problems.extend(_merged(workbook, sheet))
    try:
        yield from _rows(sheet, problems, progress)
    except Exception as error:  # noqa: BLE001 (see entries)
        problems.append(Problem(0, "-", _unreadable(error), title))


def _rows(sheet, problems: list, progress) -> Iterator:
    kind = sheet.title
    header_row = next(sheet.iter_rows(max_row=1), None)
    if header_row is None:
        return
    header = [_key(cell.value) for cell in header_row]
    while header and header[-1] is None:
        header.pop()
    problems.extend(header_problems(kind, header, kind))
    # Rows are read one column past the header (a value there is a problem); further right
    # nothing is read: a stray cell far to the right would make openpyxl pad every row to it.
    for row_no, row in enumerate(sheet.iter_rows(min_row=2, max_col=len(header) + 1), start=2):
        progress.advance(1)
        cells, blank = {}, True
        for key, cell in zip(header, row, strict=False):
            if cell.value is None:
                continue
            blank = False
            if cell.data_type == "f":
                problems.append(
                    Problem(
                        row_no,
                        key or "-",
                        _("cell has a formula; paste values (Paste Special → Values) instead"),
                        kind,
                    )
                )
            elif key is not None:
                cells[key] = cell.value
        if len(row) > len(header) and any(cell.value is not None for cell in row[len(header) :]):
            problems.append(Problem(row_no, "-", _("more cells than the header has columns"), kind))
        elif not blank:
            yield row_no, kind, kind, cells


def _declared_rows(workbook, sheet) -> int:
    """The data rows a sheet's dimension declares; for the sheets of writers that stream and
    leave it out (openpyxl's write-only mode, the registry's own export), a guess from the
    sheet's unpacked size."""
    rows = (sheet.max_row or 1) - 1
    if rows > 0:
        return rows
    return workbook._archive.getinfo(sheet._worksheet_path).file_size // BYTES_PER_ROW


def _key(value) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _merged(workbook, sheet) -> list[Problem]:
    """Merged cells of a sheet, found in its XML (openpyxl's read-only mode does not read
    them): one problem per merged range."""
    problems = []
    # The read-only workbook keeps its zip open as `_archive`.
    with workbook._archive.open(sheet._worksheet_path) as xml:
        tail = b""
        while chunk := xml.read(SCAN_CHUNK):
            text = tail + chunk
            scanned = 0
            for match in MERGE.finditer(text):
                scanned = match.end()
                first, last = (m.decode() for m in match.groups())
                row = int(re.sub(r"[A-Z]", "", first))
                problems.append(
                    Problem(
                        row,
                        "-",
                        _(
                            "cells %(range)s are merged: unmerge them, so that each cell "
                            "holds its own value"
                        )
                        % {"range": f"{first}:{last}"},
                        sheet.title,
                    )
                )
            # A tag cut by the chunk's end is found whole in the next round.
            tail = text[max(scanned, len(text) - 200) :]
    return problems
