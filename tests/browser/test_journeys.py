"""What investors and curators do, in a real browser: search → facet → marker → record page →
compare → inquiry → the curator sees it; language switch; site finder; accessibility scans and
screenshots of the main pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cms.models import Inquiry
from search.backends import elasticsearch_backend

from .conftest import axe_violations, on_db, record_axe_summary, screenshot

# A live server in another thread needs committed data (the `portal` fixture puts back what the
# migrations made after each test's flush).
pytestmark = pytest.mark.django_db(transaction=True)


def test_an_investor_searches_compares_and_asks_and_a_curator_sees_it(portal, page, browser):
    page.goto(f"{portal}/en/search/")
    # Suggestions as the investor types.
    page.get_by_role("combobox", name="Search the registry").fill("long th")
    expect(page.locator("#q-suggestions li").first).to_be_visible()
    page.get_by_role("combobox", name="Search the registry").fill("")

    # A facet, from the keyboard-usable form; the URL carries the state.
    page.get_by_label(re.compile(r"^Plot \(\d+\)$")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"kind=plot"))
    count = int(
        re.search(r"(\d+) results?", page.locator("#results-heading").inner_text()).group(1)
    )
    assert count > 0

    # The map shows every located result even though the tile server is unreachable: near
    # ones are grouped in clusters that say how many they hold.
    the_map = page.locator("#map")
    expect(the_map).to_have_attribute("data-markers", str(min(count, 2000)))
    markers = page.locator("#map path.marker")
    clusters = page.locator("#map .marker-cluster")
    expect(clusters.first.or_(markers.first)).to_be_visible()

    def shown() -> int:
        return markers.count() + sum(int(text) for text in clusters.all_inner_texts())

    for _ in range(20):  # clusters re-form while the opening zoom animates
        if shown() == min(count, 2000):
            break
        page.wait_for_timeout(250)
    assert shown() == min(count, 2000)
    screenshot(page, "search-with-map")

    # Clusters open when clicked, down to single markers; a marker opens a popup whose link
    # leads to the record page.
    for _ in range(12):
        if markers.count():
            break
        clusters.first.click()
        page.wait_for_timeout(700)  # the zoom animation
    markers.first.click(force=True)
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_be_visible()
    # Lot codes repeat across zones: the popup names the zone and lot and gives key figures.
    expect(popup_link).to_contain_text(" · ")
    expect(page.locator(".leaflet-popup-content p")).to_contain_text("ha")
    popup_link.click()
    expect(page).to_have_url(re.compile(r"/en/registry/plot/[^/]+/$"))
    first_plot = page.url
    expect(page.locator("script[type='application/ld+json']")).to_have_count(1)
    screenshot(page, "plot-page")

    # Shortlist two plots and compare them.
    page.get_by_role("button", name="Add to comparison").click()
    expect(page.get_by_text("Added to your comparison.")).to_be_visible()
    page.goto(f"{portal}/en/search/?kind=plot&sort=-area_m2")
    page.locator(".result h3 a").first.click()
    if page.url == first_plot:
        page.go_back()
        page.locator(".result h3 a").nth(1).click()
    page.get_by_role("button", name="Add to comparison").click()
    page.get_by_role("link", name=re.compile(r"^Compare")).click()
    expect(page.locator("table.compare thead th")).to_have_count(2)
    expect(page.locator("tr.differs").first).to_be_visible()
    screenshot(page, "compare")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename == "dnhub-compare.csv"

    # An inquiry from the plot page.
    page.goto(first_plot)
    page.get_by_label("Your name").fill("Tanaka Hiroshi")
    page.get_by_label("Company").fill("Example Semiconductor KK")
    page.get_by_label("Country").select_option("JP")
    page.get_by_label("E-mail").fill("tanaka@example.invalid")
    page.get_by_label("Message").fill(
        "We need 2 ha with two power feeds. Is a site visit possible?"
    )
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Send inquiry").click()
    expect(page.get_by_text("Thank you. Your inquiry has been sent.")).to_be_visible()
    assert on_db(lambda: Inquiry.objects.filter(name="Tanaka Hiroshi").exists())

    # A curator signs in to the admin and finds it.
    on_db(
        lambda: get_user_model().objects.create_superuser(
            "curator", "curator@example.invalid", "a-long-test-password"
        )
    )
    admin = browser.new_context(locale="en-GB").new_page()
    admin.goto(f"{portal}/admin/login/")
    admin.locator("#id_username").fill("curator")
    admin.locator("#id_password").fill("a-long-test-password")
    admin.locator("button[type=submit]").click()
    admin.goto(f"{portal}/admin/snippets/cms/inquiry/")
    expect(admin.get_by_text("Tanaka Hiroshi")).to_be_visible()
    admin.context.close()


def test_the_language_switch_keeps_the_page(portal, page):
    page.goto(f"{portal}/en/registry/zone/lt-digital-park/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(f"{portal}/vi/registry/zone/lt-digital-park/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Khu công nghệ số tập trung Long Thành"
    )


def test_main_pages_have_no_serious_accessibility_violations(portal, page, browser):
    pages = {
        "home": "/en/",
        "home-vi": "/vi/",
        "search": "/en/search/?kind=plot",
        "plot": "/en/registry/plot/sample-lt-digital-park-a01/",
        "zone": "/vi/registry/zone/lt-digital-park/",
        "site-finder": "/en/site-finder/?profile=data_centre_hyperscale",
        "compare": "/en/compare/",
        "sign-up": "/vi/account/signup/",
    }
    summary = {}
    for name, path in pages.items():
        page.goto(f"{portal}{path}")
        page.wait_for_load_state("networkidle")
        if name == "home":
            screenshot(page, "home")
        summary[name] = axe_violations(page)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    phone.goto(f"{portal}/vi/search/?q=ban+dan")
    screenshot(phone, "search-phone")
    summary["search-phone"] = axe_violations(phone)
    phone.context.close()
    record_axe_summary(summary)
    assert summary == {name: [] for name in summary}


def test_keyboard_only_reaches_the_content_and_the_filters(portal, page):
    page.goto(f"{portal}/en/search/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(4):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id || document.activeElement.name")
    assert focused  # focus moved into the page's own controls, in order


def test_a_founder_registers_and_is_published_after_a_curator_approves(portal, page, browser):
    from django.contrib.auth.models import Group
    from django.core import mail
    from django.urls import reverse
    from wagtail.models import WorkflowState

    from cms.moderation import CURATORS
    from registry.models import Enterprise

    page.goto(f"{portal}/en/account/signup/")
    page.get_by_role("textbox", name="E-mail").fill("founder@example.invalid")
    page.locator("#id_password").fill("a-long-founder-password-42")
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="Your e-mail address is confirmed")).to_be_visible()
    assert link.rstrip("/").rsplit("/", 1)[1] not in page.url  # the token left the address bar
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_role("textbox", name="E-mail").fill("founder@example.invalid")
    page.locator("#id_password").fill("a-long-founder-password-42")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My startup")).to_be_visible()

    page.get_by_role("link", name="Create a startup profile").click()
    page.get_by_role("textbox", name=re.compile(r"^name \(vietnamese\)", re.I)).fill(
        "Công ty Cảm biến Sông Mây"
    )
    page.get_by_role("textbox", name=re.compile(r"^name \(english\)", re.I)).fill(
        "Song May Sensors"
    )
    page.get_by_role("combobox", name=re.compile("startup stage", re.I)).select_option("seed")
    page.get_by_label("MEMS sensors").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft: not yet submitted")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Waiting for review")).to_be_visible()
    screenshot(page, "founder-dashboard")

    def curator_and_task():
        user = get_user_model().objects.create_user(
            "curator", "curator@example.invalid", "a-long-test-password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=CURATORS))
        enterprise = Enterprise.objects.get(name_en="Song May Sensors")
        state = WorkflowState.objects.for_instance(enterprise).get(status="in_progress")
        return enterprise.pk, enterprise.ref, state.current_task_state.pk

    pk, ref, task_state = on_db(curator_and_task)
    admin = browser.new_context(locale="en-GB").new_page()
    admin.goto(f"{portal}/admin/login/")
    admin.locator("#id_username").fill("curator")
    admin.locator("#id_password").fill("a-long-test-password")
    admin.locator("button[type=submit]").click()
    admin.goto(f"{portal}{reverse('wagtailsnippets_registry_enterprise:edit', args=[pk])}")
    expect(admin.locator("body")).to_contain_text("Sông Mây")  # the curator opens the profile
    token = next(c["value"] for c in admin.context.cookies() if c["name"] == "csrftoken")
    url = reverse(
        "wagtailsnippets_registry_enterprise:workflow_action", args=[pk, "approve", task_state]
    )
    answer = admin.request.post(
        f"{portal}{url}", headers={"X-CSRFToken": token, "Referer": admin.url}
    )
    assert answer.ok
    admin.context.close()

    page.goto(f"{portal}/en/registry/enterprise/{ref}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Song May Sensors")
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()  # searchable within a second; the test does not wait for it
    page.goto(f"{portal}/en/search/?q=song+may")
    expect(page.locator(".result h3 a", has_text="Song May Sensors")).to_be_visible()
