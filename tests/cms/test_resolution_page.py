"""The public page "Resolution 57 in numbers" and its trend charts (issue #15, item 4): every
indicator with its value in the page's language, its targets, its status in words, its source,
the line between registry-computed and agency-reported figures; charts as inert SVG."""

from datetime import date

import pytest
from lxml import etree

from cms.monitor.charts import trend_chart_svg
from registry.indicators import history, reading
from registry.models.indicator import Indicator, IndicatorTarget, IndicatorValue

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def agency_indicator(code="digital_economy_share", name="Kinh tế số trong GRDP", **extra):
    indicator = Indicator.objects.create(
        code=code,
        name=name,
        name_en=extra.pop("name_en", "Digital economy in GRDP"),
        unit=extra.pop("unit", Indicator.Unit.PERCENT),
        origin=Indicator.Origin.AGENCY,
        theme=extra.pop("theme", Indicator.Theme.DIGITAL_ECONOMY),
        sort_order=extra.pop("sort_order", 10),
        **extra,
    )
    return indicator


def add_target(indicator, year, comparison, value, value_max=None):
    return IndicatorTarget.objects.create(
        indicator=indicator, year=year, comparison=comparison, value=value, value_max=value_max
    )


def add_value(indicator, as_of, value, source="Cục Thống kê Đồng Nai", source_url=""):
    return IndicatorValue.objects.create(
        indicator=indicator, as_of=as_of, value=value, source=source, source_url=source_url
    )


def svg_tree(svg: str):
    return etree.fromstring(svg.encode())  # noqa: S320 (our own output)


SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.django_db
def test_the_chart_is_inert_svg_with_the_name_escaped_as_text():
    indicator = agency_indicator(name=HOSTILE, name_en=HOSTILE)
    add_target(indicator, 2030, IndicatorTarget.Comparison.BETWEEN, 35, 37)
    add_value(indicator, date(2024, 12, 31), 12.25, source=HOSTILE)
    add_value(indicator, date(2025, 12, 31), 14.5, source=HOSTILE)
    svg = trend_chart_svg(reading(indicator.code), history(indicator), lang="vi")
    root = svg_tree(svg)
    assert "<script" not in svg and "<b>" not in svg
    assert root.findtext(f"{SVG}title") == HOSTILE
    assert not list(root.iter(f"{SVG}script"))
    texts = " ".join(t for t in root.itertext())
    # Vietnamese numbers and the legend in Vietnamese.
    assert "14,5 %" in root.findtext(f"{SVG}desc")
    assert "Giá trị" in texts


@pytest.mark.django_db
@pytest.mark.parametrize("values", [0, 1])
def test_a_chart_with_one_point_or_none_still_renders(values):
    indicator = agency_indicator()
    if values:
        add_value(indicator, date(2025, 6, 30), 12.5)
    for lang in ("vi", "en"):
        svg = trend_chart_svg(reading(indicator.code), history(indicator), lang=lang)
        root = svg_tree(svg)
        words = " ".join(root.itertext())
        if values:
            assert ("12,5" if lang == "vi" else "12.5") in root.findtext(f"{SVG}desc")
        else:
            assert ("Chưa có số liệu" if lang == "vi" else "No data yet") in words
