"""The duplicates panel and the merge confirmation in the admin, walked in Vietnamese and English
on a 390 px phone and a desktop (screenshots under screenshots/merge-*.png); on the desktop the
curator then merges, and the merged record's public address leads to the kept one."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .conftest import SIZES, on_db, screenshot
from .journeys.steps import sign_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True)

CURATOR, PASSWORD = "curator", "a-long-test-password"
KEPT = "on-semiconductor-bien-hoa"  # a seed record


def curator_and_duplicate(lang: str) -> int:
    """A curator whose admin speaks `lang`, and an agency record typed in twice."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.moderation import CURATORS
    from registry.models import Enterprise

    curator = get_user_model().objects.create_user(
        CURATOR, "curator@example.invalid", PASSWORD, is_staff=True
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    profile = UserProfile.get_for_user(curator)
    profile.preferred_language = lang
    profile.save()
    duplicate = Enterprise(
        ref="on-semi-bien-hoa-2", name="ON Semiconductor (KCN Bien Hoa 2)", ownership="fdi",
        employees=2300, website="https://www.onsemi.com/",
    )  # fmt: skip
    duplicate.save()
    duplicate.save_revision().publish()
    return duplicate.pk


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_duplicates_panel_and_the_merge_confirmation(portal, browser, lang, size):
    pk = on_db(lambda: curator_and_duplicate(lang))
    page = sign_in_to_admin(browser, portal, CURATOR, PASSWORD, locale="vi-VN")
    page.set_viewport_size(SIZES[size])
    page.goto(f"{portal}/admin/snippets/registry/enterprise/edit/{pk}/")
    panel = page.locator(".dnhub-duplicates").first
    expect(panel).to_contain_text(t(lang, "Possible duplicates"))
    expect(panel).to_contain_text(KEPT)
    # On top: above the first field of the Identity section
    assert panel.bounding_box()["y"] < page.locator("#id_ref").bounding_box()["y"]
    screenshot(page, f"merge-{lang}-{size}-01-panel")

    panel.get_by_role("link", name=t(lang, "Merge into…")).first.click()
    heading = page.get_by_role("heading", name=t(lang, "What the merge does"))
    expect(heading).to_be_visible()
    expect(page.locator(".dnhub-merge-plan")).to_contain_text("2,300" if lang == "en" else "2.300")
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= page.viewport_size["width"], widest
    screenshot(page, f"merge-{lang}-{size}-02-confirmation")
    if size == "phone":
        return

    page.locator(".dnhub-merge-plan button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(KEPT)
    screenshot(page, f"merge-{lang}-{size}-03-merged")
    page.goto(f"{portal}/{lang}/registry/enterprise/on-semi-bien-hoa-2/")
    expect(page).to_have_url(re.compile(rf"/{lang}/registry/enterprise/{KEPT}/$"))
