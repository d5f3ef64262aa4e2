"""The search service: what the API and the portal call. Elasticsearch when configured and
healthy; the database backend while it is not."""

import logging
from collections.abc import Callable
from dataclasses import replace

from django.utils.translation import gettext as _
from elasticsearch import ApiError

from . import tasks
from .backends import database_backend, elasticsearch_backend
from .backends.elasticsearch import ES_FAILURES
from .breaker import elasticsearch_breaker
from .documents import indexed_model
from .matching import engine
from .matching.engine import Match
from .matching.spec import MatchSpec
from .models import IndexTask
from .query import Hit, InvalidQuery, SearchQuery, SearchResults

logger = logging.getLogger("dnhub.search")


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
            if elasticsearch_breaker.succeeded():
                tasks.retry_soon()  # Elasticsearch is back: what waited in the outbox goes now
            return result
    return ask(database_backend())


def _gone(hits: list[Hit]) -> set[tuple[str, str]]:
    """Among these hits, the records unpublished or deleted whose removal still waits in the
    outbox (an index lags behind after an outage): never served. One query when none waits."""
    waiting = set(
        IndexTask.objects.filter(
            processed_at__isnull=True, ref__in={hit.ref for hit in hits}
        ).values_list("kind", "ref")
    )
    refs_by_kind: dict[str, set[str]] = {}
    for kind, ref in waiting:
        refs_by_kind.setdefault(kind, set()).add(ref)
    for kind, refs in refs_by_kind.items():
        published = indexed_model(kind).objects.published()
        live = published.filter(ref__in=refs).values_list("ref", flat=True)
        waiting -= {(kind, ref) for ref in live}
    return waiting


def _without_gone(results: SearchResults) -> SearchResults:
    gone = _gone(results.hits) if results.hits else set()
    if not gone:
        return results
    hits = [hit for hit in results.hits if (hit.kind, hit.ref) not in gone]
    return replace(results, hits=hits, count=results.count - (len(results.hits) - len(hits)))


def search(query: SearchQuery) -> SearchResults:
    return _without_gone(_answer(lambda backend: backend.search(query)))


def search_many(queries: list[SearchQuery]) -> list[SearchResults]:
    return [_without_gone(r) for r in _answer(lambda backend: backend.search_many(queries))]


def suggest(text: str, limit: int = 10) -> list[Hit]:
    hits = _answer(lambda backend: backend.suggest(text, limit))
    gone = _gone(hits) if hits else set()
    return [hit for hit in hits if (hit.kind, hit.ref) not in gone]


def match(spec: MatchSpec) -> tuple[str, int, list[Match]]:
    """The backend that answered, the number of candidates and the best of them."""
    return _answer(lambda backend: (backend.name, *engine.rank(backend, spec)))


def backend_name_for_suggest() -> str:
    es = elasticsearch_backend()
    return "elasticsearch" if es is not None and elasticsearch_breaker.allows() else "database"
