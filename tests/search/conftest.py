import pytest

from search.backends import get_backend


@pytest.fixture(autouse=True)
def _empty_index():
    """The database rolls back after each test; the Elasticsearch index must be emptied too."""
    backend = get_backend()
    yield
    if hasattr(backend, "drop"):
        backend.drop()
