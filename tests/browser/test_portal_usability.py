"""Issue 11's fixes the journeys (tests/browser/journeys/) do not walk through: removable
filters, including one without results, and plots named with their zones in the results."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PLOT = "sample-lt-digital-park-a01"
SIZES = {"phone": PHONE, "laptop": DESKTOP}


def open_page(browser, size: str, lang: str):
    locale = "vi-VN" if lang == "vi" else "en-GB"
    page = browser.new_context(viewport=SIZES[size], locale=locale).new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize(("size", "lang"), [("laptop", "en"), ("phone", "vi")])
def test_a_filter_without_results_can_be_removed(portal, browser, size, lang):
    page = open_page(browser, size, lang)
    page.goto(f"{portal}/{lang}/registry/zone/lt-digital-park/")
    page.locator(".see-all a").first.click()
    expect(page).to_have_url(re.compile(r"kind=plot&zone=lt-digital-park"))
    page.goto(f"{portal}/{lang}/search/?kind=plot&zone=bien-hoa-1-ip")
    chips = page.locator(".active-filters a")
    expect(chips).to_have_count(2)
    expect(page.locator("input[name=zone][value=bien-hoa-1-ip]")).to_be_checked()
    screenshot(page, f"issue11-search-filters-{lang}-{size}")
    chips.filter(has_text=re.compile("Bien Hoa 1|Biên Hòa 1")).click()
    expect(page).to_have_url(re.compile(r"kind=plot$"))
    expect(page.locator(".result h3 a").first).to_contain_text(re.compile(r" · (lot|lô) "))
    screenshot(page, f"issue11-search-plots-{lang}-{size}")
    page.context.close()
