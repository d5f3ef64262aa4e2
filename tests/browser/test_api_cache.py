"""The API's answers may be kept a minute by caches (Cache-Control, cms/api_edge), but the
portal's own map and suggestions revalidate each time (a 304 when nothing changed): a curator
who has just published sees the record on the map at once."""

import re

import pytest
from playwright.sync_api import expect

from .test_map_offline import plant

pytestmark = pytest.mark.django_db(transaction=True)

NEW_ZONE = {
    "kind": "zone",
    "ref": "just-published-zone",
    "name": "Khu vừa đăng",
    "name_en": "Just Published Zone",
    "zone_kind": "it_park",
    "location": {"lat": 10.9, "lon": 106.9},
}


def test_the_map_shows_a_record_published_a_moment_ago(portal, page):
    page.goto(f"{portal}/en/search/")
    the_map = page.locator("#map")
    expect(the_map).to_have_attribute("data-markers", re.compile(r"^\d+$"))
    before = int(the_map.get_attribute("data-markers"))

    plant(NEW_ZONE)
    page.goto(f"{portal}/en/search/")
    expect(page.locator("#map")).to_have_attribute("data-markers", str(before + 1))
