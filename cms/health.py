"""Health endpoints for load balancers, container runtimes and monitoring.

- `/healthz`: the process is up and answering. Touches nothing else, so a slow database never
  makes an orchestrator kill healthy web processes.
- `/readyz`: can this process serve the portal now? Checks the database and the cache
  (required: 503 when either fails), Elasticsearch when configured (optional: searches fall back
  to the database, so it being down makes the answer "degraded" but still 200), and reports the
  background backlog (search outbox and task queue: counts and the oldest item's age).

Both are answered by a middleware placed before everything else: load balancers probe with the
machine's IP address as Host, which ALLOWED_HOSTS rejects, and over plain HTTP, which the
production HTTPS redirect would bounce. The answers hold no personal data, no host names, no
error messages that could carry credentials: only statuses, counts and timings.
"""

import json
import logging
import time
from datetime import timedelta

from django.core.cache import caches
from django.db import connection
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search.backends import elasticsearch_backend
from search.models import IndexTask

logger = logging.getLogger("dnhub.health")

# A backlog whose oldest item waited longer than this means the worker is not keeping up (or not
# running): the answer becomes "degraded", still 200, so that monitoring sees it.
BACKLOG_DEGRADED_AFTER = timedelta(minutes=5)
PROBE_TIMEOUT_SECONDS = 1.0


def _json(payload: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), content_type="application/json", status=status)
    response["Cache-Control"] = "no-store"
    return response


def _timed(check) -> dict:
    """Run one check; any failure becomes status "down" with the error's class name only."""
    started = time.monotonic()
    try:
        result = check() or {}
        result.setdefault("status", "ok")
    except Exception as error:  # a probe reports failures, it never raises them
        logger.warning("readiness check %s failed: %r", check.__name__, error)
        result = {"status": "down", "error": type(error).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    """The default cache and the shared one the rate limits count in (a database table or
    Redis): sign-ins and inquiries fail without it."""
    key = "dnhub:readyz"
    for alias in ("default", "ratelimit"):
        caches[alias].set(key, "1", 10)
        if caches[alias].get(key) != "1":
            raise RuntimeError(f"cache {alias} did not return what was stored")


def check_search() -> dict:
    es = elasticsearch_backend()
    if es is None:
        return {"status": "not_configured"}
    client = es.client.options(request_timeout=PROBE_TIMEOUT_SECONDS)
    if not client.indices.exists_alias(name=es.alias):
        return {"status": "no_index"}
    return {"status": "ok"}


def _age_seconds(oldest) -> float | None:
    return round((timezone.now() - oldest).total_seconds(), 1) if oldest else None


def check_backlog() -> dict:
    outbox = IndexTask.objects.filter(processed_at__isnull=True).aggregate(oldest=Min("created_at"))
    queued = DBTaskResult.objects.filter(status="READY").aggregate(oldest=Min("enqueued_at"))
    report = {
        "outbox_pending": IndexTask.objects.filter(processed_at__isnull=True).count(),
        "outbox_oldest_seconds": _age_seconds(outbox["oldest"]),
        "tasks_pending": DBTaskResult.objects.filter(status="READY").count(),
        "tasks_oldest_seconds": _age_seconds(queued["oldest"]),
    }
    limit = BACKLOG_DEGRADED_AFTER.total_seconds()
    late = any((report[k] or 0) > limit for k in ("outbox_oldest_seconds", "tasks_oldest_seconds"))
    report["status"] = "late" if late else "ok"
    return report


def healthz() -> HttpResponse:
    return _json({"status": "ok"})


def readyz() -> HttpResponse:
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    if checks["database"]["status"] == "ok":
        checks["tasks"] = _timed(check_backlog)
    checks["search"] = _timed(check_search)
    if any(checks[name]["status"] != "ok" for name in ("database", "cache")):
        return _json({"status": "unavailable", "checks": checks}, status=503)
    degraded = checks["search"]["status"] not in {"ok", "not_configured"} or checks.get(
        "tasks", {}
    ).get("status") not in {"ok", None}
    return _json({"status": "degraded" if degraded else "ok", "checks": checks})


ENDPOINTS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before host validation and the HTTPS redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is not None and request.method in {"GET", "HEAD"}:
            return endpoint()
        return self.get_response(request)
