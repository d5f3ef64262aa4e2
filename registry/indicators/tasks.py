"""The nightly snapshot as a django-tasks job. django-tasks has no scheduler: the job takes the
day's snapshot and queues itself for the next night, and at most one waits in the queue, so the
chain never piles up nor breaks for long. The chain is (re)started after `migrate` (every
deploy), by `manage.py indicators snapshot`, and by the first read of a day. Where tasks run in
this process (the embedded default, no worker) nothing is queued: the first read of a day
stores the day's snapshot instead (`snapshots.store_if_none_today`)."""

import logging
from datetime import datetime, time, timedelta

from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import snapshots

logger = logging.getLogger("dnhub.indicators")

# Just after midnight (TIME_ZONE): the day's snapshot, before anyone reads the day's figures.
SNAPSHOT_TIME = time(0, 5)


@task()
def take_daily_snapshot() -> int:
    taken = snapshots.take()
    schedule_next()
    return len(taken)


def next_run(now: datetime | None = None) -> datetime:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, SNAPSHOT_TIME))


def worker_runs_tasks() -> bool:
    return take_daily_snapshot.get_backend().supports_defer


def schedule_next(run_after: datetime | None = None) -> bool:
    """Queue the next nightly snapshot unless one already waits; whether one was queued. Never
    raises: a missed link is mended by the next read, snapshot command or deploy."""
    if not worker_runs_tasks():
        return False
    try:
        with transaction.atomic():  # a failure leaves the caller's transaction usable
            if is_scheduled():
                return False
            take_daily_snapshot.using(run_after=run_after or next_run()).enqueue()
    except DatabaseError:
        logger.exception("Could not queue the nightly indicator snapshot")
        return False
    return True


def is_scheduled() -> bool:
    if not worker_runs_tasks():
        return False
    return DBTaskResult.objects.filter(
        status="READY", task_path=take_daily_snapshot.module_path
    ).exists()


def schedule_after_migrate(**kwargs) -> None:
    schedule_next()
