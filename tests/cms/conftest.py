import pytest
from django.core.cache import cache

# The search tests' fixtures: published records, reachable through both search backends.
from tests.search.conftest import _empty_index, publish, seeded  # noqa: F401

DB_FIXTURES = {"db", "transactional_db", "client", "admin_client", "django_db_setup"}


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Page paths, the sample notice and rate limits live in the cache (a database table, or
    Redis): start empty. Tests without the database have no cache to clear."""
    if not (
        request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames)
    ):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    cache.clear()
    yield
    cache.clear()
