"""The search service: what the API and the portal call. Elasticsearch when configured and
healthy; the database backend while it is not."""

import logging
from collections.abc import Callable

from . import sync
from .backends import database_backend, elasticsearch_backend
from .backends.elasticsearch import ES_FAILURES
from .breaker import elasticsearch_breaker
from .matching import engine
from .matching.engine import Match
from .matching.spec import MatchSpec
from .query import Hit, SearchQuery, SearchResults

logger = logging.getLogger("dnhub.search")


def _answer(ask: Callable):
    """`ask(backend)` on Elasticsearch; on the database while Elasticsearch fails."""
    es = elasticsearch_backend()
    if es is not None and elasticsearch_breaker.allows():
        try:
            result = ask(es)
        except ES_FAILURES as error:
            elasticsearch_breaker.failed()
            logger.warning("Elasticsearch failed (%s); answering from the database", error)
        else:
            if elasticsearch_breaker.succeeded():
                sync.retry_soon()  # Elasticsearch is back: what waited in the outbox goes now
            return result
    return ask(database_backend())


def search(query: SearchQuery) -> SearchResults:
    return _answer(lambda backend: backend.search(query))


def search_many(queries: list[SearchQuery]) -> list[SearchResults]:
    return _answer(lambda backend: backend.search_many(queries))


def suggest(text: str, limit: int = 10) -> list[Hit]:
    return _answer(lambda backend: backend.suggest(text, limit))


def match(spec: MatchSpec) -> tuple[str, int, list[Match]]:
    """The backend that answered, the number of candidates and the best of them."""
    return _answer(lambda backend: (backend.name, *engine.rank(backend, spec)))


def backend_name_for_suggest() -> str:
    es = elasticsearch_backend()
    return "elasticsearch" if es is not None and elasticsearch_breaker.allows() else "database"
