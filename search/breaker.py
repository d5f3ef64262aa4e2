"""A circuit breaker for Elasticsearch: after a failure, stop calling it for a while, so that
not every request pays the timeout while the server is down."""

import threading
import time

from django.conf import settings


class CircuitBreaker:
    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failing = False

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until

    def failed(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + settings.SEARCH_BREAKER_SECONDS
            self._failing = True

    def succeeded(self) -> bool:
        """Close the breaker; True when this success ends a run of failures (the caller may then
        retry what waited meanwhile)."""
        with self._lock:
            self._open_until = 0.0
            recovered, self._failing = self._failing, False
            return recovered


elasticsearch_breaker = CircuitBreaker()
