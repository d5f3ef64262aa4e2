"""Invented records say so wherever the API shows them (interchange v1.1 `sample`), on both
backends; the record's `source` travels with it in the record API."""

import pytest

from tests.conftest import LANDMARK, PLOT, ZONE
from tests.search.conftest import find

pytestmark = pytest.mark.django_db

SOURCE = "https://dongnai.gov.vn/"
INVENTED_ZONE = ZONE | {"sample": True, "source": SOURCE}
INVENTED_LANDMARK = LANDMARK | {"sample": True}


@pytest.fixture
def records(publish):
    publish(INVENTED_LANDMARK, INVENTED_ZONE, PLOT)


def test_both_backends_tell_invented_results_from_real_ones(records, backend):
    hits = find(backend, kind=["zone", "plot"]).hits
    assert {hit.ref: hit.sample for hit in hits} == {"test-park": True, "test-a01": False}


def test_search_results_carry_the_sample_flag(records, client):
    body = client.get("/api/v1/search/", {"kind": ["zone", "plot"]}).json()
    assert {r["ref"]: r["sample"] for r in body["results"]} == {
        "test-park": True,
        "test-a01": False,
    }


def test_map_features_and_landmarks_carry_the_sample_flag(records, client):
    body = client.get("/api/v1/geojson/").json()
    flags = {f["properties"]["ref"]: f["properties"]["sample"] for f in body["features"]}
    assert flags == {"test-park": True, "test-a01": False}
    assert [f["properties"]["sample"] for f in body["landmarks"]] == [True]


def test_the_record_api_carries_sample_and_source(records, client):
    zone = client.get("/api/v1/records/zone/test-park/").json()
    assert (zone["sample"], zone["source"]) == (True, SOURCE)
    plot = client.get("/api/v1/records/plot/test-a01/").json()
    assert plot["sample"] is False and "source" not in plot


def test_match_results_carry_the_sample_flag(records, client):
    response = client.post(
        "/api/v1/match/", {"require": {"min_area_m2": 1}}, content_type="application/json"
    )
    assert [(r["ref"], r["sample"]) for r in response.json()["results"]] == [("test-a01", False)]
