"""Search answers kept in the shared cache (Redis in production) between changes of the data.

The key is made of the data's state (`search.freshness.data_state`, read by the API's middleware
before the view), the request's path with its parameters and the active language. The indices a
search reads change only when the outbox is drained, and the drain stamps `processed_at` after
both indices hold the change, which moves the state's token: the next request looks under a new
key, so a publish, unpublish or delete is never answered from before it, in any process.

An answer is kept only from a settled state (nothing waits in the outbox, and the latest change
is older than Elasticsearch's refresh): while a change is on its way into the indices, a search
could see it half applied, and such an answer must not outlive the moment."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .freshness import DataState

CONTENT_TYPE = "application/json"


def _key(request, what: str) -> str | None:
    state: DataState | None = getattr(request, "api_state", None)
    if state is None or not settings.SEARCH_ANSWER_CACHE_SECONDS:
        return None
    asked = f"{state.token}\n{get_language()}\n{request.get_full_path()}"
    return f"search:answer:{what}:{hashlib.sha256(asked.encode()).hexdigest()[:40]}"


def cached_answer(request, what: str) -> HttpResponse | None:
    """The answer kept for this request in the current state, if any."""
    key = _key(request, what)
    if key is None:
        return None
    body = cache.get(key)
    if body is None:
        return None
    return HttpResponse(body, content_type=CONTENT_TYPE)


def keep(request, what: str, response: HttpResponse) -> None:
    """Keep a successful answer, from a settled state only (see the module's docstring)."""
    key = _key(request, what)
    if key is None or response.status_code != 200 or not request.api_state.settled:
        return
    cache.set(key, response.content, settings.SEARCH_ANSWER_CACHE_SECONDS)
