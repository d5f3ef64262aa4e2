"""One row of a kind's sheet (XLSX) or of a CSV file as an interchange record, and the header's
checks; shared by the CSV and XLSX readers."""

from django.utils.translation import gettext as _

from .spreadsheet import columns, record_from_row
from .validation import Problem
from .wards import ward_code_for


def row_record(kind: str, row_no: int, sheet: str, cells: dict, problems: list) -> dict | None:
    """The interchange record of one row of a kind's sheet; None if the row cannot be one."""
    given_kind = cells.get("kind")
    if isinstance(given_kind, str):
        given_kind = given_kind.strip()
    if given_kind not in (None, "", kind):
        problems.append(
            Problem(
                row_no,
                "kind",
                _(
                    "this sheet holds %(kind)s records, not %(given)s: put each kind in its "
                    "own sheet"
                )
                % {"kind": kind, "given": given_kind},
                sheet,
            )
        )
        return None
    ward = cells.get("ward_code")
    if isinstance(ward, str) and ward.strip() and not ward.strip().isdigit():
        code, reason = ward_code_for(ward)
        if reason:
            problems.append(Problem(row_no, "ward_code", reason, sheet))
        cells = cells | {"ward_code": code}
    record = record_from_row(kind, cells)
    record["kind"] = kind
    return record


def header_problems(kind: str, header: list, sheet: str) -> list[Problem]:
    """Columns a kind's sheet cannot have: unknown keys and keys given twice (row 1)."""
    known = {column.key for column in columns(kind)}
    problems, seen = [], set()
    for key in header:
        if key is None:
            continue
        if key not in known:
            problems.append(
                Problem(1, key, _("unknown column for %(kind)s") % {"kind": kind}, sheet)
            )
        elif key in seen:
            problems.append(Problem(1, key, _("this column appears twice"), sheet))
        seen.add(key)
    return problems
