"""What happens to an import run: its preview (a dry run of `import_file`), its application
(the real run, all or nothing), its cancellation and its end. The tasks (`tasks.py`) run the
first two in the background."""

import logging
import threading
import time

from django.db import DatabaseError, connection, connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from registry.interchange.importer import import_file
from registry.models import ImportRun

from .problems import problem_dicts

logger = logging.getLogger("dnhub.registry.imports")
Status = ImportRun.Status
IMPORT_ACTION = "registry.import"
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
MAX_STORED_CHANGES = 2000  # the preview lists this many records; the counts cover all of them
MAX_STORED_PROBLEMS = 1000  # a file wrong on every row is corrected from the first ones


def file_format(name: str) -> str | None:
    """The import format a file name announces, or None when it is none of them."""
    lowered = name.lower()
    return next((fmt for suffix, fmt in FORMATS.items() if lowered.endswith(suffix)), None)


def cancel(run: ImportRun) -> bool:
    """Cancel a run that has written nothing; a preview still running finds it cancelled."""
    return bool(
        ImportRun.objects.filter(
            pk=run.pk, status__in=[Status.UPLOADED, Status.PREVIEWING, Status.PREVIEWED]
        ).update(status=Status.CANCELLED, finished_at=timezone.now(), stage="")
    )


class ProgressRecorder:
    """Writes the stage and counts of long work onto the run, at most twice a second, where
    the admin's page reads them. Inside the import's transaction the row is written through a
    connection of its own (PostgreSQL), else the page would not see it before the end; SQLite
    has one writer at a time, so there it is left until the transaction ends."""

    INTERVAL = 0.5

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < self.INTERVAL and done < total:
            return
        self.last = now
        values = {"stage": str(stage)[:100], "done": done, "total": total}
        if not connection.in_atomic_block:
            ImportRun.objects.filter(pk=self.run_id).update(**values)
        elif connection.vendor == "postgresql":
            thread = threading.Thread(target=self._write_apart, args=(values,))
            thread.start()
            thread.join()

    def _write_apart(self, values: dict) -> None:
        try:
            with connections["default"].cursor() as cursor:
                # Never wait on the import's own locks (the import waits for this thread).
                cursor.execute("SET lock_timeout = '2s'")
            ImportRun.objects.filter(pk=self.run_id).update(**values)
        except DatabaseError:
            logger.warning("Could not record the progress of import run %s", self.run_id)
        finally:
            connections.close_all()  # this thread's own connection


def run_preview(run_id: int) -> None:
    """The dry run: what the file would create, change and leave alone, and its problems."""
    run = ImportRun.objects.filter(pk=run_id, status=Status.PREVIEWING).first()
    if run is None:
        return  # cancelled meanwhile
    with translation.override(run.language), _failing_as_failed(run):
        result = _import(run, dry_run=True, publish=True)
        changes = result.changes
        ImportRun.objects.filter(pk=run.pk, status=Status.PREVIEWING).update(
            status=Status.PREVIEWED,
            summary=summary(result),
            changes=[change_dict(change) for change in changes[:MAX_STORED_CHANGES]],
            problems=problem_dicts(result.problems[:MAX_STORED_PROBLEMS]),
            stage="",
        )


def run_apply(run_id: int) -> None:
    """The real run: every record written, or (a problem found now) none."""
    run = ImportRun.objects.filter(pk=run_id, status=Status.APPLYING).first()
    if run is None:
        return
    with translation.override(run.language), _failing_as_failed(run):
        result = _import(run, dry_run=False, publish=bool(run.publish))
        if not result.ok:
            _fail(run, _("The file no longer imports cleanly; nothing was written."), result)
            return
        run.status = Status.APPLIED
        run.result = summary(result)
        run.finished_at = timezone.now()
        run.stage = ""
        run.save(update_fields=["status", "result", "finished_at", "stage"])
        log(
            run,
            IMPORT_ACTION,
            user=run.user,
            title=run.file_name,
            data={"run": run.pk, "file": run.file_name, "publish": run.publish, **run.result},
        )


def _import(run: ImportRun, *, dry_run: bool, publish: bool):
    recorder = ProgressRecorder(run.pk)
    recorder(_("Reading the file"), 0, run.size)
    with run.file.open("rb") as stream:
        return import_file(
            stream,
            run.file_name,
            publish=publish,
            dry_run=dry_run,
            user=run.user,
            total_bytes=run.size,
            on_progress=recorder,
        )


class _failing_as_failed:
    """Any exception ends the run "failed" with its reason, never a 500 page; the import's
    transaction has already undone whatever it wrote."""

    def __init__(self, run: ImportRun):
        self.run = run

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        if error is None or not isinstance(error, Exception):
            return False
        logger.exception("Import run %s failed", self.run.pk, exc_info=error)
        reason = _("An unexpected error stopped the import (%(error)s); nothing was written.")
        _fail(self.run, reason % {"error": f"{kind.__name__}: {error}"[:500]})
        return True


def _fail(run: ImportRun, reason: str, result=None) -> None:
    run.status = Status.FAILED
    run.error = reason
    run.finished_at = timezone.now()
    run.stage = ""
    fields = ["status", "error", "finished_at", "stage"]
    if result is not None:
        run.problems = problem_dicts(result.problems[:MAX_STORED_PROBLEMS])
        fields.append("problems")
    run.save(update_fields=fields)


def summary(result) -> dict:
    """Counts per kind: created, changed, unchanged (the preview's table, the result's)."""
    return {
        "created": dict(result.created),
        "changed": dict(result.updated),
        "unchanged": dict(result.unchanged),
        "problems": len(result.problems),
    }


def change_dict(change) -> dict:
    return {
        "kind": change.kind,
        "ref": change.ref,
        "name": change.name,
        "action": change.action,
        "fields": [
            {"key": f.key, "old": _shown(f.old), "new": _shown(f.new)} for f in change.fields
        ],
    }


def _shown(value) -> str:
    """A value as the preview prints it: lists joined as in the spreadsheets, empty as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    return str(value)
