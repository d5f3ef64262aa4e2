"""Elasticsearch stops in the middle of the run: searches fall back to the database, saves keep
working and wait in the outbox; after a restart the outbox drains and verify is clean."""

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from search import lifecycle, service, sync
from search.backends import elasticsearch_backend
from search.breaker import elasticsearch_breaker
from search.models import IndexTask
from tests.conftest import PLOT, ZONE
from tests.search.conftest import query

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch"


def elasticsearch(action: str) -> None:
    port = str(urlparse(settings.ELASTICSEARCH_URL).port or 9200)
    subprocess.run(
        ["bash", str(SCRIPT), action],
        check=True,  # noqa: S603, S607
        env={**os.environ, "ES_PORT": port},
        timeout=180,
        capture_output=True,
    )


def test_outage_falls_back_keeps_writes_and_recovers(client, publish):
    publish(ZONE)
    elasticsearch_backend().refresh()
    assert service.search(query(q="khu thu nghiem")).backend == "elasticsearch"

    elasticsearch("stop")
    try:
        results = service.search(query(q="khu thu nghiem"))
        assert results.backend == "database"
        assert [h.ref for h in results.hits] == ["test-park"]
        assert elasticsearch_breaker.is_open  # later requests skip Elasticsearch at once
        body = client.get("/api/v1/search/", {"q": "khu thu nghiem"}).json()
        assert body["backend"] == "database" and body["count"] == 1

        publish(PLOT)  # a curator keeps working
        assert IndexTask.objects.filter(processed_at__isnull=True, ref="test-a01").exists()
        waiting = IndexTask.objects.get(ref="test-a01", processed_at__isnull=True)
        assert waiting.attempts == 1 and waiting.next_attempt_at is not None
        assert [h.ref for h in service.search(query(q="lo a01")).hits] == ["test-a01"]

        # The portal's pages and the match API keep answering from the database.
        page = client.get("/en/search/", {"q": "lo a01"})
        assert page.status_code == 200 and "/en/registry/plot/test-a01/" in page.content.decode()
        assert client.get("/en/site-finder/", {"go": "1"}).status_code == 200
        match = client.post("/api/v1/match/", "{}", content_type="application/json").json()
        assert match["backend"] == "database" and match["count"] == 1
    finally:
        elasticsearch("start")

    elasticsearch_breaker.succeeded()
    IndexTask.objects.update(next_attempt_at=None)  # due now, instead of after the backoff
    result = sync.drain()
    assert result["deferred"] == 0 and result["pending"] == 0
    es = elasticsearch_backend()
    es.refresh()
    assert lifecycle.verify(es, lifecycle.expected_fingerprints()).clean
    assert service.search(query(q="lo a01")).backend == "elasticsearch"
