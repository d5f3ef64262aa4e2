from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.interchange.exporter import iter_records, write_jsonl
from registry.interchange.spreadsheet import CSV_DELIMITERS, write_csv
from registry.interchange.workbook import write_xlsx
from registry.models import KINDS

FORMATS = ["jsonl", *CSV_DELIMITERS, "xlsx"]


class Command(BaseCommand):
    help = "Export registry records in the interchange format (published only by default)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", choices=list(KINDS), help="only this kind (repeatable)"
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="jsonl",
            help="csv-semicolon: CSV separated by semicolons, for spreadsheets in a Vietnamese "
            "locale; xlsx: one workbook, a sheet per kind (needs -o)",
        )
        parser.add_argument(
            "--include-drafts", action="store_true", help="drafts too, for a full backup"
        )
        parser.add_argument(
            "-o", "--output", help="file (or, for CSV of several kinds, a folder; for XLSX, a file)"
        )

    def handle(self, kind, format, include_drafts, output, **options):
        kinds = kind or list(KINDS)
        if format == "jsonl":
            with self._open(output) as out:
                count = write_jsonl(iter_records(kinds, include_drafts), out)
        elif format == "xlsx":
            count = self._xlsx(kinds, include_drafts, output)
        elif len(kinds) == 1 and not (output and Path(output).is_dir()):
            with self._open(output) as out:
                count = write_csv(kinds[0], iter_records(kinds, include_drafts), out, format)
        else:
            if not output:
                raise CommandError(_("CSV of several kinds needs -o FOLDER (one file per kind)."))
            folder = Path(output)
            folder.mkdir(parents=True, exist_ok=True)
            count = 0
            for one in kinds:
                with open(folder / f"{one}.csv", "w", encoding="utf-8", newline="") as out:
                    count += write_csv(one, iter_records([one], include_drafts), out, format)
        self.stderr.write(_("Exported %(count)d records.") % {"count": count})

    def _xlsx(self, kinds, include_drafts, output) -> int:
        if not output:
            raise CommandError(_("XLSX needs -o FILE (a workbook is not written to a terminal)."))
        try:
            with open(output, "wb") as out:
                return write_xlsx(kinds, lambda one: iter_records([one], include_drafts), out)
        except OSError as error:
            raise CommandError(
                _("cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror}
            ) from None

    def _open(self, output):
        if not output:
            return _NoClose(self.stdout)
        try:
            return open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as error:
            raise CommandError(
                _("cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror}
            ) from None


class _NoClose:
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        self.stream.flush()
