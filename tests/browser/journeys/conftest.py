"""The journey matrix: every journey in Vietnamese and English, on a 390 px phone and a
1366 px desktop, one browser per test, on the seeded portal."""

import pytest
from django.core.cache import cache, caches

from ..conftest import LAYOUT_SHIFT_OBSERVER, LOCALES, SIZES
from .steps import Journey

MATRIX = [(lang, size) for lang in LOCALES for size in SIZES]


@pytest.fixture(params=MATRIX, ids=[f"{lang}-{size}" for lang, size in MATRIX])
def visit(request, browser, portal):
    """A fresh browser context for one (language, size); the page measures layout shift from
    its first paint."""
    lang, size = request.param
    # Every journey comes from 127.0.0.1: the rate limits (a database table the flush between
    # tests leaves alone) must not carry one journey's sign-ups and inquiries into the next.
    for each in (cache, caches["ratelimit"]):
        each.clear()
    phone = size == "phone"
    context = browser.new_context(
        viewport=SIZES[size], locale=LOCALES[lang], is_mobile=phone, has_touch=phone
    )
    context.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page = context.new_page()
    # A shared, loaded test machine answered some page loads in over 15 s.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(45_000)

    def start(name: str) -> Journey:
        return Journey(name=name, lang=lang, size=size, page=page)

    yield start
    context.close()
