"""The API throttle counted in Redis, as production counts it: one round trip per request
(cms/api_edge/throttle.py), the same allowance and 429 as with the database cache, and a
counter that expires with its window."""

import os
import random
import time

import pytest
from django.core.cache import caches

from tests.search.test_answer_cache import CACHES


@pytest.fixture
def redis_counts(settings):
    if not CACHES["redis"]["LOCATION"]:
        if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("TEST_REDIS_URL is not set (scripts/test sets it from scripts/redis)")
        pytest.skip("TEST_REDIS_URL is not set: run scripts/redis start and set it")
    settings.CACHES = {**settings.CACHES, "ratelimit": CACHES["redis"]}
    left = 60 - time.time() % 60
    if left < 5:  # not across the end of a one-minute window
        time.sleep(left)
    settings.API_THROTTLE = (3, 60)
    # Addresses of their own per run: Redis outlives the test database.
    run = random.randrange(256)  # noqa: S311
    return f"198.18.{run}.1", f"198.18.{run}.2"


def test_redis_counts_each_request_and_refuses_the_one_over(client, redis_counts):
    address, someone_else = redis_counts
    for _ in range(3):
        assert client.get("/api/v1/match/profiles/", REMOTE_ADDR=address).status_code == 200
    refused = client.get("/api/v1/search/", REMOTE_ADDR=address)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert client.get("/api/v1/match/profiles/", REMOTE_ADDR=someone_else).status_code == 200
    redis = caches["ratelimit"]._cache.get_client(write=False)
    counters = [k for k in redis.scan_iter("*rate:api:*") if 0 < redis.ttl(k) <= 60]
    assert counters, "every window's counter expires with its window"
