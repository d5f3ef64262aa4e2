"""Usability defects found in review (issue 11): machine-read values never localised, people-read
ones always; forms that lead somewhere; figures that say what they count."""

import re

import pytest

from tests.cms.test_portal import html, jsonld

pytestmark = pytest.mark.django_db

PLOT = "sample-lt-digital-park-a01"


def test_vietnamese_record_pages_give_machines_dotted_coordinates(client, seeded):
    page = html(client.get(f"/vi/registry/plot/{PLOT}/"))
    assert 'data-point="10.81162,106.97849"' in page
    geo = jsonld(page)["geo"]
    assert (geo["latitude"], geo["longitude"]) == (10.81162, 106.97849)
    # What people read stays Vietnamese: decimal commas.
    assert "10,81162" in page


def test_vietnamese_finder_form_keeps_decimal_inputs_usable(client, seeded):
    page = html(client.get("/vi/site-finder/", {"go": "1", "r.min_power_mw": "12.5"}))
    assert re.search(r'name="r.min_power_mw" type="number"[^>]*value="12.5"', page)
