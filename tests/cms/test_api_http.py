"""The public API speaks HTTP as its consumers expect (issue #13, item 3): CORS for any origin,
validators and 304s that never hold back a publish, Cache-Control per endpoint, HEAD wherever
GET works, JSON 404s for every method, and a per-client throttle with 429 and Retry-After."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from registry.models import KINDS
from search.models import IndexTask, MatchProfile
from tests.cms.test_ratelimit import REPO, database_url
from tests.conftest import PLOT, ZONE

pytestmark = pytest.mark.django_db

FOREIGN = "https://newsroom.example"
RENAMED = {**ZONE, "name_en": "Renamed Park"}
# GET endpoints, each answering with the test zone's English name somewhere in its body.
READ_PATHS = [
    "/api/v1/search/?kind=zone",
    "/api/v1/suggest/?q=Khu",
    "/api/v1/records/zone/test-park/",
    "/api/v1/geojson/?kind=zone&lang=en",
    "/api/v1/export/?kind=zone",
]


def settle(ago: timedelta) -> None:
    """Make every change look `ago` old (as if no one had touched the data since)."""
    past = timezone.now() - ago
    for model in KINDS.values():
        model.objects.update(updated_at=past)
        model.objects.exclude(last_published_at=None).update(last_published_at=past)
    IndexTask.objects.update(created_at=past, processed_at=past)
    MatchProfile.objects.update(updated_at=past)


def listed(response, header: str) -> set[str]:
    return {item.strip().lower() for item in response.get(header, "").split(",") if item.strip()}


def browser_would_send(preflight, method: str, headers: list[str]) -> bool:
    """The Fetch standard's CORS-preflight check, as a browser makes it before a request that
    is not simple, without credentials."""
    return (
        200 <= preflight.status_code < 300
        and preflight.get("Access-Control-Allow-Origin") in ("*", FOREIGN)
        and method.lower() in listed(preflight, "Access-Control-Allow-Methods") | {"get", "head"}
        and all(h.lower() in listed(preflight, "Access-Control-Allow-Headers") for h in headers)
    )


# -- CORS --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", READ_PATHS)
def test_any_origin_may_read_the_api_without_credentials(client, publish, path):
    publish(ZONE)
    response = client.get(path, HTTP_ORIGIN=FOREIGN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {"etag", "link", "retry-after"} <= listed(response, "Access-Control-Expose-Headers")
    # The same answer for every origin: caches keep one copy.
    assert "origin" not in listed(response, "Vary")


def test_a_foreign_page_may_revalidate_and_post_a_match_after_its_preflight(client, publish):
    publish(ZONE, PLOT)
    preflight = client.options(
        "/api/v1/search/",
        HTTP_ORIGIN=FOREIGN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match,accept-language",
    )
    assert preflight.status_code == 204 and preflight.content == b""
    assert browser_would_send(preflight, "GET", ["If-None-Match", "Accept-Language"])
    assert int(preflight["Access-Control-Max-Age"]) >= 600
    assert not browser_would_send(preflight, "DELETE", [])

    preflight = client.options(
        "/api/v1/match/",
        HTTP_ORIGIN=FOREIGN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert browser_would_send(preflight, "POST", ["Content-Type"])
    response = client.post(
        "/api/v1/match/", {"profile": "data_centre_hyperscale"},
        content_type="application/json", HTTP_ORIGIN=FOREIGN,
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cache-Control"] == "no-store"


def test_errors_are_readable_cross_origin_too(client):
    for response in (
        client.get("/api/v1/search/?page=x", HTTP_ORIGIN=FOREIGN),
        client.get("/api/v1/nothing/", HTTP_ORIGIN=FOREIGN),
        client.delete("/api/v1/search/", HTTP_ORIGIN=FOREIGN),
    ):
        assert response.status_code in (400, 404, 405)
        assert response["Access-Control-Allow-Origin"] == "*"
        response.json()


def test_the_portal_and_the_admin_answer_no_cors(client):
    for path in ("/admin/login/", "/vi/no-such-page/", "/en/registry/zone/nowhere/"):
        response = client.get(path, HTTP_ORIGIN=FOREIGN)
        assert "Access-Control-Allow-Origin" not in response, path
        response = client.options(
            path, HTTP_ORIGIN=FOREIGN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
        )
        assert "Access-Control-Allow-Origin" not in response, path


# -- Validators and conditional requests ------------------------------------------------------


@pytest.mark.parametrize("path", READ_PATHS)
def test_after_a_publish_the_old_etag_gets_the_new_answer(client, publish, path):
    publish(ZONE)
    first = client.get(path)
    etag = first["ETag"]
    unchanged = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert b"".join(unchanged) == b""
    assert unchanged["ETag"] == etag and unchanged["Cache-Control"] == first["Cache-Control"]

    publish(RENAMED)
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Renamed Park" in b"".join(changed).decode()
    assert changed["ETag"] != etag


def test_answers_have_a_strong_etag_downloads_a_weak_one_per_query(client, publish):
    publish(ZONE)
    assert client.get("/api/v1/search/")["ETag"].startswith('"')
    jsonl = client.get("/api/v1/export/?kind=zone")["ETag"]
    csv = client.get("/api/v1/export/?kind=zone&format=csv")["ETag"]
    assert jsonl.startswith('W/"') and csv.startswith('W/"') and jsonl != csv
    assert (
        client.get("/api/v1/export/?kind=zone&format=csv", HTTP_IF_NONE_MATCH=csv).status_code
        == 304
    )


def test_last_modified_is_the_registrys_last_change_once_settled(client, publish):
    path = "/api/v1/search/?kind=zone"
    publish(ZONE)
    # Just published: the index may not show it for a second, so no date is promised yet.
    assert "Last-Modified" not in client.get(path)
    settle(timedelta(hours=1))
    first = client.get(path)
    since = first["Last-Modified"]
    assert since == http_date((timezone.now() - timedelta(hours=1)).timestamp())
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=since).status_code == 304

    publish(RENAMED)
    changed = client.get(path, HTTP_IF_MODIFIED_SINCE=since)
    assert changed.status_code == 200 and "Renamed Park" in changed.content.decode()
    settle(timedelta(minutes=30))
    later = client.get(path, HTTP_IF_MODIFIED_SINCE=since)
    assert later.status_code == 200
    assert parse_http_date(later["Last-Modified"]) > parse_http_date(since)


def test_no_last_modified_while_index_work_waits(client, publish):
    publish(ZONE)
    settle(timedelta(hours=1))
    IndexTask.objects.create(kind="zone", ref="test-park")  # published, not yet indexed
    response = client.get("/api/v1/search/", HTTP_IF_MODIFIED_SINCE=http_date())
    assert response.status_code == 200 and "Last-Modified" not in response


def test_if_match_and_range_are_honoured_or_ignored_never_misread(client, publish):
    publish(ZONE)
    full = client.get("/api/v1/search/")
    refused = client.get("/api/v1/search/", HTTP_IF_MATCH='"something-else"')
    assert refused.status_code == 412 and refused.json()["error"]["code"] == "precondition_failed"
    assert client.get("/api/v1/search/", HTTP_IF_MATCH=full["ETag"]).status_code == 200
    for garbage in ("not an etag", "W/", '"unterminated', ",,,"):
        assert client.get("/api/v1/search/", HTTP_IF_MATCH=garbage).status_code == 200
    partial = client.get("/api/v1/search/", HTTP_RANGE="bytes=0-9")
    assert partial.status_code == 200 and partial.content == full.content


# -- Cache-Control and Vary -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/search/?kind=zone", "public, max-age=60"),
        ("/api/v1/suggest/?q=Khu", "public, max-age=60"),
        ("/api/v1/records/zone/test-park/", "public, max-age=60"),
        ("/api/v1/geojson/", "public, max-age=60"),
        ("/api/v1/match/profiles/", "public, max-age=60"),
        ("/api/v1/export/?kind=zone", "public, max-age=900, must-revalidate"),
        ("/api/v1/records/zone/nowhere/", "public, max-age=60"),  # a 404
        ("/api/v1/search/?page=0", "no-store"),  # a 400
    ],
)
def test_each_answer_says_how_long_it_may_be_kept(client, publish, path, expected):
    publish(ZONE)
    response = client.get(path)
    assert response["Cache-Control"] == expected
    assert "accept-language" in listed(response, "Vary")
    assert "cookie" not in listed(response, "Vary")


def test_refused_methods_are_not_stored(client):
    response = client.put("/api/v1/search/")
    assert response.status_code == 405 and response["Cache-Control"] == "no-store"
    assert listed(response, "Allow") == {"get", "head", "options"}


def test_the_api_language_is_lang_or_accept_language_never_the_portal_cookie(client):
    client.cookies["django_language"] = "en"
    vietnamese = client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="vi")
    english = client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    asked = client.get("/api/v1/nothing/?lang=en", HTTP_ACCEPT_LANGUAGE="vi")
    assert vietnamese.json() != english.json() == asked.json()
    assert "No API endpoint" in english.json()["error"]["message"]


# -- HEAD and unknown paths -------------------------------------------------------------------


@pytest.mark.parametrize("path", READ_PATHS)
def test_head_gives_the_get_headers_without_a_body(client, publish, monkeypatch, path):
    publish(ZONE)
    # What the application hands the server, not what the test client would trim.
    monkeypatch.setattr("django.test.client.conditional_content_removal", lambda *args: None)
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert b"".join(head) == b""
    for header in ("Content-Type", "ETag", "Cache-Control", "Access-Control-Allow-Origin"):
        assert head[header] == get[header], header
    if not get.streaming:
        assert head["Content-Length"] == str(len(get.content))


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options", "head"])
@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v2/search/", "/api/"])
def test_unknown_api_paths_answer_a_json_404_to_every_method(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    if method != "head":
        assert response.json()["error"]["code"] == "not_found"


# -- Throttling -------------------------------------------------------------------------------


def throttle_for_this_test(settings, limit: int) -> None:
    """`limit` requests an hour, and not in the last minute of the hour's window, where a test's
    requests could fall on both sides of its end and start from zero."""
    left = 3600 - time.time() % 3600
    if left < 60:
        time.sleep(left)
    settings.API_THROTTLE = (limit, 3600)


def test_a_client_over_its_allowance_gets_a_429_with_retry_after(client, settings):
    throttle_for_this_test(settings, 3)
    for _ in range(3):
        assert client.get("/api/v1/match/profiles/").status_code == 200
    client.options("/api/v1/search/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")  # not counted
    refused = client.get("/api/v1/search/", HTTP_ORIGIN=FOREIGN)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert refused["Cache-Control"] == "no-store"
    assert refused["Access-Control-Allow-Origin"] == "*"
    # Someone else, and the portal, are not held back.
    assert client.get("/api/v1/search/", REMOTE_ADDR="203.0.113.9").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_behind_a_proxy_each_client_has_its_own_allowance(client, settings):
    throttle_for_this_test(settings, 1)
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/api/v1/search/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get("/api/v1/search/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.get("/api/v1/search/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


# Another worker process: two API requests from the same address as this test's client.
OTHER_WORKER = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(API_THROTTLE=(3, 3600)):
    client = Client(HTTP_HOST="localhost")
    print([client.get("/api/v1/match/profiles/").status_code for _ in range(2)])
"""


@pytest.mark.django_db(transaction=True)
def test_the_allowance_is_shared_by_worker_processes(client, settings, migrated):
    throttle_for_this_test(settings, 3)
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    other = subprocess.run(
        [sys.executable, "-c", OTHER_WORKER], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=120, check=True,
    )  # fmt: skip
    assert other.stdout.strip() == "[200, 200]", other.stderr
    assert client.get("/api/v1/match/profiles/").status_code == 200
    assert client.get("/api/v1/match/profiles/").status_code == 429
