"""An expert's page and a challenge's, and finding them, in Vietnamese and English on a 390 px
phone and a desktop: readable, nothing wider than the screen, no serious axe violations."""

import pytest
from playwright.sync_api import expect

from search import sync
from search.backends import elasticsearch_backend
from tests.conftest import lines, run_import
from tests.search.linkage import make_linkage

from .conftest import LOCALES, SIZES, axe_violations, on_db, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
ASK = {"vi": "Hỏi chuyên gia này", "en": "Ask this expert"}
BUDGET = {"vi": "2.500.000.000 ₫", "en": "VND 2,500,000,000"}


def publish_linkage():
    def publish_records(*records):
        result = run_import(lines(*records), publish=True)
        assert result.ok, result.problems

    make_linkage(publish_records)
    sync.drain()  # indexed now, whatever runs the outbox's tasks
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()  # and searchable now: an index refreshes on its own only once a second


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", list(LOCALES))
def test_expert_and_challenge_are_found_and_shown(portal, browser, lang, size):
    on_db(publish_linkage)
    viewport = SIZES[size]
    context = browser.new_context(
        viewport=viewport,
        locale=LOCALES[lang],
        is_mobile=size == "phone",
        has_touch=size == "phone",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    width = "document.documentElement.scrollWidth"
    try:
        page.goto(f"{portal}/{lang}/search/?kind=expert")
        expect(page.locator(f'a[href="/{lang}/registry/expert/test-expert/"]')).to_be_visible()
        screenshot(page, f"expert-search-{lang}-{size}")
        assert page.evaluate(width) <= viewport["width"]

        page.locator(f'a[href="/{lang}/registry/expert/test-expert/"]').first.click()
        expect(page.get_by_role("link", name=ASK[lang])).to_have_attribute(
            "href", f"/{lang}/ask/?expert=test-expert"
        )
        expect(page.get_by_role("link", name="Đại học Lạc Hồng")).to_be_visible()
        screenshot(page, f"expert-page-{lang}-{size}")
        assert page.evaluate(width) <= viewport["width"]
        assert axe_violations(page) == []

        words = "kiểm thử vi mạch" if lang == "vi" else "automated chip testing"
        page.goto(f"{portal}/{lang}/search/?q={words}")
        page.locator(f'a[href="/{lang}/registry/challenge/test-need/"]').first.click()
        expect(page.get_by_text(BUDGET[lang])).to_be_visible()
        screenshot(page, f"challenge-page-{lang}-{size}")
        assert page.evaluate(width) <= viewport["width"]
        assert axe_violations(page) == []
    finally:
        context.close()
