"""Spreadsheets (CSV, XLSX) read into interchange records, then validated exactly as JSON Lines
are (`validation.validate_records`): the columns of the export (`spreadsheet.columns`), each
cell read back by its column (`Column.read`: numbers with a dot or a decimal comma, booleans,
dates, lists), a ward by its code or its official name.

Problems say `sheet, row N, column X: reason`, the sheet being the XLSX sheet (named by its
kind) or the CSV file's name; the header is row 1. A file over `IMPORT_MAX_BYTES` is refused
before it is read.
"""

import os
import tempfile
from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from ..progress import Progress
from . import csv_reader, xlsx_reader
from .rows import row_record
from .validation import ImportResult, LineValidator, Problem, validate_records

SPREADSHEET_SUFFIXES = (".csv", ".xlsx")
# Rows a file may hold, all sheets together: at the few hundred rows a second of a preview on
# the 2-core machine (bench/import_xlsx.py), more is a file to split.
MAX_ROWS = 100_000
COPY_CHUNK = 1024 * 1024
# In memory up to this size, in a temporary file beyond.
SPOOL_BYTES = 8 * 1024 * 1024


def read_spreadsheet(
    stream: IO[bytes], filename: str, *, total_bytes=0, stderr=None, on_progress=None
):
    """Read and validate a CSV or XLSX file; return (the validated records' spool, result)."""
    result = ImportResult()
    name = os.path.basename(filename)
    limit = settings.IMPORT_MAX_BYTES
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as copy:
        size = total_bytes if total_bytes > limit else _copy(stream, copy, limit)
        if size > limit:
            result.problems.append(Problem(0, "-", _too_big(limit), name))
            return None, result
        copy.seek(0)
        progress = Progress(
            _("Validating"), size, stream=stderr, min_total=1_000_000, callback=on_progress
        )
        reader = xlsx_reader if name.lower().endswith(".xlsx") else csv_reader
        entries = reader.entries(copy, name, result.problems, progress)
        spool = validate_records(_records(entries, result), LineValidator(), result)
        progress.close()
    for problem in result.problems:
        if problem.field == "location":  # a sheet has its two columns, not the object
            problem.field = "location.lat, location.lon"
    return spool, result


def _copy(stream: IO[bytes], copy, limit: int) -> int:
    """Copy at most limit + 1 bytes; the number copied."""
    size = 0
    while size <= limit:
        chunk = stream.read(min(COPY_CHUNK, limit + 1 - size))
        if not chunk:
            break
        copy.write(chunk)
        size += len(chunk)
    return size


def _too_big(limit: int) -> str:
    return _(
        "the file is over the %(limit)s MB limit; split it into smaller files (one per kind, "
        "or fewer rows each)"
    ) % {"limit": f"{limit / 1024 / 1024:g}"}


def _records(entries: Iterator[tuple[int, str, str, dict]], result: ImportResult):
    """(row, sheet, record) of each row, the row limit kept; problems of a row go to the result."""
    for rows, (row_no, sheet, kind, cells) in enumerate(entries, start=1):
        result.lines += 1
        if rows > MAX_ROWS:
            result.problems.append(
                Problem(
                    row_no,
                    "-",
                    _("more than %(limit)s rows in this file: split it into several files")
                    % {"limit": f"{MAX_ROWS:,}"},
                    sheet,
                )
            )
            return
        record = row_record(kind, row_no, sheet, cells, result.problems)
        if record is not None:
            yield row_no, sheet, record
