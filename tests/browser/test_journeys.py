"""Checks beside the journeys (tests/browser/journeys/, which walk each journey in both
languages and at both sizes): the language switch, accessibility scans of the main pages, the
keyboard."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, record_axe_summary, screenshot

# A live server in another thread needs committed data (the `portal` fixture puts back what the
# migrations made after each test's flush).
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_language_switch_keeps_the_page(portal, page):
    page.goto(f"{portal}/en/registry/zone/lt-digital-park/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(f"{portal}/vi/registry/zone/lt-digital-park/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Khu công nghệ số tập trung Long Thành"
    )


def test_main_pages_have_no_serious_accessibility_violations(portal, page, browser):
    pages = {
        "home": "/en/",
        "home-vi": "/vi/",
        "search": "/en/search/?kind=plot",
        "plot": "/en/registry/plot/sample-lt-digital-park-a01/",
        "zone": "/vi/registry/zone/lt-digital-park/",
        "site-finder": "/en/site-finder/?profile=data_centre_hyperscale",
        "compare": "/en/compare/",
        "sign-up": "/vi/account/signup/",
    }
    summary = {}
    for name, path in pages.items():
        page.goto(f"{portal}{path}")
        page.wait_for_load_state("networkidle")
        if name == "home":
            screenshot(page, "home")
        summary[name] = axe_violations(page)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    phone.goto(f"{portal}/vi/search/?q=ban+dan")
    screenshot(phone, "search-phone")
    summary["search-phone"] = axe_violations(phone)
    phone.context.close()
    record_axe_summary(summary)
    assert summary == {name: [] for name in summary}


def test_keyboard_only_reaches_the_content_and_the_filters(portal, page):
    page.goto(f"{portal}/en/search/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(4):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id || document.activeElement.name")
    assert focused  # focus moved into the page's own controls, in order
