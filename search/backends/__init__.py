from functools import cache

from django.conf import settings

from .base import SearchBackend
from .database import DatabaseBackend
from .elasticsearch import ElasticsearchBackend


@cache
def _elasticsearch(url: str, prefix: str):
    return ElasticsearchBackend(url, prefix)


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


def elasticsearch_backend():
    """The Elasticsearch backend when ELASTICSEARCH_URL is set, else None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _elasticsearch(settings.ELASTICSEARCH_URL, settings.SEARCH_INDEX_PREFIX)


def configured_backends() -> list[SearchBackend]:
    """Every index to keep: the database one always (it is also the fallback), Elasticsearch
    when configured."""
    es = elasticsearch_backend()
    return [database_backend(), *([es] if es else [])]


def get_backend() -> SearchBackend:
    """The backend searches go to: Elasticsearch when configured, else the database."""
    return elasticsearch_backend() or database_backend()
