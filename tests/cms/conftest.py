import pytest
from django.core.cache import cache, caches

# The search tests' fixtures: published records, reachable through both search backends.
from tests.search.conftest import _empty_index, _module_seed, publish, seeded  # noqa: F401

DB_FIXTURES = {"db", "transactional_db", "client", "admin_client", "django_db_setup"}


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Page paths and the sample notice live in the cache, rate limits in the shared one (a
    database table, or Redis): start empty. Tests without the database have no table."""
    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    shared = [caches["ratelimit"]] if uses_db else []
    if uses_db:
        request.getfixturevalue("_django_db_helper")
    for each in [cache, *shared]:
        each.clear()
    yield
    for each in [cache, *shared]:
        each.clear()
