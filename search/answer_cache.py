"""Search answers kept in the shared cache (Redis in production) between changes of the data.

The key is made of the data's state (`search.freshness.data_state`, read by the API's middleware
before the view), the request's path with its parameters and the active language. The indices a
search reads change only when the outbox is drained, and the drain stamps `processed_at` after
both indices hold the change, which moves the state's token: the next request looks under a new
key, so a publish, unpublish or delete is never answered from before it, in any process.

An answer is kept only from a settled state (nothing waits in the outbox, and the latest change
is older than Elasticsearch's refresh): while a change is on its way into the indices, a search
could see it half applied, and such an answer must not outlive the moment. Nor is an answer the
database backend gave in Elasticsearch's stead: it must not outlive the outage.

The taxonomy (technology names, synonyms, codes) shapes the answers too, but is not part of the
registry's state: a digest of it is in the key. A failing cache is no reason to fail a search:
the answer is then computed, and a warning logged."""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from registry.models import Technology

from .freshness import DataState

CONTENT_TYPE = "application/json"
logger = logging.getLogger("dnhub.search")
TAXONOMY_FIELDS = [field.attname for field in Technology._meta.concrete_fields]


class Recent:
    """The most recently used answers also in this process's memory, in front of the shared
    cache: a hit here spares a round trip to Redis. The keys are the same (the state's token
    is in them) and each expires as the shared cache's do, so this is never staler than it."""

    def __init__(self, size: int):
        self.size = size
        self._answers: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()  # gunicorn's threads share it

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                return None
            expires, body = found
            if time.monotonic() >= expires:
                del self._answers[key]
                return None
            self._answers.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        expires = time.monotonic() + settings.SEARCH_ANSWER_CACHE_SECONDS
        with self._lock:
            self._answers[key] = (expires, body)
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


recent = Recent(256)  # ~10 kB an answer: a few MB per process at most


def _key(request, what: str) -> str | None:
    state: DataState | None = getattr(request, "api_state", None)
    if state is None or not settings.SEARCH_ANSWER_CACHE_SECONDS:
        return None
    asked = f"{state.token}\n{taxonomy_digest()}\n{get_language()}\n{request.get_full_path()}"
    return f"search:answer:{what}:{hashlib.sha256(asked.encode()).hexdigest()[:40]}"


def taxonomy_digest() -> str:
    """Differs whenever a technology is added, edited or removed (a small table, one query)."""
    rows = Technology.objects.order_by("pk").values_list(*TAXONOMY_FIELDS)
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def cached_answer(request, what: str) -> HttpResponse | None:
    """The answer kept for this request in the current state, if any."""
    key = _key(request, what)
    if key is None:
        return None
    body = recent.get(key)
    if body is None:
        try:
            body = cache.get(key)
        except Exception:  # noqa: BLE001 - whatever the cache backend raises: search without it
            logger.warning("search answer cache unavailable", exc_info=True)
            return None
        if body is None:
            return None
        recent.put(key, body)
    return HttpResponse(body, content_type=CONTENT_TYPE)


def keep(request, what: str, response: HttpResponse, *, primary: bool = True) -> None:
    """Keep a successful answer, from a settled state and the primary backend only (see the
    module's docstring)."""
    key = _key(request, what)
    if key is None or response.status_code != 200 or not request.api_state.settled or not primary:
        return
    recent.put(key, response.content)
    try:
        cache.set(key, response.content, settings.SEARCH_ANSWER_CACHE_SECONDS)
    except Exception:  # noqa: BLE001 - as in cached_answer
        logger.warning("search answer cache unavailable", exc_info=True)
