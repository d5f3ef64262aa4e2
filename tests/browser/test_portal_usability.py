"""Issue 11's fixes as a visitor meets them, in Vietnamese and English, on a phone (390 px) and
a laptop (1366 px): the map of a Vietnamese record page, the inquiry form's way through errors,
the finder's sector choice, removable filters, plots named with their zones."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PLOT = "sample-lt-digital-park-a01"
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}


def open_page(browser, size: str, lang: str):
    locale = "vi-VN" if lang == "vi" else "en-GB"
    page = browser.new_context(viewport=SIZES[size], locale=locale).new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("size", list(SIZES))
def test_a_vietnamese_record_page_shows_its_marker_and_a_corrected_inquiry_is_sent(
    portal, browser, size
):
    page = open_page(browser, size, "vi")
    page.goto(f"{portal}/vi/registry/plot/{PLOT}/")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(1)
    screenshot(page, f"issue11-plot-vi-{size}")

    # A mistake: the summary at the top of the form takes focus, naming the field.
    page.locator("#id_name").fill("Kim Min-jun")
    page.locator("#id_email").fill("not-an-email")
    page.locator("#id_message").fill("Lô A01 còn trống không?")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(1)
    screenshot(page, f"issue11-inquiry-error-vi-{size}")

    # Corrected, it is sent (not posted below the error page) and thanked where the form was.
    summary.get_by_role("link").click()
    expect(page.locator("#id_email")).to_be_focused()
    page.locator("#id_email").fill("minjun@example.invalid")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page).to_have_url(f"{portal}/vi/registry/plot/{PLOT}/#inquiry")
    thanks = page.locator("#inquiry .inquiry-sent")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_in_viewport()
    screenshot(page, f"issue11-inquiry-sent-vi-{size}")
    page.context.close()


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
