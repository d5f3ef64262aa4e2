"""Hostile input to the API: each case once reached a 5xx or a non-JSON answer. The contract
(docs/api.md): never a 5xx, and every /api/ response is JSON, its errors naming what is
wrong."""

import json

import pytest
from django.test import Client

from search.breaker import elasticsearch_breaker
from search.query import SearchQuery
from tests.conftest import LANDMARK, PLOT, ZONE

pytestmark = pytest.mark.django_db

GET_ENDPOINTS = [
    "/api/v1/search/",
    "/api/v1/suggest/",
    "/api/v1/records/plot/test-a01/",
    "/api/v1/export/",
    "/api/v1/geojson/",
    "/api/v1/match/profiles/",
]
HUGE = "9" * 5000


@pytest.fixture
def api():
    """A client as the world is: CSRF enforced, and a server error answered, not raised."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.fixture
def records(publish):
    publish(LANDMARK, ZONE, PLOT)


def error_fields(response, status) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"].get("fields", {})


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/search/?page=%C2%B2", "page"),  # "²".isdigit(), yet int("²") fails
        ("/api/v1/search/?page_size=%C2%B2", "page_size"),
        (f"/api/v1/search/?page={HUGE}", "page"),  # int() refuses over 4,300 digits
        ("/api/v1/search/?within=lt%00airport:5", "within"),  # PostgreSQL refuses NUL
        ("/api/v1/geojson/?within=lt%00airport:5", "within"),
        ("/api/v1/geojson/?include=zones%00", "include"),
        (f"/api/v1/geojson/?page={HUGE}", "page"),
        ("/api/v1/geojson/?page_size=%C2%B2", "page_size"),
        ("/api/v1/search/?" + "&".join(["within=lt-airport:5"] * 6), "within"),
        ("/api/v1/search/?zone=%00", "zone"),
        ("/api/v1/suggest/?q=a%00b", "q"),
        ("/api/v1/search/?min_area_m2=1e400", "min_area_m2"),
        ("/api/v1/search/?near=NaN,NaN", "near"),
    ],
)
def test_hostile_query_parameters_are_a_json_400_naming_the_parameter(api, records, url, field):
    assert field in error_fields(api.get(url), 400)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/search/?q=%ED%A0%80",  # a lone surrogate, percent-encoded
        "/api/v1/search/?kind=plot&kind=plot&kind=zone",
        "/api/v1/suggest/?q=%ED%A0%80",
    ],
)
def test_odd_but_harmless_parameters_are_answered(api, records, url):
    response = api.get(url)
    assert response.status_code == 200 and "results" in response.json()


def test_too_many_parameters_are_a_json_400(api, db, settings):
    too_many = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    url = "/api/v1/search/?" + "&".join(["kind=plot"] * too_many)
    response = api.get(url)
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_request"


def test_a_nul_byte_in_a_record_ref_is_a_json_404(api, records):
    response = api.get("/api/v1/records/plot/test%00a01/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


ZEROS = "0" * 400
MATCH_BODIES = [
    ('{"require": {"min_area_m2": Infinity}}', "body"),
    ('{"require": {"min_area_m2": -Infinity}}', "body"),
    ('{"require": {"min_power_feeds": NaN}}', "body"),
    ('{"require": {"min_power_feeds": 1e400}}', "require.min_power_feeds"),
    (f'{{"require": {{"min_area_m2": 1{ZEROS}}}}}', "require.min_area_m2"),
    (f'{{"require": {{"min_power_feeds": 1{ZEROS}}}}}', "require.min_power_feeds"),
    (f'{{"limit": 1{ZEROS}}}', "limit"),
    (f'{{"prefer": {{"area_m2": {{"weight": 1, "target": 1{ZEROS}, "zero_at": 0}}}}}}',
     "prefer.area_m2.target"),
    ('{"require": {"max_flood_risk": {}}}', "require.max_flood_risk"),
    ('{"require": {"max_flood_risk": []}}', "require.max_flood_risk"),
    ('{"require": {"status": {}}}', "require.status"),
    ('{"require": {"suitable_for": [{}]}}', "require.suitable_for"),
    ('{"profile": {}}', "profile"),
    ('{"profile": []}', "profile"),
    ('{"require": []}', "require"),
    ("[" * 30_000, "body"),
    ('{"profile": "\\ud800"}', "body"),  # a lone surrogate, escaped in JSON
    ('{"require": {"status": ["\\udfff"]}}', "body"),
    ('{"\\ud800": 1}', "body"),
    ('{"profile": "osat\\u0000"}', "profile"),  # PostgreSQL refuses NUL
    ("{nope", "body"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "field"), MATCH_BODIES)
def test_hostile_match_bodies_are_a_json_400_naming_the_field(api, records, body, field):
    response = api.post("/api/v1/match/", body, content_type="application/json")
    assert field in error_fields(response, 400)


def test_invalid_utf8_in_a_match_body_is_a_json_400(api, db):
    response = api.post("/api/v1/match/", b'{"profile": "\xff"}', content_type="application/json")
    assert "body" in error_fields(response, 400)


@pytest.mark.parametrize("size", [65 * 1024, 3 * 1024 * 1024])
def test_oversized_match_bodies_are_a_json_413(api, db, size):
    body = json.dumps({"profile": "x" * size})
    response = api.post("/api/v1/match/", body, content_type="application/json")
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("path", GET_ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_other_methods_on_get_endpoints_are_a_json_405_not_the_csrf_page(api, db, path, method):
    response = getattr(api, method)(path, "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"  # OPTIONS: CORS (cms/api_edge)
    assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_other_methods_on_match_are_a_json_405(api, db, method):
    response = getattr(api, method)("/api/v1/match/")
    assert response.status_code == 405 and response["Allow"] == "POST, OPTIONS"
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_match_needs_no_csrf_token(api, records):
    """A public, cookie-less read API, usable across origins: no CSRF page in its way."""
    response = api.post("/api/v1/match/", "{}", content_type="application/json")
    assert response.status_code == 200 and "results" in response.json()


def test_head_on_a_get_endpoint_is_answered(api, records):
    assert api.head("/api/v1/search/").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/nope/"),
        ("get", "/api/v1/records/plot/"),
        ("get", "/api/v1/records/plot/test-a01/extra/"),
        ("get", "/api/"),
        ("get", "/api"),
        ("get", "/api/v2/search/"),
        ("post", "/api/v1/nope/"),
        ("delete", "/api/v2/"),
    ],
)
def test_unknown_api_paths_are_a_json_404(api, db, method, path):
    response = getattr(api, method)(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/api/v1/search?q=chip", "/api/v1/search/?q=chip"),
        ("/api/v1/match", "/api/v1/match/"),
    ],
)
def test_a_missing_trailing_slash_still_leads_to_the_endpoint(api, db, path, target):
    response = api.get(path)
    assert response.status_code == 308 and response["Location"] == target
    assert response.json()["error"]["code"] == "moved"


@pytest.mark.elasticsearch
def test_a_query_elasticsearch_refuses_is_the_askers_400_and_not_an_outage(records):
    """A window beyond Elasticsearch's 10,000 results (the API never asks for one, the service
    must still not take the refusal for a dead server and send everyone to the database)."""
    from search import service

    elasticsearch_breaker.succeeded()
    with pytest.raises(service.QueryRefused):
        service.search(SearchQuery(page=1000, page_size=20))
    assert elasticsearch_breaker.allows()


MAX = "1.7976931348623157e308"
TINY = "5e-324"
EXTREME_BODIES = [
    f'{{"require": {{"min_area_m2": {MAX}, "max_lease_price_usd_m2": {TINY}}}}}',
    f'{{"prefer": {{"area_m2": {{"weight": 100, "target": {MAX}, "zero_at": 0}}}}}}',
    f'{{"prefer": {{"area_m2": {{"weight": {TINY}, "target": {TINY}, "zero_at": 0}}}}}}',
    f'{{"prefer": {{"lease_price_usd_m2": {{"weight": 1, "target": 0, "zero_at": {MAX}}}}}}}',
    f'{{"prefer": {{"km_to:lt-airport": {{"weight": 1, "target": 0, "zero_at": {MAX}}}}}}}',
    '{"prefer": {"km_to:lt-airport": {"weight": 1, "target": 0, "zero_at": 20000}}}',
    f'{{"prefer": {{"km_to:lt-airport": {{"weight": 1, "target": {TINY}, "zero_at": 1e-300}}}}}}',
    f'{{"require": {{"within_km": {{"point": {{"lat": -90, "lon": 180}}, "km": {TINY}}}}}}}',
]


@pytest.mark.parametrize("body", EXTREME_BODIES)
def test_extreme_but_valid_numbers_are_answered_without_tripping_the_breaker(api, records, body):
    """Finite numbers at the ends of a double's range pass validation and reach the backend,
    which must neither fail nor be taken for down."""
    elasticsearch_breaker.succeeded()
    response = api.post("/api/v1/match/", body, content_type="application/json")
    assert response.status_code < 500 and response["Content-Type"].startswith("application/json")
    assert elasticsearch_breaker.allows()
