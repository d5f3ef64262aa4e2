"""An investor finds a site by sector preset: home → site finder → a preset applied at once →
ranked plots named with their zones, each score explained → the shareable link → a plot."""

import re

import pytest
from playwright.sync_api import expect

from .steps import nav_link

pytestmark = pytest.mark.django_db(transaction=True)

PRESET = "data_centre_hyperscale"


def test_site_finder_by_preset(portal, visit):
    journey = visit("finder")
    page, t = journey.page, journey.t
    page.goto(f"{portal}/{journey.lang}/")
    journey.check("home")

    nav_link(page, journey.lang, t("Site finder")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Before a sector is chosen, nothing is passed off as a ranking.
    expect(page.locator(".finder-results.unranked")).to_be_visible()
    journey.check("finder")

    # The preset applies as soon as the form is sent: no "Load profile" first.
    page.get_by_label(t("Sector profile")).select_option(PRESET)
    page.get_by_role("button", name=t("Find plots")).click()
    expect(page).to_have_url(re.compile(rf"profile={PRESET}"))
    expect(page.get_by_label(t("Power at least (MW)"))).to_have_value("40")
    results = page.locator("ol.finder-results > .finder-result")
    expect(results.first).to_be_visible()
    first = results.first
    # Plots are told apart by zone and lot code, in the page's language.
    lot = {"vi": "lô", "en": "lot"}[journey.lang]
    expect(first.get_by_role("heading", level=3)).to_contain_text(f" · {lot} ")
    score = first.locator(".score strong").inner_text()
    decimal = {"vi": ",", "en": "."}[journey.lang]
    assert re.fullmatch(rf"\d{{1,3}}\{decimal}\d", score), score
    assert float(score.replace(",", ".")) > 0
    first.locator("summary").click()
    criteria = first.get_by_role("table")
    expect(criteria).to_be_visible()
    expect(criteria.get_by_text(t("met"), exact=False).first).to_be_visible()
    journey.check("ranked")

    # The link to these results reproduces them.
    shared = page.get_by_label(t("Link to these results")).input_value()
    best = first.get_by_role("heading", level=3).inner_text()
    page.goto(shared)
    expect(results.first.get_by_role("heading", level=3)).to_have_text(best)
    journey.check("shared")

    results.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/{journey.lang}/registry/plot/[^/]+/$"))
    journey.check("plot")
