"""Figures aggregated over whole tables (the home page's counts, the open-data page's datasets),
kept in the cache between changes of the data they are computed from.

The key is made of the state the caller reads afresh on every request: the registry's public
state (`search.freshness.data_state().token`: every save moves `updated_at`, every publish,
unpublish and delete writes the outbox) and whatever else the figures depend on. A change gives
a new key at once, so nothing is ever served stale, in this process or another (the pattern of
`search.indicator_cache`); the expiry is only a safety net against keys nobody asks for again."""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from search.indicator_cache import KEPT_SECONDS

T = TypeVar("T")


def kept(what: str, compute: Callable[[], T], *state: str) -> T:
    """`compute()`, or what it gave when `state` was the same."""
    digest = hashlib.sha256("\n".join(state).encode()).hexdigest()[:40]
    key = f"portal:{what}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, KEPT_SECONDS)
    return found
