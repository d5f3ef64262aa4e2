"""The health endpoints that load balancers, compose and monitoring probe (cms/health.py)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from search.models import IndexTask

pytestmark = pytest.mark.django_db
# Nothing listens on port 1: a dependency that is down, for real, without a mock.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@override_settings(ALLOWED_HOSTS=["hub.dongnai.example"], SECURE_SSL_REDIRECT=True)
def test_probes_with_an_ip_host_over_plain_http_are_answered(client):
    """Load balancers probe http://10.0.0.7/healthz: neither a 400 (disallowed host) nor a
    redirect to HTTPS, while every other page keeps both protections."""
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/vi/", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/vi/", HTTP_HOST="hub.dongnai.example").status_code == 301


def test_readyz_reports_each_dependency(client):
    body = client.get("/readyz").json()
    checks = body["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["cache"]["status"] == "ok"
    assert checks["tasks"]["status"] == "ok"
    assert checks["tasks"]["outbox_pending"] == 0
    assert checks["tasks"]["outbox_oldest_seconds"] is None
    assert checks["tasks"]["tasks_pending"] == 0
    if settings.ELASTICSEARCH_URL:
        # Each test empties the index (tests/search/conftest.py): no alias yet.
        assert checks["search"]["status"] in {"ok", "no_index"}
    else:
        assert checks["search"]["status"] == "not_configured"
        assert body["status"] == "ok"


@override_settings(CACHES=DEAD_REDIS)
def test_readyz_is_503_when_the_cache_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"
    # The error's class name only: no address, no message that could hold a password.
    assert "127.0.0.1" not in response.content.decode()


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:1")
def test_readyz_stays_ready_but_degraded_when_elasticsearch_is_down(client):
    """Searches fall back to the database: the site can serve, monitoring must still see it."""
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["status"] == "down"
    assert "127.0.0.1" not in response.content.decode()


def test_readyz_reports_an_old_backlog_as_degraded(client):
    task = IndexTask.objects.create(kind="plot", ref="P-1")
    IndexTask.objects.filter(pk=task.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    response = client.get("/readyz")
    assert response.status_code == 200
    tasks = response.json()["checks"]["tasks"]
    assert tasks["outbox_pending"] == 1
    assert tasks["outbox_oldest_seconds"] >= 30 * 60
    assert tasks["status"] == "late"
    assert response.json()["status"] == "degraded"
