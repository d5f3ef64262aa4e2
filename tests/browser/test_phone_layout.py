"""On a 390 px phone, in Vietnamese and English: no page is wider than the screen (the pages the
journeys do not reach, and compare with four plots). Layout shift is measured on every page of
the journeys (tests/browser/journeys/)."""

import pytest

from .conftest import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["vi", "en"])
def lang(request):
    return request.param


@pytest.fixture
def phone(browser, lang):
    locale = {"vi": "vi-VN", "en": "en-GB"}[lang]
    context = browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
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
