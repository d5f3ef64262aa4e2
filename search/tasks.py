"""The outbox's drain as a django-tasks task, and when it runs: here, at once, where tasks run
in this process (the embedded default), else through the worker; and the retries after an
Elasticsearch outage, which nobody has to start by hand (see `search.sync`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.models import DBTaskResult

from registry.progress import Progress

from . import sync
from .models import IndexTask

logger = logging.getLogger("dnhub.search")
COME_BACK = timedelta(seconds=5)
RETRY_CHECKED_KEY = "search:outbox:retry-checked"
RETRYING_KEY = "search:outbox:retrying"
RETRY_LOCK_SECONDS = 300  # a retry that dies holding the lock blocks others this long at most


@task()
def drain_search_outbox() -> dict:
    """Apply pending search index work; while some waits (Elasticsearch down, backoff), try it
    again if Elasticsearch answers, and come back in a few seconds."""
    result = sync.drain()
    if result["pending"]:
        result = sync.retry_pending() or result
    if result["pending"]:
        enqueue_drain_once(run_after=timezone.now() + COME_BACK)
    return result


def enqueue_drain_once(run_after=None) -> None:
    """Queue a drain unless one already waits in the queue: retries never pile up."""
    backend = drain_search_outbox.get_backend()
    if not backend.supports_defer:
        return
    waiting = DBTaskResult.objects.filter(status="READY", task_path=drain_search_outbox.module_path)
    if not waiting.exists():
        drain_search_outbox.using(run_after=run_after).enqueue()


def _runs_here() -> bool:
    """Tasks run in this process (the embedded default) rather than in a worker."""
    return isinstance(drain_search_outbox.get_backend(), ImmediateBackend)


def schedule_drain(stderr=None) -> None:
    """Drain now, with a progress bar, where tasks run in this process (the embedded default);
    otherwise hand the drain to the task worker."""
    try:
        if _runs_here():
            pending = sync.pending_count()
            progress = Progress(_("Indexing for search"), pending, stream=stderr)
            sync.drain(progress=progress)
            progress.close()
        else:
            drain_search_outbox.enqueue()
    except Exception:  # the outbox keeps the work; `search_index drain` or the next write retries
        logger.exception("Could not drain the search outbox")


def retry_soon() -> None:
    """Retry waiting work: here, one retry at a time, where tasks run in this process; else
    through the worker. Never raises: the outbox keeps the work for the next try."""
    try:
        if not sync.pending_count():
            return
        if not _runs_here():
            enqueue_drain_once()
            return
        if not cache.add(RETRYING_KEY, True, RETRY_LOCK_SECONDS):
            return  # another request is retrying now
        try:
            sync.retry_pending()
        finally:
            cache.delete(RETRYING_KEY)
    except Exception:
        logger.exception("Could not retry the search outbox")


def retry_if_stale() -> None:
    """On requests, at most once every SEARCH_RETRY_CHECK_SECONDS (per cache): if outbox work
    has waited longer than that, retry it. One cache call on most requests."""
    period = settings.SEARCH_RETRY_CHECK_SECONDS
    try:
        if period <= 0 or not cache.add(RETRY_CHECKED_KEY, True, period):
            return
        stale = timezone.now() - timedelta(seconds=period)
        if IndexTask.objects.filter(processed_at__isnull=True, created_at__lt=stale).exists():
            retry_soon()
    except Exception:  # a request must never fail for this; the next check tries again
        logger.exception("Could not check the search outbox")
