"""Rate limits that hold in production: shared by worker processes, exact under concurrency,
keyed on the visitor's real address behind trusted proxies."""

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client, RequestFactory

from cms.models import Inquiry
from cms.portal.ratelimit import client_address

REPO = Path(__file__).resolve().parents[2]

# Each process: start Django, say it is ready, wait for the word, then try `attempts` times.
# It calls the limiter as the views do, through a request from one address.
HAMMER = """
import sys
import django
django.setup()
from django.test import RequestFactory
from cms.portal.ratelimit import rate_limited
request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
limit, attempts = int(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
print(sum(not rate_limited(request, "hammer", limit) for _ in range(attempts)), flush=True)
"""


def database_url() -> str:
    """The test database, as a URL for processes started by the test."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_several_processes_together_get_exactly_the_limit(migrated):
    """Four worker processes, 15 attempts each, all at once, against a limit of 25: exactly 25
    are accepted (per-process counters accepted up to 4 × 25)."""
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", HAMMER, "25", "15"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    accepted = [int(worker.communicate(timeout=120)[0]) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    assert sum(accepted) == 25, accepted


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_inquiries_against_a_limit_of_five_accept_exactly_five(
    migrated, seeded, settings
):
    settings.INQUIRY_RATE_LIMIT = 5
    url = "/en/registry/zone/lt-digital-park/inquiry/"
    data = {"name": "Kim Min-jun", "company": "Ex", "country": "KR",
            "email": "minjun@example.invalid", "message": "Lot A01?", "consent": "on"}  # fmt: skip
    start = threading.Barrier(20)

    def send(_n):
        client = Client()
        start.wait()
        try:
            return client.post(url, data).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(20) as pool:
        codes = list(pool.map(send, range(20)))
    assert sorted(codes) == [302] * 5 + [429] * 15
    assert Inquiry.objects.count() == 5


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no proxy trusted: the header is the client's claim
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged left part is ignored
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1"),  # fewer hops than proxies: fall back
        (1, "not an address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxies_saw(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_behind_a_proxy_each_visitor_has_an_own_allowance(settings):
    """Behind the proxy every request comes from its address; visitors must not share one
    bucket, and a forged header must not buy a fresh one."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    def sign_in(client_ip, username="nobody", forged=""):
        forwarded = f"{forged}, {client_ip}" if forged else client_ip
        return Client(**proxy, HTTP_X_FORWARDED_FOR=forwarded).post(
            "/en/account/login/", {"username": username, "password": "wrong"}
        )

    for n in range(30):
        sign_in("203.0.113.5", username=f"user{n}")
    assert sign_in("203.0.113.5", forged="1.2.3.4", username="fresh").status_code == 429
    assert sign_in("198.51.100.20", username="fresh").status_code == 200  # another visitor
