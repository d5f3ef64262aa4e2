"""The export as HTTP downloads (`GET /api/v1/export/`): which formats exist, what a request
got wrong, and the response with its media type and file name. Published records only."""

import json
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from registry.models import KINDS

from .exporter import iter_records
from .spreadsheet import CSV_DELIMITERS, csv_lines
from .workbook import XLSX_CONTENT_TYPE, write_xlsx

EXPORT_FORMATS = ("jsonl", *CSV_DELIMITERS, "xlsx")


def export_parameter_errors(kinds: list[str], fmt: str) -> dict[str, str]:
    """Each bad parameter with its reason (empty when the request is good)."""
    fields = {}
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        fields["kind"] = _("unknown value %(values)s; expected one of: %(allowed)s") % {
            "values": ", ".join(unknown),
            "allowed": ", ".join(KINDS),
        }
    if fmt not in EXPORT_FORMATS:
        fields["format"] = _("expected one of: %(allowed)s") % {
            "allowed": ", ".join(EXPORT_FORMATS)
        }
    elif fmt in CSV_DELIMITERS and len(kinds) != 1:
        fields["kind"] = _("CSV holds one kind: give exactly one kind")
    return fields


def export_response(kinds: list[str], fmt: str, records_of=None):
    """The download of the published records of these kinds (parameters already checked), or
    of what `records_of(kind)` yields (the admin's filtered list, drafts included)."""
    kinds = list(dict.fromkeys(kinds))  # a kind asked twice is exported once
    records_of = records_of or (lambda kind: iter_records([kind]))
    if fmt == "jsonl":
        records = (record for kind in kinds for record in records_of(kind))
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
        filename = "dnhub-registry.jsonl"
    elif fmt in CSV_DELIMITERS:
        kind = kinds[0]
        response = StreamingHttpResponse(
            csv_lines(kind, records_of(kind), fmt), content_type="text/csv; charset=utf-8"
        )
        filename = f"dnhub-{kind}.csv" if fmt == "csv" else f"dnhub-{kind}-semicolon.csv"
    else:
        # A workbook is a zip, written whole before it can be sent: to a temporary file (on
        # disk beyond a few MB), never kept in memory.
        workbook = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
        write_xlsx(kinds, records_of, workbook)
        workbook.seek(0)
        response = FileResponse(workbook, content_type=XLSX_CONTENT_TYPE)
        filename = f"dnhub-{kinds[0]}.xlsx" if len(kinds) == 1 else "dnhub-registry.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
