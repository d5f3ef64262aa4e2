"""The daily escalation as a django-tasks job, chained like the indicators' nightly snapshot
(registry/indicators/tasks.py): the job escalates, then queues itself for the next morning;
at most one waits. `migrate` (every deploy) and `manage.py escalate_questions` (re)start the
chain. Where tasks run in-process (the embedded default, no worker) nothing is queued: run the
command daily instead (cron)."""

import logging
from datetime import datetime, time, timedelta

from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .services import escalate

logger = logging.getLogger("dnhub.ask")

ESCALATION_TIME = time(8, 0)  # the curators' working morning (TIME_ZONE)


@task()
def escalate_unanswered() -> int:
    sent = escalate()
    schedule_next()
    return sent


def next_run(now: datetime | None = None) -> datetime:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, ESCALATION_TIME))


def worker_runs_tasks() -> bool:
    return escalate_unanswered.get_backend().supports_defer


def schedule_next(run_after: datetime | None = None) -> bool:
    """Queue the next escalation unless one already waits; whether one was queued. Never raises:
    a missed link is mended by the next deploy or command."""
    if not worker_runs_tasks():
        return False
    try:
        with transaction.atomic():
            waiting = DBTaskResult.objects.filter(
                status="READY", task_path=escalate_unanswered.module_path
            )
            if waiting.exists():
                return False
            escalate_unanswered.using(run_after=run_after or next_run()).enqueue()
    except DatabaseError:
        logger.exception("Could not queue the daily escalation of questions")
        return False
    return True


def schedule_after_migrate(**kwargs) -> None:
    schedule_next()
