"""Per-address hourly allowances (inquiries, sign-ups, sign-ins), counted in the cache."""

import hashlib

from django.core.cache import cache

HOUR = 3600


def _key(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return f"rate:{scope}:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def spent(request, scope: str, limit: int) -> bool:
    """True once this address has used its allowance for the hour."""
    return cache.get(_key(request, scope), 0) >= limit


def count(request, scope: str) -> None:
    key = _key(request, scope)
    cache.set(key, cache.get(key, 0) + 1, HOUR)


def rate_limited(request, scope: str, limit: int) -> bool:
    """Count this attempt against the allowance; True once it is spent (nothing counted then)."""
    if spent(request, scope, limit):
        return True
    count(request, scope)
    return False
