"""Issue 13, item 4, in Chromium: the open-data page reached from the footer, in Vietnamese and
English on a 390 px phone and a 1366 px desktop: every dataset with its downloads, the licence,
no serious axe violation, nothing wider than the screen, no layout shift; and a download link
that gives the file. Screenshots: screenshots/open-data-<lang>-<phone|desktop>.png."""

import pytest
from playwright.sync_api import expect

from .conftest import LAYOUT_SHIFT_OBSERVER, LOCALES, SIZES, axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "vi": {"footer": "Dữ liệu mở", "plots": "Lô đất", "licence": "Giấy phép"},
    "en": {"footer": "Open data", "plots": "Land plots", "licence": "Licence"},
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_open_data_page_lists_the_datasets_and_their_downloads(portal, browser, lang, size):
    context = browser.new_context(
        viewport=SIZES[size],
        locale=LOCALES[lang],
        is_mobile=size == "phone",
        has_touch=size == "phone",
        accept_downloads=True,
    )
    context.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{portal}/{lang}/")
    page.locator(".site-footer").get_by_role("link", name=TEXTS[lang]["footer"]).click()
    expect(page).to_have_url(f"{portal}/{lang}/open-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[lang]["footer"])
    expect(page.get_by_role("heading", name=TEXTS[lang]["licence"])).to_be_visible()
    expect(page.locator(".dataset")).to_have_count(9)  # the eight kinds, and the indicators
    plots = page.locator("#plot")
    expect(plots.get_by_role("heading", level=3)).to_have_text(TEXTS[lang]["plots"])
    expect(plots.locator("a.download")).to_have_text(["JSON Lines", "CSV", "XLSX", "GeoJSON"])
    for link in plots.locator("a.download").all():  # big enough to tap (WCAG 2.5.8 and more)
        assert link.bounding_box()["height"] >= 44
    assert page.evaluate("window.__cls") < 0.1
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert axe_violations(page) == []
    screenshot(page, f"open-data-{lang}-{size}")

    with page.expect_download() as download:
        plots.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "dnhub-plot.csv"
    context.close()
