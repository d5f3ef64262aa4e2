"""A founder registers a startup: the page for startups → sign-up → sign-in before confirming
(told plainly) → a new confirmation link → confirmed → signed in → a profile with a logo and
photos → submitted → a curator approves → the public page shows it, found by search."""

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from search.backends import elasticsearch_backend

from ..conftest import on_db
from .steps import nav_link, sign_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "founder@example.invalid"
PASSWORD = "a-long-founder-password-42"
NAME = {"vi": "Công ty Cảm biến Sông Mây", "en": "Song May Sensors"}
PRIVACY = (
    "I have read the privacy notice: the agency keeps my e-mail to run my account and "
    "never publishes it (Decree 13/2023/NĐ-CP)."
)
MEMS = {"vi": "Cảm biến MEMS", "en": "MEMS sensors"}  # a technology's name, from the taxonomy
UNCONFIRMED = (
    "Your e-mail address is not confirmed yet. Open the link we sent you, or ask "
    "for a new one below."
)


@pytest.fixture
def images(settings, tmp_path):
    """A square logo and two photos; uploads served by the live server, as in production."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.cms.media_urls"
    files = {}
    for name, size, colour in [
        ("logo.png", (400, 400), "#0b5c8c"),
        ("lab.jpg", (1200, 800), "#3d8fc4"),
        ("team.jpg", (1200, 800), "#8a4b00"),
    ]:
        Image.new("RGB", size, colour).save(tmp_path / name)
        files[name] = tmp_path / name
    return files


def confirmation_link() -> str:
    sent = [m for m in mail.outbox if m.to == [EMAIL]]
    return re.search(r"https?://\S+/verify/\S+", sent[-1].body).group(0)


def sign_in(page, t) -> None:
    page.get_by_role("textbox", name=t("E-mail")).fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=t("Sign in")).click()


def approve_as_curator(browser, portal) -> str:
    """A curator approves the submitted profile in the admin (the curator journey walks the
    admin's pages; here it is the founder's view that matters)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from wagtail.models import WorkflowState

    from cms.moderation import CURATORS
    from registry.models import Enterprise

    def curator_and_task():
        user = get_user_model().objects.create_user(
            "curator", "curator@example.invalid", "a-long-test-password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=CURATORS))
        enterprise = Enterprise.objects.get(name=NAME["vi"])
        state = WorkflowState.objects.for_instance(enterprise).get(status="in_progress")
        return enterprise.pk, enterprise.ref, state.current_task_state.pk

    pk, ref, task_state = on_db(curator_and_task)
    admin = sign_in_to_admin(browser, portal, "curator", "a-long-test-password")
    url = reverse(
        "wagtailsnippets_registry_enterprise:workflow_action", args=[pk, "approve", task_state]
    )
    token = next(c["value"] for c in admin.context.cookies() if c["name"] == "csrftoken")
    answer = admin.request.post(
        f"{portal}{url}", headers={"X-CSRFToken": token, "Referer": admin.url}
    )
    assert answer.ok
    admin.context.close()
    return ref


def test_founder_journey(portal, visit, browser, images):
    journey = visit("founder")
    page, t, lang = journey.page, journey.t, journey.lang
    page.goto(f"{portal}/{lang}/")
    nav_link(page, lang, t("For startups")).click()
    expect(page.get_by_role("heading", name=t("Why register"))).to_be_visible()
    journey.check("for-startups")

    page.get_by_role("main").get_by_role("link", name=t("Create an account")).first.click()
    page.get_by_role("textbox", name=t("E-mail")).fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label(t(PRIVACY)).check()
    journey.check("sign-up")
    page.get_by_role("button", name=t("Create account")).click()
    expect(page.get_by_role("heading", name=t("Check your e-mail"))).to_be_visible()
    journey.check("check-email")
    first_link = confirmation_link()

    # Signing in before confirming: told so plainly, with the way to a new link.
    page.goto(f"{portal}/{lang}/account/login/")
    sign_in(page, t)
    expect(page.get_by_text(t(UNCONFIRMED))).to_be_visible()
    journey.check("unconfirmed-sign-in")
    page.get_by_role("main").get_by_role("link", name=t("Send the confirmation link again")).click()
    page.get_by_role("textbox", name=t("E-mail")).fill(EMAIL)
    journey.check("resend")
    page.get_by_role("button", name=t("Send me a link")).click()
    expect(page.get_by_role("heading", name=t("Check your e-mail"))).to_be_visible()
    journey.check("resent")
    link = confirmation_link()
    assert link != first_link

    page.goto(link)
    expect(page.get_by_role("heading", name=t("Your e-mail address is confirmed"))).to_be_visible()
    assert link.rstrip("/").rsplit("/", 1)[1] not in page.url  # the token left the address bar
    journey.check("confirmed")
    page.get_by_role("main").get_by_role("link", name=t("Sign in")).click()
    sign_in(page, t)
    expect(page.get_by_role("heading", name=t("My startup"), level=1)).to_be_visible()
    journey.check("dashboard")

    # A profile with a logo and two photos, saved as a draft, then submitted.
    page.get_by_role("link", name=t("Create a startup profile")).click()
    page.locator("#id_name").fill(NAME["vi"])
    page.locator("#id_name_en").fill(NAME["en"])
    page.locator("#id_startup_stage").select_option("seed")
    page.get_by_label(MEMS[lang]).check()
    page.locator("#id_logo").set_input_files(images["logo.png"])
    page.locator("#id_photos").set_input_files([images["lab.jpg"], images["team.jpg"]])
    journey.check("profile-form")
    page.get_by_role("button", name=t("Save draft")).click()
    expect(page.get_by_text(t("Draft: not yet submitted"))).to_be_visible()
    journey.check("draft")
    page.get_by_role("button", name=t("Submit for review")).click()
    expect(page.get_by_text(t("Waiting for review"))).to_be_visible()
    journey.check("submitted")

    ref = approve_as_curator(browser, portal)

    # Approved: public, with its logo and photos, and found by search.
    page.reload()
    expect(page.get_by_text(t("Published"))).to_be_visible()
    page.get_by_role("link", name=t("see the public page")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/registry/enterprise/{ref}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME[lang])
    logo = page.locator("img.record-logo")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.naturalWidth === img.naturalHeight && img.naturalWidth > 0")
    expect(page.locator(".gallery img")).to_have_count(2)
    journey.check("public")
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()  # searchable within a second; the test does not wait for it
    page.goto(f"{portal}/{lang}/search/?q=song+may")
    expect(page.locator(".result h3 a", has_text=NAME[lang])).to_be_visible()
