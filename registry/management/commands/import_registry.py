import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.interchange.importer import import_file


class Command(BaseCommand):
    help = (
        "Import registry records from an interchange JSON Lines file, a CSV file (one kind) or "
        "an XLSX workbook (one sheet per kind), chosen by the file's extension. Every line or "
        "row is validated first; a file with any invalid one writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help=".jsonl, .csv or .xlsx file, or - for JSON Lines on standard input"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate and report only")
        parser.add_argument(
            "--draft", action="store_true", help="import as drafts instead of publishing"
        )

    def handle(self, path, dry_run, draft, **options):
        if path == "-":
            stream, total = sys.stdin.buffer, 0
        else:
            try:
                stream, total = open(path, "rb"), os.path.getsize(path)  # noqa: SIM115
            except OSError as error:
                raise CommandError(
                    _("cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
                ) from None
        with stream:
            result = import_file(
                stream,
                "-.jsonl" if path == "-" else path,
                publish=not draft,
                dry_run=dry_run,
                total_bytes=total,
                stderr=self.stderr,
            )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d problem(s) in %(path)s; nothing was written.")
                % {"count": len(result.problems), "path": path}
            )
        kinds = sorted(set(result.created) | set(result.updated) | set(result.unchanged))
        for kind in kinds:
            self.stdout.write(
                _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                % {
                    "kind": kind,
                    "created": result.created[kind],
                    "updated": result.updated[kind],
                    "unchanged": result.unchanged[kind],
                }
            )
        if dry_run:
            self.stdout.write(
                _("Dry run: %(lines)d lines valid; nothing was written.") % {"lines": result.lines}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported %(lines)d lines as %(state)s.")
                    % {
                        "lines": result.lines,
                        "state": _("drafts") if draft else _("published records"),
                    }
                )
            )
