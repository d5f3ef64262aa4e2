"""The inquiry pipeline in the admin, as curators see it: the dashboard's day's-work panels and
the pipeline report, in Vietnamese and English, on a 390 px phone and a desktop; no serious
axe-core violation, nothing wider than the phone; screenshots pipeline-<page>-<lang>-<size>."""

import datetime as dt
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .conftest import SIZES, axe_violations, on_db, screenshot
from .journeys.steps import WIDEST, t

pytestmark = pytest.mark.django_db(transaction=True)
CURATOR, PASSWORD = "curator", "a-long-test-password"


def inquiries_with_history() -> None:
    """A curator, a few inquiries about seed records received over the last weeks, some already
    moved on, and a founder's claim waiting."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cms.models import Claim, Inquiry, InquiryEvent
    from cms.moderation import CURATORS
    from registry.models import Enterprise, Plot, Zone

    users = get_user_model().objects
    curator = users.create_user(
        CURATOR, "c@example.invalid", PASSWORD, is_staff=True, first_name="Lan", last_name="Lê"
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    now = timezone.now()
    records = [*Plot.objects.published()[:3], *Zone.objects.published()[:2]]
    moves = [[], ["contacted"], ["contacted", "site_visit"], ["contacted", "site_visit", "won"]]
    for n, record in enumerate(records * 2):
        received = now - dt.timedelta(days=3 + 4 * n, hours=n)
        steps = moves[n % len(moves)]
        inquiry = Inquiry.objects.create(
            kind=record.kind, ref=record.ref, record_name=record.name, name=f"Investor {n}",
            company=f"Company {n}", country=["KR", "JP", "SG", "US", "TW"][n % 5],
            email=f"i{n}@example.invalid", message="Hello", consent=True, language="en",
            status=steps[-1] if steps else "new", owner=curator if n % 2 else None,
        )  # fmt: skip
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=received)
        previous = "new"
        for k, step in enumerate(steps):
            at = received + dt.timedelta(days=1 + 2 * k, hours=n)
            InquiryEvent.objects.create(
                inquiry=inquiry, from_status=previous, to_status=step, at=at, user=curator
            )
            previous = step
    founder = users.create_user("f@example.invalid", "f@example.invalid", PASSWORD)
    Claim.objects.create(user=founder, enterprise=Enterprise.objects.first(), message="CEO")


def choose_language(lang: str) -> None:
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=CURATOR))
    profile.preferred_language = lang
    profile.save()


def counted(lang: str, heading: str, count: int) -> str:
    """A panel's heading with its count, as the admin writes it in `lang`."""
    message = f"{heading} (%(counter)s)"
    with translation.override(lang):
        return translation.ngettext(message, message, count) % {"counter": count}


def problems(page, phone: bool) -> list[str]:
    found = []
    violations = axe_violations(page)
    if violations:
        found.append(f"axe: {violations}")
    width = page.evaluate("document.documentElement.scrollWidth")
    if phone and width > SIZES["phone"]["width"]:
        found.append(f"{width} px wide: {page.evaluate(WIDEST)}")
    return found


def test_the_dashboard_and_the_pipeline_report_in_both_languages_and_sizes(portal, browser):
    on_db(inquiries_with_history)
    seen = {}
    for lang in ("vi", "en"):
        on_db(lambda lang=lang: choose_language(lang))
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale="en-GB")
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{portal}/admin/login/")
            page.locator("#id_username").fill(CURATOR)
            page.locator("#id_password").fill(PASSWORD)
            page.locator("button[type=submit]").click()
            expect(page).to_have_url(re.compile(r"/admin/$"))
            expect(page.locator("html")).to_have_attribute("lang", lang)
            for heading, count in (("New inquiries", 3), ("Waiting for review", 1)):
                expect(
                    page.get_by_role("heading", name=counted(lang, heading, count))
                ).to_be_visible()
            page.wait_for_load_state("networkidle")
            screenshot(page, f"pipeline-dashboard-{lang}-{size}")
            seen[f"dashboard {lang} {size}"] = problems(page, size == "phone")

            page.goto(f"{portal}/admin/reports/inquiry-pipeline/")
            expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Inquiry pipeline"))
            expect(page.locator(".pipeline-summary")).to_contain_text("10")
            page.wait_for_load_state("networkidle")
            screenshot(page, f"pipeline-report-{lang}-{size}")
            page.locator("#pipeline-by-officer").scroll_into_view_if_needed()
            screenshot(page, f"pipeline-report-officers-{lang}-{size}")
            seen[f"report {lang} {size}"] = problems(page, size == "phone")
            context.close()
    assert not any(seen.values()), {k: v for k, v in seen.items() if v}
