"""Keeps the search indices in step with what is published, through a durable outbox.

A publish, unpublish, delete or revert writes an IndexTask row in the same transaction as the
change; after the commit a django-tasks task drains the outbox: every due task is applied to the
database index and, when configured, to Elasticsearch. When Elasticsearch fails, its tasks stay
in the outbox and are retried with exponential backoff; nothing is lost.

Retries need no one to run `search_index drain`: when Elasticsearch answers again after failing
(the breaker closes) and, at most every SEARCH_RETRY_CHECK_SECONDS, on any request while
work has waited longer than that, the waiting work is made due and drained (`tasks.retry_soon`);
where a worker runs the tasks, its drain task also comes back every few seconds while work waits.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .backends import database_backend, elasticsearch_backend
from .backends.elasticsearch import ES_FAILURES
from .breaker import elasticsearch_breaker
from .documents import INDEXED_KINDS, doc_id, documents_for
from .models import IndexTask

logger = logging.getLogger("dnhub.search")
BATCH = 1000
KEEP_PROCESSED = timedelta(days=1)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, settings.SEARCH_RETRY_MAX_SECONDS))


def enqueue(kind: str, items: list[tuple[int | None, str]]) -> bool:
    """Record index work for (record id, ref) pairs, in the caller's transaction. False when
    there is none (a kind search does not index, or no items)."""
    if kind not in INDEXED_KINDS or not items:
        return False
    IndexTask.objects.bulk_create(
        (IndexTask(kind=kind, record_id=record_id, ref=ref) for record_id, ref in items),
        batch_size=1000,
    )
    return True


def retry_pending() -> dict | None:
    """Work waiting in the outbox after a failure: if Elasticsearch answers again, apply all of
    it now instead of after its backoff. None when nothing was tried."""
    if not pending_count():
        return None
    es = elasticsearch_backend()
    if es is not None:
        if not elasticsearch_breaker.allows():
            return None
        if not es.reachable():
            elasticsearch_breaker.failed()
            return None
        elasticsearch_breaker.succeeded()
    IndexTask.objects.filter(processed_at__isnull=True).update(next_attempt_at=None)
    return drain()


def due_tasks():
    now = timezone.now()
    return IndexTask.objects.filter(processed_at__isnull=True).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def apply(tasks: list[IndexTask], backends) -> None:
    """Index the published records among these tasks and remove the others, on every backend."""
    by_kind: dict[str, dict[int | None, set[str]]] = defaultdict(lambda: defaultdict(set))
    for task in tasks:
        by_kind[task.kind][task.record_id].add(task.ref)
    for kind, refs_by_id in by_kind.items():
        ids = [i for i in refs_by_id if i is not None]
        docs = documents_for(kind, ids)[0] if ids else []
        live_refs = {d["ref"] for d in docs}
        # Unpublished, deleted, or renamed (the old ref's document must go too).
        removed = {
            doc_id(kind, ref)
            for refs in refs_by_id.values()
            for ref in refs
            if ref not in live_refs
        }
        for backend in backends:
            backend.index(docs)
            backend.remove(sorted(removed))


def drain(limit: int | None = None, progress=None) -> dict:
    """Apply due outbox tasks in batches. Returns counts; never raises for Elasticsearch."""
    es = elasticsearch_backend()
    done = failed = 0
    # The newest task stays whatever its age: the registry's state (search.freshness) reads the
    # outbox's latest times, and an emptied outbox would give back a token from before a deletion.
    newest = IndexTask.objects.order_by("-pk").values("pk")[:1]
    IndexTask.objects.filter(processed_at__lt=timezone.now() - KEEP_PROCESSED).exclude(
        pk__in=newest
    ).delete()
    while limit is None or done + failed < limit:
        batch = list(due_tasks().order_by("id")[:BATCH])
        if not batch:
            break
        apply(batch, [database_backend()])
        es_error = None
        if es is not None:
            if not elasticsearch_breaker.allows():
                es_error = "Elasticsearch circuit open"
            else:
                try:
                    apply(batch, [es])
                    if elasticsearch_breaker.succeeded():
                        # Back after failing: what waits out its backoff goes in this drain.
                        IndexTask.objects.filter(
                            processed_at__isnull=True, next_attempt_at__isnull=False
                        ).update(next_attempt_at=None)
                except ES_FAILURES as error:
                    elasticsearch_breaker.failed()
                    es_error = str(error)[:500]
        ids = [task.pk for task in batch]
        if es_error is None:
            IndexTask.objects.filter(pk__in=ids).update(processed_at=timezone.now())
            done += len(batch)
            if progress:
                progress.advance(len(batch))
            continue
        now = timezone.now()
        for task in batch:
            task.attempts += 1
            task.next_attempt_at = now + backoff(task.attempts)
            task.last_error = es_error
        IndexTask.objects.bulk_update(batch, ["attempts", "next_attempt_at", "last_error"])
        failed += len(batch)
        logger.warning(
            "Search outbox: Elasticsearch unavailable (%s); %d tasks wait", es_error, len(batch)
        )
        break  # no retry storm: wait for the backoff
    return {"processed": done, "deferred": failed, "pending": pending_count()}


def pending_count() -> int:
    return IndexTask.objects.filter(processed_at__isnull=True).count()


def replay_since(since, backends) -> int:
    """Re-apply every task created since `since` (processed or not): a rebuild's catch-up."""
    tasks = list(IndexTask.objects.filter(created_at__gte=since).order_by("id"))
    for start in range(0, len(tasks), BATCH):
        apply(tasks[start : start + BATCH], backends)
    return len(tasks)
