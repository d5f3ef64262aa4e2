"""The portal's search page and site finder fuzzed through their query strings, in both
languages: never a 5xx, whatever the URL (tests/hostile.py)."""

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from search.breaker import elasticsearch_breaker
from search.matching.spec import NUMBER_REQUIREMENTS
from search.query import PARAMETERS, SORTS
from tests.conftest import ALL_KINDS
from tests.hostile import FUZZ, query_strings

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(publish):
    """One record of each kind: enough to reach facets, hits, scores and partners, and quick to
    publish before each test (the seeds take minutes on PostgreSQL)."""
    publish(*ALL_KINDS)


SEARCH_PARAMETERS = [*PARAMETERS, "airport_km", "port_km"]
FINDER_PARAMETERS = ["profile", "go", "r.max_flood_risk", "r.cleanroom_ready",
                     "r.ready_built_factory", "r.airport_km",
                     *(f"r.{key}" for key in NUMBER_REQUIREMENTS), "w.area_m2",
                     "w.power_capacity_mw", "w.km_to:lt-airport", "w.flood_risk"]  # fmt: skip
KNOWN_VALUES = ["plot", "semiconductor", "5", "1", "40", "low", "medium", "semiconductor_osat",
                "data_centre_hyperscale", "lt-airport:30", "10.8,106.98", *SORTS]  # fmt: skip


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


def check(response, url: str):
    assert response.status_code < 500, f"{response.status_code} for {url[:500]!r}"
    if settings.ELASTICSEARCH_URL:
        assert elasticsearch_breaker.allows(), f"the breaker tripped on {url[:500]!r}"


@FUZZ
@given(lang=st.sampled_from(["vi", "en"]), query=query_strings(SEARCH_PARAMETERS, KNOWN_VALUES))
def test_search_page_survives_hostile_query_strings(browser, records, lang, query):
    url = f"/{lang}/search/?{query}"
    check(browser.get(url), url)


@FUZZ
@given(lang=st.sampled_from(["vi", "en"]), query=query_strings(FINDER_PARAMETERS, KNOWN_VALUES))
def test_site_finder_survives_hostile_query_strings(browser, records, lang, query):
    url = f"/{lang}/site-finder/?go=1&{query}"
    check(browser.get(url), url)
