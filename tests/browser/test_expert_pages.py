"""An expert registers on a 390 px phone and on a desktop, in Vietnamese and English: the page
for experts, sign-up, the confirmation link, sign-in, the profile form refused without consent
(the error beside the box), then saved with it, and the account page with the consent's date and
the withdrawal button. Every page: no serious axe-core violation, nothing wider than the screen."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import SIZES, axe_violations, on_db, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-expert-password-42"
TEXTS = {
    "vi": {"join": "Tham gia mạng lưới chuyên gia của tỉnh", "signup": "Tạo tài khoản",
           "consent": "Hãy đánh dấu đồng ý", "account": "Hồ sơ chuyên gia của tôi",
           "given": "đã đồng ý ngày", "withdraw": "Rút lại sự đồng ý",
           "create": "Tạo hồ sơ chuyên gia"},
    "en": {"join": "Join the province's network of experts", "signup": "Create an account",
           "consent": "Tick the consent", "account": "My expert profile",
           "given": "given on", "withdraw": "Withdraw my consent",
           "create": "Create my expert profile"},
}  # fmt: skip


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def check(page, viewport, name):
    assert width(page) <= viewport["width"], name
    assert axe_violations(page) == [], name
    screenshot(page, name)


def register(page, portal, lang, size, viewport):
    text, email = TEXTS[lang], f"expert-{lang}-{size}@example.invalid"
    page.goto(f"{portal}/{lang}/account/expert/")
    expect(page.get_by_role("heading", name=text["join"])).to_be_visible()
    check(page, viewport, f"expert-{lang}-{size}-01-start")
    page.get_by_role("main").get_by_role("link", name=text["signup"]).first.click()
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_privacy").check()
    page.locator("form button[type=submit]").last.click()
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(portal + link)
    page.goto(f"{portal}/{lang}/account/login/?next=/{lang}/account/expert/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").locator("button[type=submit]").click()
    expect(page.get_by_role("heading", name=text["account"])).to_be_visible()
    page.get_by_role("link", name=text["create"]).click()

    page.locator("#id_name").fill("Nguyễn Thị Minh Anh")
    page.locator("#id_name_en").fill("Nguyen Thi Minh Anh")
    page.locator("#id_expert_title").select_option("doctor")
    page.locator("#id_affiliation").select_option(index=1)
    page.locator("input[name=languages][value=vi]").check()
    page.locator("#id_description").fill("Nghiên cứu cảm biến MEMS.")
    page.locator("form button[type=submit].primary").click()  # without the consent
    expect(page.locator("#id_consent-error")).to_contain_text(text["consent"])
    check(page, viewport, f"expert-{lang}-{size}-02-consent-missing")
    page.locator("#id_consent").check()
    page.locator("form button[type=submit].primary").click()
    expect(page.get_by_text(text["given"])).to_be_visible()
    expect(page.get_by_role("button", name=text["withdraw"])).to_be_visible()
    check(page, viewport, f"expert-{lang}-{size}-03-account")


def test_an_expert_registers_in_both_languages_on_a_phone_and_a_desktop(portal, browser):
    for lang in ("vi", "en"):
        for size, viewport in SIZES.items():
            context = browser.new_context(
                viewport=viewport, locale=f"{lang}-VN", is_mobile=size == "phone"
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            register(page, portal, lang, size, viewport)
            context.close()

    def consents():
        from registry.models import Expert

        registered = Expert.objects.filter(account__isnull=False)  # not the seed's samples
        return sorted(str(e.consent_on is not None) for e in registered)

    assert on_db(consents) == ["True"] * 4
