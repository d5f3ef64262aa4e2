"""Elasticsearch stops in the middle of the run: searches fall back to the database, saves keep
working and wait in the outbox; after a restart the outbox drains and verify is clean."""

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from registry.models import Zone
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
        assert not elasticsearch_breaker.allows()  # later requests skip Elasticsearch at once
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


def test_work_done_during_an_outage_reaches_elasticsearch_without_a_drain(
    client, publish, settings, django_capture_on_commit_callbacks
):
    """Nobody runs `search_index drain`: once Elasticsearch is back, the portal's own traffic
    brings the records imported and unpublished meanwhile into search, suggest and the map."""
    settings.SEARCH_BREAKER_SECONDS = 5  # the breaker's wait, shortened to keep the test quick
    old = ZONE | {"ref": "old-park", "name": "Khu cũ Biên Hòa", "name_en": "Old Park"}
    publish(ZONE, old)

    elasticsearch("stop")
    try:
        plots = [
            PLOT | {"ref": f"test-b{n:02}", "code": f"B{n:02}", "name": f"Lô Mới {n:02}"}
            for n in range(20)
        ]
        publish(*plots)
        with django_capture_on_commit_callbacks(execute=True):
            Zone.objects.get(ref="old-park").unpublish()
        assert IndexTask.objects.filter(processed_at__isnull=True).count() == 21
    finally:
        elasticsearch("start")

    def right() -> bool:
        found = client.get("/api/v1/search/", {"q": "lo moi", "page_size": 50}).json()
        old_found = client.get("/api/v1/search/", {"q": "khu cu bien hoa"}).json()
        suggested = client.get("/api/v1/suggest/", {"q": "khu cu"}).json()
        mapped = client.get("/api/v1/geojson/").json()
        on_map = {f["properties"]["ref"] for f in mapped["features"]}
        return (
            found["backend"] == old_found["backend"] == mapped["backend"] == "elasticsearch"
            and found["count"] == 20
            and old_found["count"] == 0
            and not [s for s in suggested["results"] if s["ref"] == "old-park"]
            and "old-park" not in on_map
            and len(on_map) == 21
        )

    deadline = time.monotonic() + 60
    while not right():
        assert time.monotonic() < deadline, "the outbox was not retried within 60 s"
        time.sleep(1)
    assert sync.pending_count() == 0
