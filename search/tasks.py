from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import sync

COME_BACK = timedelta(seconds=5)


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
