"""A curator keeps a Resolution 57 figure current in the admin (issue #15), walked in Vietnamese
and English on a 390 px phone and a desktop (screenshots under screenshots/indicators-admin-*):
the indicators' list, a reported value without its source refused with the error in the
curator's language, the source added, saved, and the list showing the new value."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .conftest import SIZES, on_db, screenshot
from .journeys.steps import sign_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True)

CURATOR, PASSWORD = "curator", "a-long-test-password"
CODE = "cashless_payments_share"
LIST = "/admin/snippets/registry/indicator/"


def curator_and_indicators(lang: str) -> int:
    """A curator whose admin speaks `lang`, and the seeded indicators."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.moderation import CURATORS
    from registry.indicator_seed import load_indicators
    from registry.management.commands.load_initial_data import INDICATORS_SEED
    from registry.models.indicator import Indicator

    curator = get_user_model().objects.create_user(
        CURATOR, "curator@example.invalid", PASSWORD, is_staff=True
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    profile = UserProfile.get_for_user(curator)
    profile.preferred_language = lang
    profile.save()
    load_indicators(INDICATORS_SEED)
    return Indicator.objects.get(code=CODE).pk


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def fits_the_screen(page) -> None:
    """Nothing wider than the screen: the phone never scrolls sideways."""
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= page.viewport_size["width"], widest


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_curator_reports_a_figure_with_its_source(portal, browser, lang, size):
    pk = on_db(lambda: curator_and_indicators(lang))
    page = sign_in_to_admin(browser, portal, CURATOR, PASSWORD, locale="vi-VN")
    page.set_viewport_size(SIZES[size])
    page.goto(f"{portal}{LIST}")
    row = page.locator("tr", has_text=CODE)
    expect(row).to_contain_text(t(lang, "No data"))
    screenshot(page, f"indicators-admin-{lang}-{size}-01-list")

    page.goto(f"{portal}{LIST}edit/{pk}/")
    page.locator("#id_reported_values-ADD").click()
    page.locator("#id_reported_values-0-as_of").fill("2026-06-30")
    page.locator("#id_reported_values-0-value").fill("62.5")
    page.locator("button[name=action-save], button.action-save").first.click()
    page.get_by_role("button", name=t(lang, "Go to the first error")).click()
    error = page.get_by_text(t(lang, "Every reported value needs its source."))
    expect(error).to_be_in_viewport()
    fits_the_screen(page)
    screenshot(page, f"indicators-admin-{lang}-{size}-02-no-source")

    source = "Ngân hàng Nhà nước chi nhánh Đồng Nai, báo cáo quý II/2026"
    page.locator("#id_reported_values-0-source").fill(source)
    page.locator("button[name=action-save], button.action-save").first.click()
    page.wait_for_url(f"{portal}{LIST}")
    row = page.locator("tr", has_text=CODE)
    new_value = row.locator("td", has_text="62.5" if lang == "en" else "62,5")
    expect(new_value).to_be_visible()
    expect(row).not_to_contain_text(t(lang, "No data"))
    fits_the_screen(page)
    new_value.scroll_into_view_if_needed()  # on the phone, the table scrolls sideways to it
    screenshot(page, f"indicators-admin-{lang}-{size}-03-saved")
