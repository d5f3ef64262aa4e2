from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import sync


@task()
def drain_search_outbox() -> dict:
    """Apply pending search index work; when some must wait (backoff), come back later."""
    result = sync.drain()
    if result["deferred"] or result["pending"]:
        backend = drain_search_outbox.get_backend()
        if backend.supports_defer:
            drain_search_outbox.using(run_after=timezone.now() + timedelta(seconds=5)).enqueue()
    return result
