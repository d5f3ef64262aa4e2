"""Issue 15, item 4, in Chromium: "Resolution 57 in numbers" reached from the main navigation,
in Vietnamese and English on a 390 px phone and a 1366 px desktop: every chart loads as an
image with no Content-Security-Policy violation, nothing is wider than the screen (tables
scroll inside their box), no serious axe violation, and the tables are reached by keyboard.
Screenshots: screenshots/resolution-<lang>-<phone|desktop>.png."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import LAYOUT_SHIFT_OBSERVER, LOCALES, SIZES, axe_violations, on_db, screenshot
from .journeys.steps import open_nav

pytestmark = pytest.mark.django_db(transaction=True)

TITLES = {"vi": "Nghị quyết 57 qua các con số", "en": "Resolution 57 in numbers"}
NAV = {"vi": "Nghị quyết 57", "en": "Resolution 57"}
VALUES = {"vi": "14,5 %", "en": "14.5%"}
# Every violation the page's policy reports, and every error the console logs.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def seed_indicators() -> None:
    from django.utils import timezone

    from registry.models.indicator import (
        Indicator,
        IndicatorSnapshot,
        IndicatorTarget,
        IndicatorValue,
    )

    share = Indicator.objects.create(
        code="domestic_enterprise_share", name="Tỷ lệ doanh nghiệp trong nước",
        name_en="Share of domestic enterprises in the ecosystem", unit="percent",
        origin="registry", theme="ecosystem", sort_order=1,
        plan_clause="Doanh nghiệp trong nước chiếm tối thiểu 40 % hệ sinh thái vào năm 2045.",
        plan_clause_en="Domestic firms at least 40 % of the ecosystem by 2045.",
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=share, year=2045, comparison="gte", value=40)
    today = timezone.localdate()
    for days, value in ((120, 30.0), (60, 31.5)):
        IndicatorSnapshot.objects.create(
            indicator=share, taken_on=today - timedelta(days=days), taken_at=timezone.now(),
            value=value, records_counted=40, records_unknown=2,
        )  # fmt: skip
    economy = Indicator.objects.create(
        code="digital_economy_share", name="Tỷ trọng kinh tế số trong GRDP",
        name_en="Digital economy as a share of GRDP", unit="percent", origin="agency",
        theme="digital_economy", sort_order=20,
    )  # fmt: skip
    IndicatorTarget.objects.create(
        indicator=economy, year=2030, comparison="between", value=35, value_max=37
    )
    IndicatorTarget.objects.create(indicator=economy, year=2045, comparison="gte", value=50)
    for as_of, value in ((date(2023, 12, 31), 10.8), (date(2024, 12, 31), 12.25)):
        IndicatorValue.objects.create(
            indicator=economy, as_of=as_of, value=value, source="Niên giám thống kê Đồng Nai"
        )
    IndicatorValue.objects.create(
        indicator=economy, as_of=date(2025, 12, 31), value=14.5,
        source="Cục Thống kê Đồng Nai, báo cáo kinh tế - xã hội năm 2025",
        source_url="https://thongke.dongnai.gov.vn/bao-cao-2025",
    )  # fmt: skip
    pop = Indicator.objects.create(
        code="international_pop", name="Điểm kết nối quốc tế (PoP) tại Long Thành",
        name_en="International fibre PoP at Long Thành", unit="yes_no", origin="registry",
        theme="infrastructure", sort_order=40,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=pop, year=2030, comparison="eq", value=1)
    hdi = Indicator.objects.create(
        code="hdi", name="Chỉ số phát triển con người (HDI)", name_en="Human development index",
        unit="index", origin="agency", theme="society", sort_order=60,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=hdi, year=2030, comparison="gt", value=0.7)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_resolution_page_reads_well_everywhere(portal, browser, lang, size):
    on_db(seed_indicators)
    context = browser.new_context(
        viewport=SIZES[size], locale=LOCALES[lang], is_mobile=size == "phone",
        has_touch=size == "phone",
    )  # fmt: skip
    context.add_init_script(LAYOUT_SHIFT_OBSERVER + CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{portal}/{lang}/")
    open_nav(page)
    page.locator("#main-nav").get_by_role("link", name=NAV[lang], exact=True).click()
    expect(page).to_have_url(f"{portal}/{lang}/resolution-57/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[lang])
    economy = page.locator("#indicator-digital_economy_share")
    expect(economy.locator(".indicator-value")).to_contain_text(VALUES[lang])

    charts = page.locator(".trend-chart img")
    expect(charts).to_have_count(4)
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
        )
    assert page.evaluate("window.__csp") == []
    assert not [e for e in errors if re.search("Content.Security|Refused", e)], errors
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert page.evaluate("window.__cls") < 0.1
    assert axe_violations(page) == []

    # By keyboard: the first trend table's scrolling box takes the focus.
    page.locator("#indicator-domestic_enterprise_share h4").click()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('table-scroll')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"resolution-{lang}-{size}")
    context.close()
