"""A founder on a 390 px phone, in Vietnamese: the page for startups, sign-in by e-mail, and the
edit page showing the current logo, within the screen's width."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import PHONE, on_db, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-founder-password-42"


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def served_media(settings, tmp_path):
    """Uploaded images served by the live server, as the web server does in production."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.cms.media_urls"
    return tmp_path


def test_a_founder_on_a_phone_sees_the_current_logo_on_the_edit_page(portal, phone, served_media):
    from django.contrib.auth import get_user_model

    on_db(
        lambda: get_user_model().objects.create_user(
            "founder@example.invalid", "founder@example.invalid", PASSWORD
        )
    )
    square_logo = served_media / "logo.png"
    Image.new("RGB", (500, 500), "#0b5c8c").save(square_logo)

    phone.goto(f"{portal}/vi/")
    phone.get_by_role("button", name="Trình đơn").click()  # the phone's navigation is folded
    phone.get_by_role("link", name="Dành cho khởi nghiệp").click()
    expect(phone.get_by_role("heading", name="Vì sao nên đăng ký")).to_be_visible()
    screenshot(phone, "phone-vi-for-startups")
    assert page_width(phone) <= PHONE["width"]
    phone.get_by_role("main").get_by_role("link", name="Đăng nhập").first.click()
    phone.get_by_role("textbox", name="Thư điện tử").fill("founder@example.invalid")
    phone.locator("#id_password").fill(PASSWORD)
    phone.get_by_role("main").get_by_role("button", name="Đăng nhập").click()

    phone.goto(f"{portal}/vi/account/startup/new/")
    phone.locator("#id_name").fill("Công ty Cảm biến Sông Mây")
    phone.locator("#id_startup_stage").select_option("seed")
    phone.get_by_text("Cảm biến MEMS").tap()  # the whole row is the checkbox's label
    phone.locator("#id_logo").set_input_files(square_logo)
    phone.locator("button[type=submit].primary").click()
    expect(phone.locator(".message")).to_be_visible()

    def edit_url():
        from registry.models import Enterprise

        return f"/vi/account/startup/{Enterprise.objects.get(founders__isnull=False).ref}/edit/"

    phone.goto(portal + on_db(edit_url))
    logo = phone.locator(".current-logo img")
    expect(logo).to_be_visible()
    # Loaded, and whole: a square logo stays square.
    assert logo.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [320, 320]
    expect(phone.get_by_text("Tải lên logo mới sẽ thay thế logo hiện tại.")).to_be_visible()
    expect(phone.get_by_label("Cảm biến MEMS")).to_be_checked()
    expect(phone.get_by_role("group", name="Bán dẫn")).to_be_visible()
    screenshot(phone, "phone-vi-founder-edit")
    assert page_width(phone) <= PHONE["width"]
