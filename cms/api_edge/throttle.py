"""Per-client throttling of the public API (API_THROTTLE: `limit` requests per `period` seconds
from one address), counted in the shared cache of the portal's rate limits so that it holds
across worker processes and servers.

One counter per client and window, not one slot per request as in portal/ratelimit.py: an API
allowance is hundreds a minute, and that many rows per client would crowd the database cache
until it culls, forgetting the sign-in limits with the rest. Redis counts exactly (INCR); the
database cache's increment is a read then a write, so simultaneous requests of one client may
be counted as one: a throttle that is a few requests generous under bursts, never stricter."""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils.translation import gettext as _

from search.api_http import error

from ..portal.ratelimit import CACHE, client_address

logger = logging.getLogger("dnhub.api")


def refusal(request):
    """The 429 for a client over its allowance (this request counted), else None."""
    if not settings.API_THROTTLE:
        return None
    limit, period = settings.API_THROTTLE
    now = time.time()
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"rate:api:{client}:{period}:{int(now // period)}"
    try:
        used = _count(key, period)
    except Exception:
        # The throttle guards capacity; a failing shared cache must not also take the read
        # API down (the readiness probe reports the cache).
        logger.warning("API throttle: the shared cache failed; request let through", exc_info=True)
        return None
    if used <= limit:
        return None
    retry_after = max(1, math.ceil(period - now % period))
    response = error(
        429,
        "too_many_requests",
        _(
            "Too many requests from this address: at most %(limit)d in %(period)d seconds. "
            "Try again in %(retry)d seconds."
        )
        % {"limit": limit, "period": period, "retry": retry_after},
    )
    response["Retry-After"] = str(retry_after)
    return response


def _count(key: str, period: int) -> int:
    """This request's number in its client's window."""
    cache = caches[CACHE]
    if isinstance(cache, RedisCache):
        return _count_in_redis(cache, key, period)
    if cache.add(key, 1, period):
        return 1
    try:
        used = cache.incr(key)
    except ValueError:  # the window's counter expired between the two calls
        cache.add(key, 1, period)
        return 1
    if period > cache.default_timeout:
        cache.touch(key, period)  # the database cache's incr re-sets the default expiry
    return used


def _count_in_redis(cache: RedisCache, key: str, period: int) -> int:
    """INCR and EXPIRE in one round trip: it runs on every API request, and the portable
    add-then-incr costs three (Django's incr checks that the key exists first). The expiry is
    set again on each request, harmlessly: the window's key is not used after the window."""
    name = cache.make_and_validate_key(key)
    pipeline = cache._cache.get_client(name, write=True).pipeline()
    pipeline.incr(name)
    pipeline.expire(name, period)
    used, _expiry_set = pipeline.execute()
    return used
