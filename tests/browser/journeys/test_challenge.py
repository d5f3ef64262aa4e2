"""The four-party linkage, first journey: a commissioned task posted by the agency; a matched R&D
organisation's account finds itself among the matched partners and expresses interest; the officer
awards it in the admin; the page names the awarded organisation and the respondent is e-mailed.

The agency's curator posts the task through the admin's snippet form (on a desktop: the admin is
Wagtail's own), in the journey's language."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ..conftest import on_db
from .steps import sign_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
LAB = "sample-rd-06"  # a seed laboratory tagged with chip design
TASK = {"vi": "Đặt hàng thiết kế vi mạch cảm biến", "en": "Commissioned sensor chip design"}


def accounts(lang: str) -> dict:
    """The agency's curator and officer (speaking the journey's language in the admin) and the
    lab's member account."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.challenges.models import RDMembership
    from cms.moderation import CURATORS
    from cms.pipeline.sectors import OFFICERS
    from registry.models import RDOrganisation, Technology

    users = get_user_model().objects
    officer = users.create_user("officer", "officer@example.invalid", PASSWORD, is_staff=True)
    officer.groups.add(Group.objects.get(name=OFFICERS))
    curator = users.create_user("agency", "agency@example.invalid", PASSWORD, is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATORS))
    for user in (officer, curator):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = lang
        profile.save()
    member = users.create_user("lab@example.invalid", "lab@example.invalid", PASSWORD)
    lab = RDOrganisation.objects.get(ref=LAB)
    RDMembership.objects.create(user=member, rd_organisation=lab)
    return {
        "officer": officer.pk,
        "chip_design": Technology.objects.get(code="semiconductor.chip_design").pk,
        "lab": (lab.name_en or lab.name) if lang == "en" else lab.name,
    }


def post_the_task(browser, portal: str, lang: str, data: dict) -> None:
    """The curator fills the admin's form for a new challenge and publishes it."""
    admin = sign_in_to_admin(browser, portal, "agency", PASSWORD, locale=f"{lang}-VN")
    admin.goto(f"{portal}/admin/snippets/registry/challenge/add/")
    today = datetime.date.today()
    admin.locator("#id_ref").fill("ch-sensor-chip")
    admin.locator("#id_name").fill(TASK["vi"])
    admin.locator("#id_name_en").fill(TASK["en"])
    admin.locator("#id_challenge_kind").select_option("commissioned_task")
    admin.locator("#id_budget_vnd").fill("1500000000")
    for value in ("rd_organisation", "university"):
        admin.locator(f"input[name=wanted][value={value}]").check()
    admin.locator(f"input[name=technologies][value='{data['chip_design']}']").check()
    admin.locator("#id_officer").select_option(str(data["officer"]))
    admin.locator("#id_sample").check()
    # The dates last: each opens the admin's calendar, which Escape closes.
    for field, day in (("posted_on", today), ("deadline", today + datetime.timedelta(days=60))):
        admin.locator(f"#id_{field}").fill(day.isoformat())
        admin.keyboard.press("Escape")
    # "Publish" sits in the footer's menu beside "Save draft".
    admin.locator("footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]").first.click()
    admin.locator("button[name=action-publish]").click()
    expect(admin.locator(".messages .success")).to_be_visible()
    admin.context.close()


def challenge_pk() -> int:
    from registry.models import Challenge

    task = Challenge.objects.get(ref="ch-sensor-chip")
    assert task.live and task.status == "open"
    return task.pk


def test_challenge_journey(portal, visit, browser):
    journey = visit("challenge")
    page, t, lang = journey.page, journey.t, journey.lang
    data = on_db(lambda: accounts(lang))
    post_the_task(browser, portal, lang, data)
    data["pk"] = on_db(challenge_pk)
    address = f"{portal}/{lang}/registry/challenge/ch-sensor-chip/"

    # Anonymous: the task, its matched partners, "sign in to respond".
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text(TASK[lang])
    matched = page.locator(".matched-partners")
    expect(matched.get_by_role("link", name=data["lab"])).to_be_visible()
    journey.check("task")
    page.get_by_role("link", name=t("Sign in to respond")).click()
    page.locator("#id_username").fill("lab@example.invalid")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/registry/challenge/ch-sensor-chip/"))

    # Signed in as the lab: a proposal over the limit, then one that fits.
    proposal = page.locator("#id_proposal")
    proposal.evaluate(
        "(el, text) => { el.removeAttribute('maxlength'); el.value = text; }", "x" * 5001
    )
    page.get_by_role("button", name=t("Send my response")).click()
    expect(page.locator(".field-error")).to_be_visible()
    journey.check("too-long")
    page.locator("#id_proposal").fill(
        "Phòng thí nghiệm đề xuất thiết kế và thử nghiệm mẫu trong 6 tháng."
    )
    page.get_by_role("button", name=t("Send my response")).click()
    expect(page.get_by_text(t("Thank you. Your response has been sent."))).to_be_visible()
    journey.check("responded")

    # The officer, in the admin: in progress, then awarded to the lab.
    admin = sign_in_to_admin(browser, portal, "officer", PASSWORD, locale=f"{lang}-VN")
    admin.goto(f"{portal}/admin/challenges/{data['pk']}/")
    admin.get_by_role(
        "button", name=re.compile(re.escape(t("Move to: %(status)s", status=t("In progress"))))
    ).click()
    admin.locator("input[name=awarded]").first.check()
    admin.get_by_role(
        "button", name=re.compile(re.escape(t("Move to: %(status)s", status=t("Awarded"))))
    ).click()
    expect(admin.locator(".messages")).to_be_visible()
    admin.context.close()

    # The page names the awarded lab; the lab was told by e-mail, in the page's language.
    page.goto(address)
    awarded = page.locator(".challenge-awarded")
    expect(awarded.get_by_role("link", name=data["lab"])).to_be_visible()
    journey.check("awarded")
    outcome = [m for m in mail.outbox if m.to == ["lab@example.invalid"]][-1]
    assert t("The outcome of %(challenge)s", challenge=TASK[lang]) == outcome.subject
