"""A curator's day in the admin, in their own language: the profile a founder submitted, found
on the dashboard, reviewed and approved (then public on the portal); an investor's inquiry
followed up (status, owner, notes)."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import on_db

pytestmark = pytest.mark.django_db(transaction=True)

CURATOR, PASSWORD = "curator", "a-long-test-password"
STARTUP = {"vi": "Công ty Robot Trảng Bom", "en": "Trang Bom Robotics"}
INVESTOR = "Kim Min-jun"


def submitted_profile_and_inquiry(lang: str) -> dict:
    """What the founder and investor journeys leave for the curator: a startup profile waiting
    for review, an inquiry about a plot."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.models import Inquiry, Ownership
    from cms.moderation import CURATORS
    from registry.models import Enterprise, Plot

    users = get_user_model().objects
    curator = users.create_user(CURATOR, "curator@example.invalid", PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATORS))
    profile = UserProfile.get_for_user(curator)
    profile.preferred_language = lang  # the admin speaks the curator's language
    profile.save()
    founder = users.create_user("f@example.invalid", "f@example.invalid", PASSWORD)
    enterprise = Enterprise(
        ref="trang-bom-robotics",
        name=STARTUP["vi"],
        name_en=STARTUP["en"],
        ownership=Enterprise.Ownership.DOMESTIC,
        startup_stage="seed",
        live=False,
    )
    enterprise.save()
    Ownership.objects.create(user=founder, enterprise=enterprise)
    enterprise.save_revision(user=founder)
    Enterprise.get_default_workflow().start(enterprise, founder)
    plot = Plot.objects.published().first()
    Inquiry.objects.create(
        kind="plot",
        ref=plot.ref,
        record_name=plot.name,
        name=INVESTOR,
        company="Example Robotics",
        country="KR",
        email="minjun@example.invalid",
        message="Is a site visit possible next month?",
        consent=True,
        language=lang,
    )
    return {"ref": enterprise.ref}


def test_curator_journey(portal, visit):
    journey = visit("curator")
    page, t, lang = journey.page, journey.t, journey.lang
    data = on_db(lambda: submitted_profile_and_inquiry(lang))

    page.goto(f"{portal}/admin/login/")
    page.locator("#id_username").fill(CURATOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # The dashboard lists what waits for this curator's review.
    waiting = page.get_by_role("link", name=re.compile(re.escape(STARTUP["vi"])))
    expect(waiting.first).to_be_visible()
    journey.check("dashboard")

    waiting.first.click()
    expect(page.locator("#id_name")).to_have_value(STARTUP["vi"])
    journey.check("review")
    # Approve, from the editor's action menu.
    # (The other "approve" button asks for a comment first.)
    approve = page.locator(
        "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    if not approve.is_visible():
        page.get_by_role("button", name=t("More actions")).last.click()
    expect(approve).to_contain_text(t("Approve"))
    approve.click()
    expect(page.locator(".messages")).to_be_visible()
    journey.check("approved")

    # Public on the portal, in the curator's language.
    page.goto(f"{portal}/{lang}/registry/enterprise/{data['ref']}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(STARTUP[lang])
    journey.check("public")

    # The inquiry: taken on, marked as contacted, with a note.
    page.goto(f"{portal}/admin/")
    # Exactly the menu's link: the dashboard's "New inquiries (1)" panel has an anchor link too.
    inquiries = page.get_by_role("link", name=t("Inquiries"), exact=True).first
    if not inquiries.is_visible():  # on a phone, Wagtail's menu folds behind its own button
        page.locator("button.sidebar-nav-toggle--mobile").click()
    inquiries.click()
    row = page.get_by_role("row", name=re.compile(INVESTOR))
    expect(row).to_be_visible()
    journey.check("inquiries")
    row.get_by_role("link").first.click()
    status = page.get_by_role("combobox", name=re.compile(rf"^{re.escape(t('status'))}", re.I))
    status.select_option("contacted")
    page.locator("#id_notes").fill("Called on Monday; site visit proposed.")
    journey.check("follow-up")
    page.get_by_role("button", name=t("Save"), exact=True).click()
    expect(page.get_by_role("row", name=re.compile(INVESTOR))).to_contain_text(t("Contacted"))
    journey.check("followed-up")
