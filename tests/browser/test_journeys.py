"""Checks beside the journeys (tests/browser/journeys/, which walk each journey in both
languages and at both sizes): the language switch, accessibility scans of the main pages, the
keyboard."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from search.backends import elasticsearch_backend

from .conftest import axe_violations, on_db, record_axe_summary, screenshot

# A live server in another thread needs committed data (the `portal` fixture puts back what the
# migrations made after each test's flush).
pytestmark = pytest.mark.django_db(transaction=True)


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
