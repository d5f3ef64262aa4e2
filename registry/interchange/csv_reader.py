"""A CSV file read as rows of one kind's sheet (see `readers`).

The encoding: UTF-8 (with or without the BOM the export writes), or UTF-16 with its BOM (Excel's
"Unicode text"), decoded as such; anything else (Windows-1258, the old Vietnamese code page) is
refused with how to save the file as UTF-8, since guessing a code page garbles diacritics
silently. The separator: comma, semicolon or tab, whichever splits the header into known keys.
The kind: the `kind` column's, else the one the file's name names (`plot.csv`, `plots (2).csv`).
"""

import codecs
import csv
import re
from collections.abc import Iterator
from functools import cache
from typing import IO

from django.utils.translation import gettext as _

from registry.models import KINDS

from .rows import header_problems
from .spreadsheet import columns
from .validation import Problem

CHUNK = 64 * 1024
DELIMITERS = (",", ";", "\t")
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
csv.field_size_limit(32 * 1024 * 1024)  # a zone's boundary may be long; the file size is capped


def entries(source: IO[bytes], name: str, problems: list, progress) -> Iterator:
    """(row, sheet, kind, cells) of each non-blank data row."""
    lines = _decoded_lines(source, name, problems, progress)
    first = next(lines, None)
    if first is None:
        if not problems:
            problems.append(Problem(0, "-", _("the file is empty"), name))
        return
    known = _all_keys()
    delimiter = max(DELIMITERS, key=lambda d: len(known & set(_split(first, d))))
    rows = csv.reader(_chain(first, lines), delimiter=delimiter)
    try:
        header = [key.strip() or None for key in next(rows)]
    except csv.Error as error:
        problems.append(
            Problem(1, "-", _("not a readable CSV: %(error)s") % {"error": error}, name)
        )
        return
    data_rows = _data_rows(rows, header, name, problems)
    first_row = next(data_rows, None)
    kind = _kind(header, first_row, name, problems)
    if kind is None:
        return
    problems.extend(header_problems(kind, header, name))
    if first_row is not None:
        yield first_row[0], name, kind, first_row[1]
    for row_no, cells in data_rows:
        yield row_no, name, kind, cells


def _data_rows(rows, header: list, name: str, problems: list) -> Iterator[tuple[int, dict]]:
    """(row, cells by key) of each non-blank row after the header."""
    row_no = 1
    try:
        for row in rows:
            row_no += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                problems.append(
                    Problem(row_no, "-", _("more cells than the header has columns"), name)
                )
                continue
            yield row_no, {k: v for k, v in zip(header, row, strict=False) if k is not None}
    except csv.Error as error:
        problems.append(
            Problem(row_no, "-", _("not a readable CSV: %(error)s") % {"error": error}, name)
        )


def _kind(header: list, first_row, name: str, problems: list) -> str | None:
    """The file's kind: the first row's `kind` cell, else the one the file's name names."""
    given = first_row[1].get("kind", "").strip() if first_row else ""
    if given in KINDS:
        return given
    named = _kind_in_name(name)
    if named is not None:
        return named
    examples = ", ".join(f"{kind}.csv" for kind in KINDS)
    if "kind" in header:
        reason = _(
            "cannot tell which kind this file holds: the first row's kind is %(given)s; "
            "expected one of: %(kinds)s"
        ) % {"given": given or "—", "kinds": ", ".join(KINDS)}
    else:
        reason = _(
            "no kind column, and the file's name names no kind: add a kind column, or name "
            "the file after the kind it holds (%(examples)s)"
        ) % {"examples": examples}
    problems.append(Problem(0, "-", reason, name))
    return None


def _kind_in_name(name: str) -> str | None:
    words = re.split(r"[^a-z_]+", name.lower().rsplit(".", 1)[0])
    for kind in sorted(KINDS, key=len, reverse=True):
        if kind in words or f"{kind}s" in words:
            return kind
    return None


@cache
def _all_keys() -> frozenset[str]:
    return frozenset(column.key for kind in KINDS for column in columns(kind))


def _split(line: str, delimiter: str) -> list[str]:
    return [cell.strip().strip('"').strip() for cell in line.split(delimiter)]


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _decoded_lines(source: IO[bytes], name: str, problems: list, progress) -> Iterator[str]:
    """The file's text, a line at a time with its end kept (a quoted cell may hold newlines);
    on bytes that do not decode, one problem and no more lines."""
    head = source.read(CHUNK)
    encoding, skip = "utf-8", 0
    for bom, bom_encoding in BOMS:
        if head.startswith(bom):
            encoding, skip = bom_encoding, len(bom)
            break
    decoder = codecs.getincrementaldecoder(encoding)()
    chunk, pending, line_no = head[skip:], "", 1
    while True:
        progress.advance(len(chunk))
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            where = line_no + chunk[: max(error.start, 0)].count(b"\n")
            problems.append(Problem(where, "-", _not_utf8(encoding), name))
            return
        if "\x00" in text and encoding == "utf-8":
            problems.append(Problem(0, "-", _not_utf8(encoding), name))
            return
        pieces = (pending + text).split("\n")
        pending = pieces.pop()
        for piece in pieces:
            yield piece + "\n"
            line_no += 1
        if not chunk:
            break
        chunk = source.read(CHUNK)
    if pending:
        yield pending


def _not_utf8(encoding: str) -> str:
    if encoding != "utf-8":
        return _("the file says it is UTF-16 but is not; save it as “CSV UTF-8”")
    return _(
        "the file is not UTF-8 (perhaps Windows-1258 or another old code page): in your "
        "spreadsheet, save it as “CSV UTF-8 (comma delimited)” and import that"
    )
