"""What the browser does with hostile data and under the content policy: a record name full of
markup shows as text on the maps, and the main pages (portal and admin, both languages) run
without a single Content-Security-Policy violation or script error."""

import pytest
from playwright.sync_api import expect

from search.backends import elasticsearch_backend
from tests.conftest import lines, run_import

from .conftest import on_db

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_NAME = "X <img src=x onerror=window.__xss=1>"
PROBE = {
    "kind": "rd_organisation",
    "ref": "xss-probe",
    "name": HOSTILE_NAME,
    "org_kind": "university",
    "location": {"lat": 10.95, "lon": 106.82},
}


def plant(record: dict) -> None:
    result = on_db(lambda: run_import(lines(record), publish=True))
    assert result.ok, result.problems
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()


def test_a_hostile_record_name_shows_as_text_on_the_maps(portal, page):
    plant(PROBE)

    page.goto(f"{portal}/en/search/?q=onerror")
    marker = page.locator("#map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    marker.hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_have_text(HOSTILE_NAME)
    marker.click(force=True)
    expect(page.locator(".leaflet-popup-content a")).to_have_text(HOSTILE_NAME)
    page.wait_for_timeout(300)  # an injected <img> would have fired its onerror by now
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#map img[src='x']").count() == 0

    page.goto(f"{portal}/en/registry/rd_organisation/xss-probe/")
    marker = page.locator("#map path.leaflet-interactive")
    marker.hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_have_text(HOSTILE_NAME)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#map img[src='x']").count() == 0


def test_map_popups_follow_the_page_language_not_the_browser(portal, browser):
    plant(
        {
            "kind": "rd_organisation",
            "ref": "language-probe",
            "name": "Viện kiểm tra ngôn ngữ",
            "name_en": "Language Check Institute",
            "org_kind": "research_institute",
            "location": {"lat": 10.9, "lon": 106.9},
        }
    )
    context = browser.new_context(locale="en-US")  # the browser asks for English
    page = context.new_page()
    page.goto(f"{portal}/vi/search/?q=kiem+tra+ngon+ngu")
    marker = page.locator("#map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    marker.click(force=True)
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_have_text("Viện kiểm tra ngôn ngữ")
    assert link.get_attribute("href") == "/vi/registry/rd_organisation/language-probe/"
    context.close()
