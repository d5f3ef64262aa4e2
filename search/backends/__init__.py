from functools import cache

from django.conf import settings

from .base import SearchBackend


@cache
def _backend_for(url: str, prefix: str) -> SearchBackend:
    if url:
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(url, prefix)
    from .database import DatabaseBackend

    return DatabaseBackend()


def get_backend() -> SearchBackend:
    """Elasticsearch when ELASTICSEARCH_URL is set, otherwise the embedded database backend."""
    return _backend_for(settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)
