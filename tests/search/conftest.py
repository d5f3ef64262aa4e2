import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.test import TestCase

from search.backends import database_backend, elasticsearch_backend
from search.breaker import elasticsearch_breaker
from search.query import parse
from tests.conftest import drop_indices, lines, run_import, shares_module_seed

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# Every backend this run can reach: the database always, Elasticsearch when configured.
BACKENDS = ["database", *(["elasticsearch"] if settings.ELASTICSEARCH_URL else [])]


@pytest.fixture(autouse=True)
def _empty_index(request):
    """The database rolls back after each test; the Elasticsearch index must be emptied too
    (except the seed a module shares, which goes when the module ends)."""
    elasticsearch_breaker.succeeded()
    yield
    es = elasticsearch_backend()
    if es is not None and not shares_module_seed(request.node):
        drop_indices(es)
    elasticsearch_breaker.succeeded()


@pytest.fixture(params=BACKENDS)
def backend(request):
    return database_backend() if request.param == "database" else elasticsearch_backend()


def query(**params):
    return parse(QueryDict(urlencode(params, doseq=True)))


def find(backend, **params):
    if backend.name == "elasticsearch":
        backend.refresh()
    return backend.search(query(**params))


def refs(results):
    return [hit.ref for hit in results.hits]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Import records and run what runs after the commit (the outbox drain)."""

    def do(*records, draft=False):
        with django_capture_on_commit_callbacks(execute=True):
            result = run_import(lines(*records), publish=not draft)
        assert result.ok, result.problems
        es = elasticsearch_backend()
        if es is not None and elasticsearch_breaker.allows():
            es.refresh()  # what a user sees within a second; a test wants it now
        return result

    return do


def seed_records() -> list[dict]:
    return [
        json.loads(line)
        for path in sorted(SEEDS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


@pytest.fixture(scope="module")
def _module_seed(django_db_setup, django_db_blocker):
    """The seed records, imported and indexed once per test module, inside a transaction rolled
    back when the module ends; each test's own transaction is a savepoint within it. (Importing
    them again for each of some 60 tests cost a second or more apiece.)"""
    records = seed_records()
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                result = run_import(lines(*records))
            assert result.ok, result.problems
            es = elasticsearch_backend()
            if es is not None and elasticsearch_breaker.allows():
                es.refresh()
        except BaseException:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)
            raise
    yield records
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)
    if es is not None:
        drop_indices(es)


@pytest.fixture
def seeded(request, db):
    """Every seed record, published and indexed. Read-only tests share one import per module
    (see shares_module_seed); the others get their own."""
    if shares_module_seed(request.node):
        return request.getfixturevalue("_module_seed")
    records = seed_records()
    request.getfixturevalue("publish")(*records)
    return records


def pytest_collection_modifyitems(config, items):
    """Tests of the Elasticsearch server itself run where one is configured (the PostgreSQL +
    Elasticsearch run); elsewhere they are deselected, not skipped."""
    if settings.ELASTICSEARCH_URL:
        return
    deselected = [item for item in items if item.get_closest_marker("elasticsearch")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]
