"""The whole API surface fuzzed with hostile input (tests/hostile.py), on whichever backends the
run has: never a 5xx, every answer JSON (the export's data excepted), and Elasticsearch's
breaker left closed, for no input is an outage."""

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from registry.models.indicator import Indicator
from search.breaker import elasticsearch_breaker
from search.matching.spec import PREFERENCES, REQUIREMENT_KEYS
from search.query import PARAMETERS, SORTS
from tests.conftest import ALL_KINDS
from tests.hostile import FUZZ, encode, hostile_strings, match_bodies, query_strings

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(publish):
    """One record of each kind: enough to reach facets, hits, scores and partners, and quick to
    publish before each test (the seeds take minutes on PostgreSQL); and an indicator."""
    publish(*ALL_KINDS)
    Indicator.objects.create(
        code="population", name="Dân số", unit="people", origin="agency", theme="context"
    )


KNOWN_VALUES = ["plot", "zone", "enterprise", "semiconductor", "data_centre.hyperscale",
                "lt-airport:30", "10.8,106.98", "5", "1", "100", "available", "domestic",
                "industrial_park", "lab", "landmarks,zones", "zones", "xlsx", "csv-semicolon",
                "json", *SORTS]  # fmt: skip
GET_ENDPOINTS = {
    "/api/v1/search/": list(PARAMETERS),
    "/api/v1/suggest/": ["q", "lang"],
    "/api/v1/geojson/": [*PARAMETERS, "include"],
    "/api/v1/export/": ["kind", "format"],
    "/api/v1/match/profiles/": ["lang"],
    "/api/v1/indicators/": ["format", "lang"],
    "/api/v1/indicators/population/": ["format", "lang"],
}


DOWNLOADS = ("/api/v1/export/", "/api/v1/geojson/", *(p for p in GET_ENDPOINTS if "/indic" in p))


@pytest.fixture
def api():
    return Client(raise_request_exception=False)


def check(response, request: str, *, data_ok: bool = False):
    assert response.status_code < 500, f"{response.status_code} for {request[:500]!r}"
    kind = response.get("Content-Type", "")
    if not (data_ok and response.status_code == 200):
        assert kind.startswith("application/json"), f"{kind} for {request[:500]!r}"
        if not response.streaming:
            response.json()
    if settings.ELASTICSEARCH_URL:
        assert elasticsearch_breaker.allows(), f"the breaker tripped on {request[:500]!r}"


@pytest.mark.parametrize("path", list(GET_ENDPOINTS))
def test_get_endpoints_survive_hostile_query_strings(api, records, path):
    @FUZZ
    @given(query=query_strings(GET_ENDPOINTS[path], KNOWN_VALUES))
    def run(query):
        url = f"{path}?{query}"
        response = api.get(url)
        # Data downloads (the export, the indicators' CSV and XLSX); GeoJSON.
        check(response, url, data_ok=path in DOWNLOADS)
        if response.streaming:
            b"".join(response.streaming_content)  # a failure while streaming is a 500 too

    run()


@FUZZ
@given(
    kind=st.one_of(st.sampled_from(["plot", "zone", "landmark", "enterprise"]), st.text()),
    ref=st.one_of(st.sampled_from(["test-a01", "lt-airport"]), hostile_strings([])),
    query=query_strings(["lang"], ["en", "vi"]),
)
def test_records_survive_hostile_paths(api, records, kind, ref, query):
    url = f"/api/v1/records/{encode(kind)}/{encode(ref)}/?{query}"
    check(api.get(url), url)


@FUZZ
@given(
    body=match_bodies(
        ["semiconductor_osat", "data_centre_hyperscale", "mems_iot_chips"],
        list(REQUIREMENT_KEYS),
        [*PREFERENCES, "km_to:lt-airport"],
    ),
    query=query_strings(["lang"], ["en", "vi"]),
)
def test_match_survives_hostile_bodies(api, records, body, query):
    url = f"/api/v1/match/?{query}"
    check(api.post(url, body, content_type="application/json"), f"{url} {body[:500]!r}")


@FUZZ
@given(
    method=st.sampled_from(["get", "post", "put", "patch", "delete", "head", "options"]),
    path=st.one_of(
        st.sampled_from([*GET_ENDPOINTS, "/api/v1/match/", "/api/v1/records/plot/test-a01/"]),
        st.text().map(lambda t: "/api/" + encode(t)),
    ),
    body=st.one_of(st.just(b""), st.binary(max_size=100), st.just(b"{}")),
)
def test_any_method_on_any_api_path_is_answered_in_json(records, method, path, body):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if method in ("get", "head"):
        response = getattr(client, method)(path)
    else:
        response = getattr(client, method)(path, body, content_type="application/json")
    assert response.status_code < 500, f"{method} {path}"
    if response.status_code == 204:  # OPTIONS (CORS, cms/api_edge): no body at all
        assert method == "options" and response.content == b"", f"{method} {path}"
    elif method != "head" and not (path == "/api/v1/export/" and response.status_code == 200):
        # JSON, or GeoJSON (JSON with its own media type) from the GeoJSON endpoint.
        json_types = ("application/json", "application/geo+json")
        assert response["Content-Type"].startswith(json_types), f"{method} {path}"
