"""What the browser does with hostile data and under the content policy: a record name full of
markup shows as text on the maps, and the main pages (portal and admin, both languages) run
without a single Content-Security-Policy violation or script error."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from cms.models import ContentPage
from registry.models import Enterprise, Plot
from search.backends import elasticsearch_backend
from tests.conftest import lines, run_import

from .conftest import on_db

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_NAME = "X <img src=x onerror=window.__xss=1>"
PROBE = {
    "kind": "rd_organisation",
    "ref": "xss-probe",
    "name": HOSTILE_NAME,
    "org_kind": "university",
    "location": {"lat": 10.95, "lon": 106.82},
}

# Collects what the browser reports before any page script runs.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(
    [e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber].join(" "));
});
"""


def plant(record: dict) -> None:
    result = on_db(lambda: run_import(lines(record), publish=True))
    assert result.ok, result.problems
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()


def test_a_hostile_record_name_shows_as_text_on_the_maps(portal, page):
    plant(PROBE)

    page.goto(f"{portal}/en/search/?q=onerror")
    marker = page.locator("#map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    marker.hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_have_text(HOSTILE_NAME)
    marker.click(force=True)
    expect(page.locator(".leaflet-popup-content a")).to_have_text(HOSTILE_NAME)
    page.wait_for_timeout(300)  # an injected <img> would have fired its onerror by now
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#map img[src='x']").count() == 0

    page.goto(f"{portal}/en/registry/rd_organisation/xss-probe/")
    marker = page.locator("#map path.leaflet-interactive")
    marker.hover(force=True)
    expect(page.locator(".leaflet-tooltip")).to_have_text(HOSTILE_NAME)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#map img[src='x']").count() == 0


def test_map_popups_follow_the_page_language_not_the_browser(portal, browser):
    plant(
        {
            "kind": "rd_organisation",
            "ref": "language-probe",
            "name": "Viện kiểm tra ngôn ngữ",
            "name_en": "Language Check Institute",
            "org_kind": "research_institute",
            "location": {"lat": 10.9, "lon": 106.9},
        }
    )
    context = browser.new_context(locale="en-US")  # the browser asks for English
    page = context.new_page()
    page.goto(f"{portal}/vi/search/?q=kiem+tra+ngon+ngu")
    marker = page.locator("#map path.leaflet-interactive")
    expect(marker).to_have_count(1)
    marker.click(force=True)
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_have_text("Viện kiểm tra ngôn ngữ")
    assert link.get_attribute("href") == f"{portal}/vi/registry/rd_organisation/language-probe/"
    context.close()


PORTAL_PAGES = [
    "",
    "search/?kind=plot",
    "registry/plot/sample-lt-digital-park-a01/",
    "registry/zone/lt-digital-park/",
    "site-finder/?profile=data_centre_hyperscale",
    "compare/",
    "account/signup/",
]


def visit_and_collect(page, url: str) -> list[str]:
    response = page.goto(url)
    assert "content-security-policy" in response.headers, url
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_main_pages_run_without_content_policy_violations_or_script_errors(portal, browser, lang):
    context = browser.new_context(locale="vi-VN" if lang == "vi" else "en-GB")
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors, console = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: console.append(message.text)
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
        else None,
    )
    violations = {}
    for path in PORTAL_PAGES:
        violations[path] = visit_and_collect(page, f"{portal}/{lang}/{path}")
    # The maps really ran (a blocked script would leave the fallback text).
    page.goto(f"{portal}/{lang}/search/?kind=plot")
    expect(
        page.locator("#map .marker-cluster").first.or_(page.locator("#map path.marker").first)
    ).to_be_visible()

    on_db(
        lambda: get_user_model().objects.create_superuser(
            "curator", "curator@example.invalid", "a-long-test-password"
        )
    )
    violations["admin login"] = visit_and_collect(page, f"{portal}/admin/login/")
    page.locator("#id_username").fill("curator")
    page.locator("#id_password").fill("a-long-test-password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{portal}/admin/")
    page.wait_for_load_state("networkidle")
    violations["admin dashboard"] = page.evaluate("window.__cspViolations")
    # Snippet editors: choosers, date pickers, the location preview; a photo InlinePanel; a page.
    plot_pk = on_db(lambda: Plot.objects.get(ref="sample-lt-digital-park-a01").pk)
    edit = reverse("wagtailsnippets_registry_plot:edit", args=[plot_pk])
    violations["admin plot edit"] = visit_and_collect(page, f"{portal}{edit}")
    # The location preview (Leaflet on MAP_TILE_URL) ran: it asked for tiles.
    expect(page.locator("[data-map-frame] img.leaflet-tile").first).to_be_attached()
    # The date picker's inline initialiser ran.
    page.locator("#id_available_from").click()
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_visible()
    # The image chooser's modal (HTML loaded by script) works too.
    page.locator("#id_photo-chooser button[data-chooser-action-choose]:visible").first.click()
    expect(page.locator(".modal .modal-content")).to_be_visible()
    page.wait_for_load_state("networkidle")
    violations["admin image chooser"] = page.evaluate("window.__cspViolations")
    firm_pk = on_db(lambda: Enterprise.objects.get(ref="on-semiconductor-bien-hoa").pk)
    edit = reverse("wagtailsnippets_registry_enterprise:edit", args=[firm_pk])
    violations["admin enterprise edit"] = visit_and_collect(page, f"{portal}{edit}")
    guide_pk = on_db(lambda: ContentPage.objects.first().pk)
    edit = reverse("wagtailadmin_pages:edit", args=[guide_pk])
    violations["admin page edit"] = visit_and_collect(page, f"{portal}{edit}")
    console_messages = list(console)

    # Markup that slipped into an admin page cannot run its event handlers.
    page.evaluate(
        """document.body.insertAdjacentHTML(
             "beforeend", '<img src="/no-such-image" onerror="window.__xss=1">')"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert any("script-src-attr" in v for v in page.evaluate("window.__cspViolations"))
    # …nor an inline script that is not one of Wagtail's initialisers.
    page.evaluate(
        """var s = document.createElement("script"); s.text = "window.__xss = 2";
           document.body.appendChild(s)"""
    )
    assert page.evaluate("typeof window.__xss") == "undefined"
    context.close()

    found = {name: list(dict.fromkeys(found)) for name, found in violations.items() if found}
    assert found == {}, json.dumps(found, indent=1)
    assert console_messages == []
    assert errors == []
