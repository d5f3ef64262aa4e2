"""On a 390 px phone, in Vietnamese and English: no page is wider than the screen, and the search
page does not jump after it loads (cumulative layout shift below 0.1)."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
# Collects layout shifts from the first paint on (buffered), as Lighthouse counts CLS.
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.__cls += entry.value; }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.fixture(params=["vi", "en"])
def lang(request):
    return request.param


@pytest.fixture
def phone(browser, lang):
    locale = {"vi": "vi-VN", "en": "en-GB"}[lang]
    context = browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_compare_with_four_plots_fits_a_phone(portal, phone, lang):
    phone.goto(f"{portal}/{lang}/search/?kind=plot&sort=-area_m2")
    links = [phone.locator(".result h3 a").nth(i).get_attribute("href") for i in range(4)]
    for href in links:
        phone.goto(f"{portal}{href}")
        phone.locator("form.inline-form button[type=submit]").click()
    phone.goto(f"{portal}/{lang}/compare/")
    assert phone.locator("table.compare thead th").count() == 4
    screenshot(phone, f"phone-{lang}-compare")
    assert page_width(phone) <= PHONE["width"]


@pytest.mark.parametrize("path", ["", "search/?kind=plot", "investment-guide/", "incentives/",
                                  "contact/", "site-finder/"])  # fmt: skip
def test_pages_are_no_wider_than_a_phone(portal, phone, lang, path):
    phone.goto(f"{portal}/{lang}/{path}")
    name = path.split("/")[0] or "home"
    screenshot(phone, f"phone-{lang}-{name}")
    assert page_width(phone) <= PHONE["width"], name


def test_search_page_does_not_shift_after_loading(portal, phone, lang):
    phone.goto(f"{portal}/{lang}/search/?kind=plot")
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(1500)  # the map and its markers arrive after the load event
    cls = phone.evaluate("window.__cls")
    assert cls < 0.1, cls
