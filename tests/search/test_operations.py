"""`search_index` for an operator: clear answers while Elasticsearch is down, failed rebuilds
reported as failed, half-built indices found and removed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registry.models import Zone
from search import sync, tasks
from search.backends import elasticsearch_backend
from search.models import IndexRebuild, IndexTask, SearchEntry
from search.tasks import drain_search_outbox
from tests.conftest import PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db
DOWN = "http://127.0.0.1:9"  # nothing listens there: Elasticsearch is down


def run(*args) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def failing(*args) -> tuple[str, str]:
    """Output and error of a command that must fail cleanly (manage.py prints the error on one
    line and exits 1; anything but CommandError would be a traceback)."""
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("search_index", *args, stdout=out, stderr=StringIO())
    return out.getvalue(), str(error.value)


def test_status_during_an_outage_says_so_and_fails(settings, publish):
    publish(ZONE)
    settings.ELASTICSEARCH_URL = DOWN
    out, error = failing("status")
    assert "Published searchable records in the database: 1" in out
    assert "database: 1 documents" in out
    assert "elasticsearch: UNREACHABLE" in out
    assert "Elasticsearch" in error and "unreachable" in error


def test_verify_during_an_outage_says_so_and_fails(settings, publish):
    publish(ZONE)
    settings.ELASTICSEARCH_URL = DOWN
    out, error = failing("verify")
    assert "database: 0 missing, 0 extra, 0 stale" in out
    assert "elasticsearch: UNREACHABLE" in out
    assert "unreachable" in error


def test_a_rebuild_during_an_outage_fails_cleanly_and_is_recorded_as_failed(settings, publish):
    publish(ZONE)
    settings.ELASTICSEARCH_URL = DOWN
    out, error = failing("rebuild")
    assert "database: 1 documents" in out
    assert "unreachable" in error
    run_ = IndexRebuild.objects.get(backend="elasticsearch")
    assert run_.status == IndexRebuild.Status.FAILED and run_.error
    out, _error = failing("status")
    assert "elasticsearch: UNREACHABLE" in out
    assert "last rebuild: —" in out and "last attempt FAILED" in out


@pytest.mark.elasticsearch
def test_a_failed_rebuild_does_not_count_as_the_last_rebuild(settings, publish):
    publish(ZONE)
    run("rebuild")
    good = IndexRebuild.objects.get(backend="elasticsearch")
    up = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = DOWN
    failing("rebuild")
    settings.ELASTICSEARCH_URL = up
    out = run("status")
    line = next(x for x in out.splitlines() if x.startswith("elasticsearch:"))
    assert f"last rebuild: {good.finished_at:%Y-%m-%d %H:%M:%S}" in line
    assert "last attempt FAILED" in line


@pytest.mark.elasticsearch
def test_a_half_built_index_is_reported_and_removed_by_the_next_rebuild(publish):
    publish(ZONE)
    run("rebuild")
    es = elasticsearch_backend()
    # A rebuild killed mid-way: its index stays, its run never finished and went quiet long ago.
    killed = f"{es.alias}-20260101000000000000"
    es.create_index(killed, refresh_interval="-1")
    stale = timezone.now() - timedelta(hours=1)
    IndexRebuild.objects.create(backend="elasticsearch", index_name=killed, started_at=stale)
    IndexRebuild.objects.filter(index_name=killed).update(updated_at=stale)
    # Another rebuild at work right now: its index must be left alone.
    busy = f"{es.alias}-20260101000000000001"
    es.create_index(busy, refresh_interval="-1")
    IndexRebuild.objects.create(backend="elasticsearch", index_name=busy, started_at=timezone.now())

    out = run("status")
    assert f"orphaned index: {killed}" in out
    assert f"orphaned index: {busy}" not in out and f"rebuilding now: {busy}" in out

    run("rebuild")
    indices = es.all_indices()
    assert killed not in indices and busy in indices
    assert f"orphaned index: {killed}" not in run("status")


def test_a_record_unpublished_but_not_yet_reindexed_is_never_served(client, publish):
    """The index still holds it (the outbox has not been applied yet, as after an outage):
    search, suggest and the map leave it out all the same."""
    publish(ZONE, ZONE | {"ref": "other-park", "name": "Khu thử nghiệm hai"})
    Zone.objects.get(ref="test-park").unpublish()  # in the test's transaction: no drain runs
    assert IndexTask.objects.filter(ref="test-park", processed_at__isnull=True).exists()

    found = client.get("/api/v1/search/", {"q": "khu thu nghiem"}).json()
    assert [r["ref"] for r in found["results"]] == ["other-park"] and found["count"] == 1
    suggested = client.get("/api/v1/suggest/", {"q": "khu thu"}).json()
    assert [s["ref"] for s in suggested["results"]] == ["other-park"]
    mapped = client.get("/api/v1/geojson/").json()
    assert [f["properties"]["ref"] for f in mapped["features"]] == ["other-park"]


def test_with_a_worker_waiting_work_is_queued_once_and_applied_by_it(client, settings, publish):
    """TASKS_BACKEND=database: the retry goes to the worker, and never piles up."""
    publish(ZONE)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Zone.objects.get(ref="test-park").unpublish()  # its drain never ran, as in an outage
    IndexTask.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    cache.delete(tasks.RETRY_CHECKED_KEY)  # the throttle of earlier tests' requests

    client.get("/api/v1/suggest/", {"q": "khu"})  # any request notices the waiting work
    tasks.retry_soon()
    tasks.retry_soon()
    queued = DBTaskResult.objects.filter(status="READY", task_path=drain_search_outbox.module_path)
    assert queued.count() == 1

    queued.get().task.call()  # what the worker does with it (db_worker closes the test's
    # database connection, so it cannot run inside a test's transaction on PostgreSQL)
    assert sync.pending_count() == 0
    assert not SearchEntry.objects.filter(ref="test-park").exists()


@pytest.mark.elasticsearch
def test_a_drain_that_reaches_elasticsearch_again_takes_the_waiting_work_along(
    settings, publish, django_capture_on_commit_callbacks
):
    settings.SEARCH_BREAKER_SECONDS = 0  # no wait before the next try, to keep the test short
    up = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(lines(ZONE)).ok
    assert sync.pending_count() == 1
    # As after a long outage: the next attempt is minutes away.
    IndexTask.objects.update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    settings.ELASTICSEARCH_URL = up

    publish(PLOT)  # the next change's drain reaches Elasticsearch
    assert sync.pending_count() == 0
    elasticsearch_backend().refresh()
    assert sorted(elasticsearch_backend().fingerprints()) == ["plot:test-a01", "zone:test-park"]


def test_an_import_writes_its_index_work_in_its_own_transaction(django_capture_on_commit_callbacks):
    """The outbox rows of an import are written with its records, before the commit; when the
    transaction fails they go with them: nothing is indexed that was never stored."""
    with (
        django_capture_on_commit_callbacks(execute=False) as after_commit,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert run_import(lines(ZONE, PLOT)).ok
        waiting = set(IndexTask.objects.values_list("ref", flat=True))
        assert waiting == {"test-park", "test-a01"}  # written, nothing drained yet
        raise RuntimeError("the surrounding transaction fails")
    assert not Zone.objects.filter(ref="test-park").exists()
    assert not IndexTask.objects.exists()
    assert len(after_commit) == 0  # a rolled-back import never drains
