"""The search service: what the API and the portal call. Elasticsearch when configured and
healthy; the database backend while it is not."""

import logging
from collections.abc import Callable

from django.utils.translation import gettext as _
from elastic_transport import TransportError
from elasticsearch import ApiError

from .backends import database_backend, elasticsearch_backend
from .backends.elasticsearch import ElasticsearchError
from .breaker import elasticsearch_breaker
from .matching import engine
from .matching.engine import Match
from .matching.spec import MatchSpec
from .query import Hit, InvalidQuery, SearchQuery, SearchResults

logger = logging.getLogger("dnhub.search")
ES_FAILURES = (TransportError, ApiError, ElasticsearchError)


class QueryRefused(InvalidQuery):
    """Elasticsearch answered and refused the query (too many clauses, too deep a window): the
    asker's 400, not an outage."""

    def __init__(self):
        super().__init__(
            {"query": _("the search service cannot run a query this large; ask for fewer values")}
        )


def _refused(error: Exception) -> bool:
    if not isinstance(error, ApiError):
        return False
    # _msearch answers 200 overall and carries each search's own status in its body.
    body = error.body if isinstance(error.body, dict) else {}
    return error.meta.status == 400 or body.get("status") == 400


def _answer(ask: Callable):
    """`ask(backend)` on Elasticsearch; on the database while Elasticsearch fails."""
    es = elasticsearch_backend()
    if es is not None and elasticsearch_breaker.allows():
        try:
            result = ask(es)
        except ES_FAILURES as error:
            if _refused(error):
                # The server is healthy: tripping the breaker would punish every other user.
                logger.warning("Elasticsearch refused a query: %s", error)
                raise QueryRefused() from error
            elasticsearch_breaker.failed()
            logger.warning("Elasticsearch failed (%s); answering from the database", error)
        else:
            elasticsearch_breaker.succeeded()
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
