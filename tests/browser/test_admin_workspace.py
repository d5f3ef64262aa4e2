"""The branded admin in both languages, on a phone and a desktop: the sign-in page, the
dashboard and the registry search (issue #14); no request leaves for Gravatar."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from .conftest import LOCALES, SIZES, on_db, screenshot

PASSWORD = "a-long-test-password"
WORDS = {
    "vi": {"sign_in": "Đăng nhập vào Đồng Nai Digital Hub", "found": "bản ghi khớp"},
    "en": {"sign_in": "Sign in to Đồng Nai Digital Hub", "found": "records match"},
}


def make_curator(lang: str) -> str:
    user = get_user_model().objects.create_superuser(
        f"boss-{lang}", f"{lang}@example.invalid", PASSWORD
    )
    UserProfile.objects.create(user=user, preferred_language=lang)
    return user.username


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_branded_admin_and_its_registry_search(portal, browser, lang):
    username = on_db(lambda: make_curator(lang))
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, locale=LOCALES[lang])
        page = context.new_page()
        page.set_default_timeout(15_000)
        requests = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto(f"{portal}/admin/login/")
        if lang == "vi":  # the sign-in page follows the browser; the admin, the user's choice
            expect(page.locator("h1")).to_have_text(WORDS[lang]["sign_in"])
        expect(page.locator(".login-logo img")).to_be_visible()
        screenshot(page, f"admin-login-{lang}-{size}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("button[type=submit]").click()
        page.wait_for_url(f"{portal}/admin/")
        page.wait_for_load_state("networkidle")
        assert page.title().endswith("Đồng Nai Digital Hub")
        screenshot(page, f"admin-dashboard-{lang}-{size}")
        page.goto(f"{portal}/admin/registry-search/?q=dong+nai")
        expect(page.locator("h2[role=alert]")).to_contain_text(WORDS[lang]["found"])
        expect(page.locator(".registry-search-results tbody tr").first).to_be_visible()
        screenshot(page, f"admin-registry-search-{lang}-{size}")
        assert not [url for url in requests if "gravatar" in url], requests
        context.close()
