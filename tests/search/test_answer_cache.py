"""The search API keeps answers in the shared cache, and never serves one from before a change:
search, publish, rename, unpublish, delete, and the very next search shows each change. On
both database runs (SQLite + the database backend, PostgreSQL + Elasticsearch), with the
in-process cache and with Redis, the cache production uses (TEST_REDIS_URL, set by scripts/test
from scripts/redis)."""

import os
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from registry.models import Plot, Technology, Zone
from search import answer_cache, freshness, lifecycle, service, sync
from search.backends import configured_backends, database_backend, elasticsearch_backend
from search.breaker import elasticsearch_breaker
from search.models import IndexTask, SearchEntry
from tests.conftest import PLOT, ZONE

CACHES = {
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("TEST_REDIS_URL", ""),
    },
}
SEARCH = "/api/v1/search/?q=thu+nghiem&lang=en"
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture(params=list(CACHES))
def shared_cache(db, request, settings, monkeypatch):
    """The default cache as the parameter says, and every answer kept at once: the state is
    settled as soon as a change is indexed (the tests refresh Elasticsearch themselves, as the
    two seconds of SETTLE otherwise allow it to)."""
    if request.param == "redis" and not CACHES["redis"]["LOCATION"]:
        if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("TEST_REDIS_URL is not set (scripts/test sets it from scripts/redis)")
        pytest.skip("TEST_REDIS_URL is not set: run scripts/redis start and set it")
    settings.CACHES = {**settings.CACHES, "default": CACHES[request.param]}
    settings.SEARCH_ANSWER_CACHE_SECONDS = 60
    monkeypatch.setattr(freshness, "SETTLE", timedelta(0))
    searched = []
    real_search = service.search

    def counted(query):
        searched.append(query)
        return real_search(query)

    monkeypatch.setattr(service, "search", counted)
    answer_cache.recent.clear()
    yield searched
    answer_cache.recent.clear()
    if request.param == "memory":
        cache.clear()  # Redis keeps its keys: they name states no later run reproduces


def found(client) -> dict[str, str]:
    body = client.get(SEARCH).json()
    return {hit["ref"]: hit["name_en"] or hit["name"] for hit in body["results"]}


def change(django_capture_on_commit_callbacks, act) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        act()
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()


def test_a_repeated_search_is_answered_from_the_cache(client, publish, shared_cache):
    publish(ZONE)
    first = client.get(SEARCH)
    again = client.get(SEARCH)
    assert len(shared_cache) == 1  # the second answer came from the cache
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == "application/json"
    answer_cache.recent.clear()  # as another worker process would ask: the shared cache answers
    assert client.get(SEARCH).content == first.content
    assert len(shared_cache) == 1
    vietnamese = client.get(SEARCH.replace("lang=en", "lang=vi"))
    assert len(shared_cache) == 2  # another language is another answer
    assert b"/vi/" in vietnamese.content and b"/vi/" not in first.content


def test_no_change_is_ever_answered_from_before_it(
    client, publish, shared_cache, django_capture_on_commit_callbacks
):
    publish(ZONE)
    assert found(client) == {"test-park": "Test Park"}
    assert found(client) == {"test-park": "Test Park"}  # kept

    publish(PLOT | {"name": "Lô thử nghiệm A01", "name_en": "Test lot A01"})
    assert found(client) == {"test-park": "Test Park", "test-a01": "Test lot A01"}

    publish(ZONE | {"name_en": "Renamed Test Park"})
    assert found(client) == {"test-park": "Renamed Test Park", "test-a01": "Test lot A01"}

    change(django_capture_on_commit_callbacks, Zone.objects.get(ref="test-park").unpublish)
    assert found(client) == {"test-a01": "Test lot A01"}

    change(django_capture_on_commit_callbacks, Plot.objects.get(ref="test-a01").delete)
    assert found(client) == {}
    assert len(shared_cache) == 5  # each answer after a change was searched afresh


def test_an_answer_is_not_kept_while_a_change_is_on_its_way(client, publish, shared_cache):
    """Published but not yet indexed (the worker has not drained the outbox): answers given
    meanwhile are not kept, so the change shows as soon as the indices hold it."""
    publish(ZONE)
    publish(PLOT | {"name": "Lô thử nghiệm A01"}, draft=True)
    plot = Plot.objects.get(ref="test-a01")
    plot.save_revision().publish()  # its outbox task waits: no commit callback runs here
    assert freshness.data_state().settled is False
    client.get(SEARCH)
    client.get(SEARCH)
    assert len(shared_cache) == 2


