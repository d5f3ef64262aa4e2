import pytest
from django.core.cache import cache

# The search tests' fixtures: published records, reachable through both search backends.
from tests.search.conftest import _empty_index, publish, seeded  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Page paths, the sample notice and inquiry rate limits live in the cache: start empty."""
    cache.clear()
    yield
    cache.clear()
