"""An investor's first visit: home → a text search → a facet → the map → a plot's page →
two plots compared → an inquiry, sent again after a validation error → the receipt by e-mail,
in the page's language, naming the officer who will answer."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ..conftest import on_db
from .steps import nav_link

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = {"vi": "trung tâm dữ liệu", "en": "data centre"}
INVESTOR = "Tanaka Hiroshi"
CONSENT = (
    "I agree that the investment agency processes these details to answer my inquiry, "
    "under Decree 13/2023/NĐ-CP on personal data protection. They are not published."
)


def count_in(heading: str) -> int:
    return int(re.search(r"\d[\d.,]*", heading).group(0).replace(".", "").replace(",", ""))


def shown_on_map(page) -> int:
    markers = page.locator("#map path.marker")
    clusters = page.locator("#map .marker-cluster")
    return markers.count() + sum(int(text) for text in clusters.all_inner_texts())


def open_a_marker(page) -> None:
    """Clusters open when clicked, down to single markers; a marker opens its popup."""
    markers = page.locator("#map path.marker")
    for _ in range(12):
        if markers.count():
            break
        page.locator("#map .marker-cluster").first.click()
        page.wait_for_timeout(700)  # the zoom animation
    markers.first.click(force=True)


def plot_facts(ref: str) -> dict:
    from cms.portal.officers import officer_for
    from registry.models import Plot

    plot = Plot.objects.get(ref=ref)
    return {"area_m2": plot.area_m2, "officer": officer_for(plot)}


def test_investor_journey(portal, visit):
    journey = visit("investor")
    page, t, lang = journey.page, journey.t, journey.lang
    page.goto(f"{portal}/{lang}/")
    journey.check("home")

    # A text search naming a technology, in the page's language.
    page.get_by_label(t("Search the registry")).first.fill(QUERY[lang])
    page.get_by_label(t("Search the registry")).first.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    heading = page.locator("#results-heading")
    expect(heading).to_contain_text(re.compile(r"\d"))
    assert count_in(heading.inner_text()) > 0
    journey.check("search")

    # Suggestions as the investor types (a list box of plain options).
    box = page.get_by_role("combobox", name=t("Search the registry"))
    box.fill("long th")
    expect(page.get_by_role("option").first).to_be_visible()
    journey.check("suggestions")
    box.fill(QUERY[lang])
    box.press("Escape")

    # A facet: on a phone the filters are folded under the results until asked for.
    plot_facet = page.get_by_label(re.compile(rf"^{t('Plot')} \(\d+\)$"))
    if not plot_facet.is_visible():
        page.get_by_role("heading", name=t("Filters")).click()
    plot_facet.check()
    page.get_by_role("button", name=t("Apply filters")).click()
    expect(page).to_have_url(re.compile(r"kind=plot"))
    expect(page.locator(".active-filters")).to_contain_text(t("Plot"))
    count = count_in(heading.inner_text())
    assert count > 0
    results_url = page.url

    # The map shows every located result, grouped in clusters, without a tile server.
    expect(page.locator("#map")).to_have_attribute("data-markers", str(count))
    expect(page.locator("#map .marker-cluster, #map path.marker").first).to_be_visible()
    for _ in range(20):  # clusters re-form while the opening zoom animates
        if shown_on_map(page) == count:
            break
        page.wait_for_timeout(250)
    assert shown_on_map(page) == count
    journey.check("map")

    open_a_marker(page)
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_be_visible()
    expect(popup_link).to_contain_text(" · ")  # zone · lot: lot codes repeat across zones
    page.wait_for_timeout(500)  # the map pans to show the whole popup; a tap lands after it
    popup_link.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/registry/plot/[^/]+/$"))
    first_plot = page.url
    ref = first_plot.rstrip("/").rsplit("/", 1)[1]
    facts = on_db(lambda: plot_facts(ref))
    # Its map shows its marker (coordinates reach the script unformatted, in every language).
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(1)
    expect(page.locator("script[type='application/ld+json']")).to_have_count(1)
    # People-read numbers in the page's language (20.000 m² in Vietnamese, 20,000 in English).
    expect(page.locator("dl.facts")).to_contain_text(journey.number(facts["area_m2"]))
    journey.check("plot")

    # Two plots side by side.
    page.get_by_role("button", name=t("Add to comparison")).click()
    expect(page.get_by_text(t("Added to your comparison."))).to_be_visible()
    page.goto(results_url)
    links = page.locator(".result h3 a")
    other = next(
        link for link in links.all() if not first_plot.endswith(link.get_attribute("href"))
    )
    other.click()
    page.get_by_role("button", name=t("Add to comparison")).click()
    expect(page.get_by_text(t("Added to your comparison."))).to_be_visible()
    nav_link(page, lang, re.compile(rf"^{t('Compare')}")).click()
    expect(page.locator("table.compare thead th")).to_have_count(2)
    expect(page.locator("tr.differs").first).to_be_visible()
    journey.check("compare")
    with page.expect_download() as download:
        page.get_by_role("link", name=t("Download as CSV")).click()
    assert download.value.suggested_filename == "dnhub-compare.csv"

    # An inquiry with a mistake: the summary at the top of the form takes focus.
    page.goto(first_plot)
    page.get_by_label(t("Your name")).fill(INVESTOR)
    page.get_by_label(t("Company")).fill("Example Semiconductor KK")
    page.get_by_label(t("Country")).select_option("JP")
    page.get_by_label(t("E-mail")).fill("tanaka-at-example")
    page.get_by_label(t("Message")).fill("2 ha, two power feeds: is a site visit possible?")
    page.get_by_label(t(CONSENT)).check()
    page.get_by_role("button", name=t("Send inquiry")).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(t("Your inquiry was not sent. Please correct:"))
    expect(summary.get_by_role("link")).to_have_count(1)
    journey.check("inquiry-error")

    # Corrected and sent again: thanked where the form was.
    summary.get_by_role("link").click()
    email = page.get_by_label(t("E-mail"))
    expect(email).to_be_focused()
    email.fill("tanaka@example.invalid")
    consent = page.get_by_label(t(CONSENT))
    if not consent.is_checked():
        consent.check()
    page.get_by_role("button", name=t("Send inquiry")).click()
    expect(page).to_have_url(f"{first_plot}#inquiry")
    thanks = page.get_by_text(t("Thank you. Your inquiry has been sent."))
    expect(thanks).to_be_visible()
    expect(thanks).to_be_in_viewport()
    journey.check("inquiry-sent")

    # The receipt opens in the page's language and names the officer who will answer.
    receipt = next(m for m in mail.outbox if m.to == ["tanaka@example.invalid"])
    assert receipt.subject.startswith(t("We have received your inquiry")), receipt.subject
    assert receipt.body.startswith(t("Dear %(name)s,", name=INVESTOR)), receipt.body[:80]
    officer = facts["officer"]
    assert officer is not None
    assert officer.name in receipt.body
    assert officer.email in receipt.body
