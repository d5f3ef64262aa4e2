"""An import's preview and its application as django-tasks tasks: in the request itself with the
immediate backend (the embedded default), else in the worker (`manage.py db_worker`), while
the admin's page shows the progress the run records."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from registry.models import ImportRun

from . import runs

Status = ImportRun.Status


@task()
def preview_import(run_id: int) -> None:
    runs.run_preview(run_id)


@task()
def apply_import(run_id: int) -> None:
    runs.run_apply(run_id)


def start(user, upload, language: str) -> ImportRun:
    """Keep the uploaded file and ask for its preview."""
    run = ImportRun.objects.create(
        user=user,
        file_name=upload.name[:255],
        size=upload.size,
        format=runs.file_format(upload.name),
        file=upload,
        language=language,
        status=Status.PREVIEWING,
        stage=_("Waiting for its turn"),
    )
    transaction.on_commit(lambda: preview_import.enqueue(run.pk))
    return run


def apply(run: ImportRun, publish: bool) -> bool:
    """Ask for the previewed run to be written, as published records or as drafts. Refused
    (False) unless the preview is ready and found no problem."""
    claimed = ImportRun.objects.filter(pk=run.pk, status=Status.PREVIEWED, problems=[]).update(
        status=Status.APPLYING, publish=publish, stage=_("Waiting for its turn"), done=0, total=0
    )
    if claimed:
        transaction.on_commit(lambda: apply_import.enqueue(run.pk))
    return bool(claimed)
