"""Hourly allowances (inquiries, sign-ups, sign-ins, password resets, second-factor codes), kept in
the shared cache (`CACHES["ratelimit"]`: a database table, or Redis when REDIS_URL is set), so
that every worker process and every server counts against the same numbers.

A fixed window per hour. Each attempt claims one numbered slot with `cache.add`, which is atomic
on both backends (an INSERT on the primary key for the database cache, SET NX on Redis): of any
number of concurrent attempts, exactly `limit` get a slot. Increments are not used because
DatabaseCache.incr is a read then a write (two workers both read 4 and both write 5); for the
same reason django-ratelimit, built on incr, is not used.

The client is identified by its address as the trusted proxies saw it (TRUSTED_PROXY_COUNT),
accounts by their normalised name; both are hashed before they reach the cache.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

HOUR = 3600
CACHE = "ratelimit"
CLAIM_RETRIES = 3  # a slot `add` may fail on a busy database without being taken


def _cache():
    return caches[CACHE]


def client_address(request) -> str:
    """The visitor's address. With N trusted proxies in front (TRUSTED_PROXY_COUNT), the N-th
    entry from the right of X-Forwarded-For (the one our outermost proxy appended); entries
    further left are the client's own claims and are ignored. A short or malformed header falls
    back to REMOTE_ADDR, so garbage cannot pick someone else's bucket or an empty one."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote


def _digest(subject: str) -> str:
    return hashlib.sha256(subject.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Allowance:
    """`limit` attempts per `period` seconds for one subject (an address, an account) in one
    scope (what is being attempted)."""

    scope: str
    subject: str
    limit: int
    period: int = HOUR

    def _base(self, now: float) -> str:
        window = int(now // self.period)
        return f"rate:{self.scope}:{_digest(self.subject)}:{window}"

    def retry_after(self) -> int:
        """Seconds until the current window ends and the allowance is whole again."""
        now = time.time()
        return max(1, math.ceil(self.period - now % self.period))

    def spent(self) -> bool:
        """True once every slot of this window is taken (nothing is counted)."""
        return _cache().get(f"{self._base(time.time())}:{self.limit}") is not None

    def claim(self) -> str | None:
        """Count one attempt: the key of the slot it took, or None once the allowance is spent."""
        base = self._base(time.time())
        hint_key = f"{base}:hint"
        # Slots 1..hint are known to be taken; start after them. A stale hint costs only a few
        # extra `add`s, never a wrong answer.
        first = int(_cache().get(hint_key) or 0) + 1
        for n in range(first, self.limit + 1):
            slot = f"{base}:{n}"
            for _attempt in range(CLAIM_RETRIES):
                if _cache().add(slot, 1, self.period):
                    _cache().set(hint_key, n, self.period)
                    return slot
                if _cache().get(slot) is not None:
                    break  # taken by someone else: try the next one
        return None

    def release(self, slot: str) -> None:
        """Give back a slot (a sign-in that succeeded does not count as a failure)."""
        _cache().delete(slot)
        base, _, number = slot.rpartition(":")
        # Let the next claim look at the freed slot again. Racing with a claim that raises the
        # hint can only lose the slot for this window: stricter, never looser.
        _cache().set(f"{base}:hint", int(number) - 1, self.period)


def allowance(request, scope: str, limit: int, period: int = HOUR) -> Allowance:
    """The allowance of the client making this request."""
    return Allowance(scope, f"client:{client_address(request)}", limit, period)


def account_allowance(scope: str, account: str, limit: int, period: int = HOUR) -> Allowance:
    """The allowance of one account (a user name or e-mail address), from wherever it is tried."""
    return Allowance(scope, f"account:{account.strip().lower()}", limit, period)


def spent(request, scope: str, limit: int) -> bool:
    """True once this client has used its allowance for the hour."""
    return allowance(request, scope, limit).spent()


def rate_limited(request, scope: str, limit: int) -> bool:
    """Count this attempt against the client's allowance; True once it is spent."""
    return allowance(request, scope, limit).claim() is None


def claim_all(allowances) -> tuple[list[str], Allowance | None]:
    """Claim a slot in each allowance; if one is spent, give the others back. Returns the slots
    taken and the allowance that was spent (None when all had room)."""
    slots = []
    for each in allowances:
        slot = each.claim()
        if slot is None:
            for taken, owner in zip(slots, allowances, strict=False):
                owner.release(taken)
            return [], each
        slots.append(slot)
    return slots, None