def test_a_taxonomy_edit_is_seen_by_the_next_search(client, publish, shared_cache):
    """A curator's new synonym finds records at once, though no record changed."""
    publish(ZONE)  # tagged with AI
    url = "/api/v1/search/?q=quasarword&lang=en"
    assert client.get(url).json()["results"] == []
    technology = Technology.objects.get(code="ai")
    technology.synonyms = [*(technology.synonyms or []), "quasarword"]
    technology.save()
    assert [hit["ref"] for hit in client.get(url).json()["results"]] == ["test-park"]


def test_an_answer_kept_in_a_process_expires_with_the_shared_cache(
    client, publish, shared_cache, monkeypatch
):
    publish(ZONE)
    client.get(SEARCH)
    client.get(SEARCH)
    assert len(shared_cache) == 1
    later = time.monotonic() + 61  # SEARCH_ANSWER_CACHE_SECONDS is 60 here
    monkeypatch.setattr(answer_cache.time, "monotonic", lambda: later)
    cache.delete_many(list(answer_cache.recent._answers))  # the shared cache's copy expired too
    client.get(SEARCH)
    assert len(shared_cache) == 2


def test_a_deletion_is_not_forgotten_when_old_outbox_tasks_are_pruned(
    client, publish, shared_cache, django_capture_on_commit_callbacks
):
    """The drain prunes day-old outbox tasks; the registry's state must not come back to what it
    was before a deletion (a kept answer or an export's ETag would hold the deleted record)."""
    publish(ZONE)
    publish(PLOT | {"name": "Lô thử nghiệm A01", "name_en": "Test lot A01"})
    publish(PLOT | {"ref": "test-a02", "code": "A02", "name": "Lô A02"})  # the plots' latest
    publish(ZONE | {"name_en": "Test Park 2"})  # the zone holds the latest record times
    day_old = timezone.now() - timedelta(days=2)
    IndexTask.objects.update(processed_at=day_old)
    sync.drain()
    before = freshness.data_state().token
    assert "test-a01" in found(client)
    change(django_capture_on_commit_callbacks, Plot.objects.get(ref="test-a01").delete)
    IndexTask.objects.update(processed_at=day_old)
    sync.drain()
    assert freshness.data_state().token != before
    assert "test-a01" not in found(client)


def test_a_rebuild_is_searched_at_once(client, publish, shared_cache):
    """An index that lost a document (drift) is rebuilt: the next search reads the new one."""
    publish(ZONE)
    publish(PLOT | {"name": "Lô thử nghiệm A01", "name_en": "Test lot A01"})
    SearchEntry.objects.filter(ref="test-a01").delete()
    if elasticsearch_backend() is None:
        assert "test-a01" not in found(client)
    for backend in configured_backends():
        lifecycle.rebuild(backend)
    assert "test-a01" in found(client)


def test_the_search_api_answers_when_the_shared_cache_is_down(db, client, publish, settings):
    publish(ZONE)
    dead = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": DEAD_REDIS}
    settings.CACHES = {**settings.CACHES, "default": dead, "ratelimit": dead}
    answer_cache.recent.clear()
    answer = client.get(SEARCH.replace("thu+nghiem", "test"))
    assert answer.status_code == 200
    assert [hit["ref"] for hit in answer.json()["results"]] == ["test-park"]


@pytest.mark.elasticsearch
def test_an_answer_given_during_an_elasticsearch_outage_is_not_kept(
    client, publish, shared_cache, monkeypatch
):
    publish(ZONE)
    url = "/api/v1/search/?q=tset+park&lang=en"  # a typo Elasticsearch forgives
    with monkeypatch.context() as outage:
        outage.setattr(elasticsearch_breaker, "allows", lambda: False)
        assert client.get(url).json()["backend"] == "database"
    assert client.get(url).json()["backend"] == "elasticsearch"


def test_a_repaired_index_is_searched_at_once(client, publish, shared_cache):
    """`search_index verify --repair` puts back a lost document: the next search finds it."""
    publish(ZONE)
    publish(PLOT | {"name": "Lô thử nghiệm A01", "name_en": "Test lot A01"})
    SearchEntry.objects.filter(ref="test-a01").delete()
    backend = database_backend()
    drift = lifecycle.verify(backend, lifecycle.expected_fingerprints())
    assert drift.missing == ["plot:test-a01"]
    if elasticsearch_backend() is None:
        assert "test-a01" not in found(client)
    lifecycle.repair(backend, drift)
    assert "test-a01" in found(client)
