"""The search service: what the API and the portal call. Elasticsearch when configured and
healthy; the database backend while it is not."""

import logging

from elastic_transport import TransportError
from elasticsearch import ApiError

from .backends import database_backend, elasticsearch_backend
from .backends.elasticsearch import ElasticsearchError
from .breaker import elasticsearch_breaker
from .query import Hit, SearchQuery, SearchResults

logger = logging.getLogger("dnhub.search")
ES_FAILURES = (TransportError, ApiError, ElasticsearchError)


def _answer(method: str, *args):
    es = elasticsearch_backend()
    if es is not None and elasticsearch_breaker.allows():
        try:
            result = getattr(es, method)(*args)
        except ES_FAILURES as error:
            elasticsearch_breaker.failed()
            logger.warning("Elasticsearch failed (%s); answering from the database", error)
        else:
            elasticsearch_breaker.succeeded()
            return result
    return getattr(database_backend(), method)(*args)


def search(query: SearchQuery) -> SearchResults:
    return _answer("search", query)


def suggest(text: str, limit: int = 10) -> list[Hit]:
    return _answer("suggest", text, limit)


def backend_name_for_suggest() -> str:
    es = elasticsearch_backend()
    return "elasticsearch" if es is not None and elasticsearch_breaker.allows() else "database"
