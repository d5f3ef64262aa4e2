"""Hostile query strings on the portal's search page and site finder: each case once reached a
500. Bad input is the page again, status 400, naming the field."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000
ZEROS = "0" * 400


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


SEARCH_CASES = [
    ("page=%C2%B2", "page"),
    ("page_size=%C2%B2", "page_size"),
    (f"page={HUGE}", "page"),
    ("within=lt%00airport:5", "within"),  # PostgreSQL refuses NUL
    ("airport_km=1e400", "within"),
    ("airport_km=NaN", "within"),
    ("min_power_mw=-Infinity", "min_power_mw"),
    ("&".join(["within=lt-airport:5"] * 6), "within"),
]
FINDER_CASES = [
    ("go=1&r.min_power_feeds=nan", "r.min_power_feeds"),  # int(nan)
    ("go=1&r.min_power_feeds=1e400", "r.min_power_feeds"),  # int(inf)
    (f"go=1&r.min_power_feeds=1{ZEROS}", "r.min_power_feeds"),
    ("go=1&r.min_area_m2=inf", "r.min_area_m2"),
    ("go=1&r.airport_km=NaN", "r.within_km.km"),
    ("profile=osat%00", "profile"),  # PostgreSQL refuses NUL
    ("profile=%ED%A0%80", "profile"),  # a lone surrogate, percent-encoded
    (f"profile={'x' * 100_000}", "profile"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("query", "field"), SEARCH_CASES)
def test_hostile_search_parameters_are_the_page_with_the_error(browser, lang, query, field):
    response = browser.get(f"/{lang}/search/?{query}")
    assert response.status_code == 400
    assert f"<li>{field}: " in response.content.decode()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("query", "field"), FINDER_CASES)
def test_hostile_finder_parameters_are_the_page_with_the_error(browser, lang, query, field):
    response = browser.get(f"/{lang}/site-finder/?{query}")
    assert response.status_code == 400
    assert f"<li>{field}: " in response.content.decode()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "path", ["search/?q=%ED%A0%80", "search/?kind=plot&kind=plot", "site-finder/?go=1&go=1"]
)
def test_odd_but_harmless_parameters_are_answered(browser, lang, path):
    assert browser.get(f"/{lang}/{path}").status_code == 200
