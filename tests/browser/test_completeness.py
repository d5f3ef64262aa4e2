"""Issue 14, items 4 and 5, in Chromium: the public data-completeness badge on a plot's page in
Vietnamese and English on a phone and a desktop (readable without colour, no serious axe
violation, nothing wider than the screen); the curator's plot list sorted by completeness, the
dashboard's distribution and a flagged plot's warnings, in the curator's language.
Screenshots: screenshots/completeness-badge-<lang>-<size>.png,
screenshots/completeness-admin-<list|dashboard|edit>-<lang>.png."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import LAYOUT_SHIFT_OBSERVER, LOCALES, SIZES, axe_violations, on_db, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "vi": {"badge": "Mức đầy đủ dữ liệu", "missing": "Chưa có:", "column": "Mức đầy đủ"},
    "en": {"badge": "Data completeness", "missing": "Not yet recorded:", "column": "Completeness"},
}
CURATOR, PASSWORD = "quality-curator", "a-long-test-password"


def least_complete_plot():
    from registry.models import Plot

    return Plot.objects.published().order_by("completeness", "ref").first()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_a_plot_page_shows_its_data_completeness(portal, browser, lang, size):
    plot = on_db(least_complete_plot)
    assert plot.completeness < 100
    context = browser.new_context(
        viewport=SIZES[size], locale=LOCALES[lang], is_mobile=size == "phone"
    )
    context.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{portal}/{lang}/registry/plot/{plot.ref}/")
    badge = page.locator("section.completeness")
    expect(badge.get_by_role("heading", name=TEXTS[lang]["badge"])).to_be_visible()
    expect(badge.locator("strong")).to_have_text(f"{plot.completeness}%")
    expect(badge).to_contain_text(TEXTS[lang]["missing"])
    expect(badge.get_by_role("meter")).to_have_attribute("value", str(plot.completeness))
    assert page.evaluate("window.__cls") < 0.1
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert axe_violations(page) == []
    badge.scroll_into_view_if_needed()
    screenshot(page, f"completeness-badge-{lang}-{size}")
    context.close()


def curator_speaking(lang: str):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser(CURATOR, "q@example.invalid", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang
    profile.save()


def outlier_plot() -> str:
    """A seed plot given a price ten times its zone's, for the edit view's warning."""
    from registry.models import Plot

    for plot in Plot.objects.published().exclude(lease_price_usd_m2=None).order_by("ref"):
        priced = Plot.objects.published().filter(zone=plot.zone).exclude(lease_price_usd_m2=None)
        if priced.count() >= 5:
            plot.lease_price_usd_m2 = 10 * max(priced.values_list("lease_price_usd_m2", flat=True))
            plot.save()
            return plot.pk
    raise AssertionError("no zone with five priced plots in the seed")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_curator_sorts_plots_by_completeness_and_sees_the_checks(portal, browser, lang):
    on_db(lambda: curator_speaking(lang))
    flagged_pk = on_db(outlier_plot)
    context = browser.new_context(viewport=SIZES["desktop"], locale=LOCALES[lang])
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{portal}/admin/login/")
    page.locator("#id_username").fill(CURATOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    panel = page.locator("#registry-completeness-section")
    expect(panel.get_by_role("table")).to_be_visible()
    panel.scroll_into_view_if_needed()
    screenshot(page, f"completeness-admin-dashboard-{lang}")

    page.goto(f"{portal}/admin/snippets/registry/plot/")
    page.get_by_role("link", name=re.compile(TEXTS[lang]["column"])).first.click()
    expect(page).to_have_url(re.compile(r"ordering=-?completeness"))
    # The admin swaps the listing in after changing the address: read it from a fresh load.
    page.goto(f"{portal}/admin/snippets/registry/plot/?ordering=completeness")
    cells = page.locator("td").filter(has_text=re.compile(r"^\s*\d+%\s*$"))
    expect(cells.first).to_be_visible()
    values = [int(text.strip().rstrip("%")) for text in cells.all_inner_texts()]
    assert len(values) >= 10 and values == sorted(values)
    screenshot(page, f"completeness-admin-list-{lang}")

    page.goto(f"{portal}/admin/snippets/registry/plot/edit/{flagged_pk}/")
    warning = page.locator(".help-warning").filter(has_text="USD/m²")
    expect(warning).to_be_visible()
    expect(page.locator(".help-info").first).to_contain_text(f"{TEXTS[lang]['badge']}:")
    screenshot(page, f"completeness-admin-edit-{lang}")
    context.close()
