"""Issue #14, freshness: a stale record's public page and the owner's "still correct?" page, in
Vietnamese and English, on a 390 px phone and a desktop; then the owner confirms, and the used
link answers with its own page."""

import datetime

import pytest
from playwright.sync_api import expect

from .conftest import SIZES, axe_violations, on_db, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "vi": {"stale": "Có thể đã cũ: xác minh lần cuối ngày", "yes": "Đúng, vẫn còn chính xác",
           "thanks": "Cảm ơn bạn", "used": "Liên kết này đã được sử dụng"},
    "en": {"stale": "May be out of date: last verified on", "yes": "Yes, still correct",
           "thanks": "Thank you", "used": "This link was already used"},
}  # fmt: skip


def stale_plot_and_link():
    from cms.freshness.mail import token_for
    from cms.freshness.models import FreshnessCheck
    from registry.models import Plot

    plot = Plot.objects.published().order_by("ref").first()
    old = datetime.date.today() - datetime.timedelta(days=250)
    Plot.objects.filter(pk=plot.pk).update(
        verified_on=old, verified_by="Ban Quản lý các KCN Đồng Nai", contact_email="o@example.vn"
    )
    check = FreshnessCheck.objects.create(
        kind="plot", record_id=plot.pk, ref=plot.ref, record_name=plot.name, recipients="o"
    )
    return plot.ref, token_for(check)


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_stale_record_and_the_owners_page_in_both_languages_and_sizes(portal, browser):
    ref, token = on_db(stale_plot_and_link)
    for lang in ("vi", "en"):
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale=f"{lang}-VN")
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{portal}/{lang}/registry/plot/{ref}/")
            expect(page.locator(".stale-flag")).to_contain_text(TEXTS[lang]["stale"])
            assert width(page) <= viewport["width"]
            assert axe_violations(page) == []
            screenshot(page, f"freshness-stale-record-{lang}-{size}")
            page.goto(f"{portal}/{lang}/registry/zone/lt-digital-park/")  # four long sources
            expect(page.locator(".provenance a")).to_have_count(4)
            assert width(page) <= viewport["width"]
            screenshot(page, f"freshness-sources-{lang}-{size}")
            page.goto(f"{portal}/{lang}/still-correct/{token}/")
            expect(page.get_by_role("button", name=TEXTS[lang]["yes"])).to_be_visible()
            assert width(page) <= viewport["width"]
            assert axe_violations(page) == []
            screenshot(page, f"freshness-check-{lang}-{size}")
            context.close()
    context = browser.new_context(viewport=SIZES["phone"], locale="vi-VN")
    page = context.new_page()
    page.goto(f"{portal}/vi/still-correct/{token}/")
    page.get_by_role("button", name=TEXTS["vi"]["yes"]).click()
    expect(page.get_by_role("heading", name=TEXTS["vi"]["thanks"])).to_be_visible()
    screenshot(page, "freshness-confirmed-vi-phone")
    response = page.goto(f"{portal}/en/still-correct/{token}/")
    assert response.status == 410
    expect(page.get_by_role("main")).to_contain_text(TEXTS["en"]["used"])
    screenshot(page, "freshness-used-link-en-phone")
    context.close()


ADMIN = {
    "vi": {"panel": "Hồ sơ quá hạn cập nhật", "queue": "Hồ sơ cần cập nhật",
           "mark": "Đánh dấu các hồ sơ đã chọn là đã xác minh", "done": "là xác minh hôm nay"},
    "en": {"panel": "Records past their freshness rule", "queue": "Stale records",
           "mark": "Mark the selected verified", "done": "marked verified today"},
}  # fmt: skip


def curators():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.moderation import CURATORS

    for lang in ADMIN:
        user = get_user_model().objects.create_user(
            f"curator-{lang}", f"{lang}@example.invalid", "a-long-test-password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=CURATORS))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = lang  # the admin speaks the curator's language
        profile.save()


def test_the_curators_queue_and_dashboard_panel_in_both_languages_and_sizes(portal, browser):
    on_db(curators)
    for lang in ("vi", "en"):
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale=f"{lang}-VN")
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{portal}/admin/login/")
            page.locator("#id_username").fill(f"curator-{lang}")
            page.locator("#id_password").fill("a-long-test-password")
            page.locator("button[type=submit]").click()
            panel = page.get_by_role("region", name=ADMIN[lang]["panel"])
            expect(panel.locator("a.button")).to_be_visible()
            screenshot(page, f"freshness-admin-dashboard-{lang}-{size}")
            panel.locator("a.button").click()
            expect(page.get_by_role("heading", name=ADMIN[lang]["queue"])).to_be_visible()
            assert width(page) <= viewport["width"]  # the table scrolls on its own
            screenshot(page, f"freshness-admin-queue-{lang}-{size}")
            if lang == "vi" and size == "desktop":
                page.locator("input[name=selected]").first.check()
                page.get_by_role("button", name=ADMIN[lang]["mark"]).click()
                expect(page.locator(".messages")).to_contain_text(ADMIN[lang]["done"])
                screenshot(page, "freshness-admin-marked-vi-desktop")
            context.close()
