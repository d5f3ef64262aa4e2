"""The quarterly report as a curator meets it (issue #15, item 6): Reports → Quarterly report in
Vietnamese and English, on a 390 px phone and a desktop; the last full quarter chosen; the PDF
and the XLSX downloaded in the page's language. No serious axe-core violation, nothing wider than
the phone; screenshots quarterly-report-<lang>-<size>, and the PDF's first page rendered by
poppler's pdftoppm as quarterly-report-pdf-<lang>-1.png."""

import datetime as dt
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, SIZES, on_db, screenshot
from .journeys.steps import t
from .test_pipeline_admin import problems

pytestmark = pytest.mark.django_db(transaction=True)
CURATOR, PASSWORD = "curator", "a-long-test-password"


def quarter_with_figures(lang: str = "vi") -> str:
    """A curator (the admin in `lang`), two indicators with figures in the last full quarter, a
    seed enterprise first published in it and an inquiry won in it. Returns that quarter."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cms.models import Inquiry, InquiryEvent
    from cms.moderation import CURATORS
    from cms.monitor.report_quarters import last_full_quarter
    from registry.models import Enterprise, Plot
    from registry.models.indicator import (
        Indicator,
        IndicatorSnapshot,
        IndicatorTarget,
        IndicatorValue,
    )

    quarter = last_full_quarter()
    middle = timezone.make_aware(
        dt.datetime.combine(quarter.start + dt.timedelta(days=40), dt.time(10))
    )
    curator = get_user_model().objects.create_user(
        CURATOR, "c@example.invalid", PASSWORD, is_staff=True
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    share = Indicator.objects.create(
        code="domestic_enterprise_share", name="Tỷ lệ doanh nghiệp trong nước",
        name_en="Domestic enterprise share", unit="percent", origin="registry",
        theme="ecosystem", sort_order=1,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=share, year=2045, comparison="gte", value=40)
    IndicatorSnapshot.objects.create(
        indicator=share, taken_on=quarter.end, taken_at=middle, value=52.4,
        records_counted=180, records_unknown=0,
    )  # fmt: skip
    population = Indicator.objects.create(
        code="population", name="Dân số", name_en="Population", unit="people",
        origin="agency", theme="context", sort_order=2,
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=population, as_of=quarter.start, value=4_491_408,
        source="Cục Thống kê Đồng Nai, niên giám 2025",
    )  # fmt: skip
    Enterprise.objects.filter(pk=Enterprise.objects.filter(sample=False).first().pk).update(
        first_published_at=middle
    )
    plot = Plot.objects.published().first()
    inquiry = Inquiry.objects.create(
        kind="plot", ref=plot.ref, record_name=plot.name, name="Nguyễn Thị Riêng",
        company="Công ty Bí Mật", email="rieng@example.invalid", message="0909 123 456",
        consent=True, language="vi", status="won", country="KR",
    )  # fmt: skip
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=middle - dt.timedelta(days=20))
    InquiryEvent.objects.create(inquiry=inquiry, from_status="new", to_status="won", at=middle)
    return str(quarter)


def choose_language(lang: str) -> None:
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=CURATOR))
    profile.preferred_language = lang
    profile.save()


def first_page_png(pdf: bytes, name: str) -> None:
    """The PDF's first page as people see it printed, for the reviewer's eyes."""
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm is missing: run scripts/pango"
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run([tool, "-png", "-r", "110", "-f", "1", "-l", "1", "-", str(SCREENSHOTS / name)],
                   input=pdf, check=True)  # fmt: skip


def downloaded(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    return path.read_bytes()


def test_a_curator_downloads_the_quarterly_report_in_both_languages_and_sizes(portal, browser):
    quarter = on_db(quarter_with_figures)
    seen = {}
    for lang in ("vi", "en"):
        on_db(lambda lang=lang: choose_language(lang))
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale="en-GB", accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{portal}/admin/login/")
            page.locator("#id_username").fill(CURATOR)
            page.locator("#id_password").fill(PASSWORD)
            page.locator("button[type=submit]").click()
            expect(page).to_have_url(re.compile(r"/admin/$"))
            page.goto(f"{portal}/admin/reports/quarterly/")
            expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Quarterly report"))
            expect(page.locator("#id_quarter")).to_have_value(quarter)
            page.wait_for_load_state("networkidle")
            screenshot(page, f"quarterly-report-{lang}-{size}")
            seen[f"{lang} {size}"] = problems(page, size == "phone")

            language = t(lang, {"vi": "Vietnamese", "en": "English"}[lang])
            files = {}
            for kind in ("PDF", "XLSX"):
                name = t(lang, "%(format)s, %(language)s", format=kind, language=language)
                files[kind] = downloaded(page, page.get_by_role("link", name=name))
            assert files["PDF"].startswith(b"%PDF")
            book = openpyxl.load_workbook(io.BytesIO(files["XLSX"]))
            values = [c for ws in book for row in ws.iter_rows(values_only=True) for c in row]
            assert 52.4 in values and 4_491_408 in values
            assert not any("Riêng" in str(v) or "rieng@" in str(v) for v in values)
            if size == "desktop":
                first_page_png(files["PDF"], f"quarterly-report-pdf-{lang}")
            context.close()
    assert not any(seen.values()), {k: v for k, v in seen.items() if v}
