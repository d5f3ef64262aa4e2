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


def svg_tree(svg: str | bytes):
    return etree.fromstring(svg.encode() if isinstance(svg, str) else svg)  # noqa: S320 (ours)


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
    assert "14,5\u00a0%" in root.findtext(f"{SVG}desc")  # never split over two lines
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


# The page ------------------------------------------------------------------------------------

PAGE = "/{lang}/resolution-57/"


@pytest.fixture
def monitor(registry_data):
    """Two registry-computed indicators (over the conftest's one domestic enterprise), an agency
    series with a source address, an agency indicator with no value yet, and the population."""
    share = Indicator.objects.create(
        code="domestic_enterprise_share",
        name="Tỷ lệ doanh nghiệp trong nước",
        name_en="Domestic enterprise share",
        unit=Indicator.Unit.PERCENT,
        origin=Indicator.Origin.REGISTRY,
        theme=Indicator.Theme.ECOSYSTEM,
        sort_order=2,
    )
    add_target(share, 2045, IndicatorTarget.Comparison.AT_LEAST, 40)
    leaders = Indicator.objects.create(
        code="global_tech_leaders",
        name="Doanh nghiệp công nghệ hàng đầu thế giới",
        name_en="World-leading technology firms",
        unit=Indicator.Unit.COUNT,
        origin=Indicator.Origin.REGISTRY,
        theme=Indicator.Theme.ECOSYSTEM,
        sort_order=1,
    )
    add_target(leaders, 2030, IndicatorTarget.Comparison.AT_LEAST, 1)
    economy = agency_indicator(sort_order=20)
    add_target(economy, 2030, IndicatorTarget.Comparison.BETWEEN, 35, 37)
    add_target(economy, 2045, IndicatorTarget.Comparison.AT_LEAST, 50)
    add_value(economy, date(2024, 12, 31), 12.25, source="Niên giám thống kê 2024")
    add_value(
        economy,
        date(2025, 12, 31),
        14.5,
        source="Cục Thống kê Đồng Nai",
        source_url="https://thongke.dongnai.gov.vn/2025",
    )
    hdi = agency_indicator(
        code="hdi", name="Chỉ số phát triển con người", name_en="Human development index",
        unit=Indicator.Unit.INDEX, theme=Indicator.Theme.SOCIETY, sort_order=30,
    )  # fmt: skip
    add_target(hdi, 2030, IndicatorTarget.Comparison.MORE_THAN, 0.7)
    population = agency_indicator(
        code="population", name="Dân số", name_en="Population", unit=Indicator.Unit.PEOPLE,
        theme=Indicator.Theme.CONTEXT, sort_order=90,
    )  # fmt: skip
    add_value(population, date(2025, 7, 1), 4_491_408, source="Cục Thống kê")
    return {"share": share, "leaders": leaders, "economy": economy, "hdi": hdi}


def page(client, lang="vi"):
    from lxml import html

    response = client.get(PAGE.format(lang=lang))
    assert response.status_code == 200
    return response, html.fromstring(response.content)


def card(tree, code):
    (found,) = tree.xpath(f'//section[@id="indicator-{code}"]')
    return found


def text_of(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


@pytest.mark.parametrize(
    ("lang", "title", "value", "as_of", "targets", "status", "counted"),
    [
        (
            "vi",
            "Nghị quyết 57 qua các con số",
            "14,5 %",
            "31 tháng 12 năm 2025",
            "35–37 % vào năm 2030; ≥ 50 % vào năm 2045",
            "Đúng tiến độ",
            "tính trên 1 hồ sơ; 0 hồ sơ không rõ giá trị",
        ),
        (
            "en",
            "Resolution 57 in numbers",
            "14.5%",
            "31 December 2025",
            "35–37% by 2030; ≥ 50% by 2045",
            "On track",
            "counted over 1 record; 0 with the value unknown",
        ),
    ],
)
def test_each_indicator_reads_in_the_page_language(
    client, monitor, lang, title, value, as_of, targets, status, counted
):
    _, tree = page(client, lang)
    assert text_of(tree.xpath("//h1")[0]) == title
    economy = text_of(card(tree, "digital_economy_share"))
    assert value in economy and as_of in economy and targets in economy
    (source,) = card(tree, "digital_economy_share").xpath(".//dd/a")
    assert source.get("href") == "https://thongke.dongnai.gov.vn/2025"
    assert source.text == "Cục Thống kê Đồng Nai"
    share = text_of(card(tree, "domestic_enterprise_share"))
    assert ("100 %" if lang == "vi" else "100%") in share and counted in share
    assert status in share  # its target (≥ 40 %) already met: on track by any rule
    # The status rule is stated once; the trend table has a caption and header cells.
    assert len(tree.xpath('//section[@class="status-rule"]/p')) == 1
    table = card(tree, "digital_economy_share").xpath(".//table")[0]
    assert table.xpath("./caption") and table.xpath(".//th[@scope='row']")
    assert [text_of(td) for td in table.xpath(".//tbody/tr/td[1]")] == [
        "12,25 %" if lang == "vi" else "12.25%",
        value,
    ]


def test_registry_and_agency_figures_are_apart_and_an_indicator_without_data_says_so(
    client, monitor
):
    _, tree = page(client, "en")
    registry = tree.xpath('//section[@id="registry-figures"]')[0]
    agency = tree.xpath('//section[@id="agency-figures"]')[0]
    assert {s.get("id") for s in registry.xpath(".//section[@class='indicator']")} == {
        "indicator-global_tech_leaders",
        "indicator-domestic_enterprise_share",
    }
    assert "indicator-hdi" in {s.get("id") for s in agency.xpath(".//section")}
    assert text_of(registry.xpath("./h2")[0]) == "Figures computed from the registry"
    assert text_of(agency.xpath("./h2")[0]) == "Figures reported by the agency"
    assert "counted" in text_of(registry.xpath("./p")[0])
    assert "source" in text_of(agency.xpath("./p")[0])
    # Page order within a section: sort_order.
    codes = [s.get("id") for s in registry.xpath(".//section[@class='indicator']")]
    assert codes == ["indicator-global_tech_leaders", "indicator-domestic_enterprise_share"]
    hdi = text_of(card(tree, "hdi"))
    assert "No data" in hdi and "> 0.7 by 2030" in hdi and "No data yet" in hdi


def test_a_hostile_name_and_source_stay_text_on_the_page_and_in_its_chart(client, monitor):
    economy = monitor["economy"]
    economy.name = economy.name_en = HOSTILE
    economy.save()
    add_value(
        economy, date(2026, 1, 31), 15, source=HOSTILE, source_url="https://e.example/?a=1&b=2"
    )
    response, tree = page(client, "en")
    body = response.content.decode()
    assert "<script>alert" not in body and "<b>bold</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    section = card(tree, "digital_economy_share")
    assert text_of(section.xpath(".//h4")[0]) == " ".join(HOSTILE.split())
    (source,) = section.xpath(".//dd/a")
    assert source.text == HOSTILE and source.get("href") == "https://e.example/?a=1&b=2"
    chart = client.get(section.xpath(".//img")[0].get("src"))
    svg = chart.content.decode()
    assert "<script" not in svg and "<b>" not in svg
    assert svg_tree(svg).findtext(f"{SVG}title") == HOSTILE


def test_the_page_keeps_the_strict_policy_and_each_chart_is_an_inert_image(client, monitor):
    response, tree = page(client, "vi")
    assert (
        response["Content-Security-Policy"]
        == client.get("/vi/open-data/")["Content-Security-Policy"]
    )
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    images = tree.xpath("//figure[@class='trend-chart']//img")
    assert len(images) == 5 and all(img.get("alt") for img in images)
    for img in images:
        chart = client.get(img.get("src"))
        assert chart.status_code == 200
        assert chart["Content-Type"] == "image/svg+xml; charset=utf-8"
        assert chart["Content-Security-Policy"] == (
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
        )
        root = svg_tree(chart.content.decode())
        assert root.tag == f"{SVG}svg" and not list(root.iter(f"{SVG}script"))
    # A phone gets the narrow drawing; an unknown size is the wide one, not an error.
    (narrow,) = card(tree, "digital_economy_share").xpath(".//picture/source/@srcset")
    assert svg_tree(client.get(narrow).content).get("width") == "360"
    odd = client.get("/vi/resolution-57/charts/digital_economy_share.svg?size=%00")
    assert odd.status_code == 200 and svg_tree(odd.content).get("width") == "640"
    # The chart speaks the language of its address.
    english = svg_tree(client.get("/en/resolution-57/charts/digital_economy_share.svg").content)
    assert "14.5%" in english.findtext(f"{SVG}desc")
    assert "Value" in " ".join(english.itertext())


@pytest.mark.parametrize(
    "path",
    [
        "/vi/resolution-57/charts/no_such_indicator.svg",
        "/en/resolution-57/charts/%00.svg",
        "/en/resolution-57/charts/" + "x" * 500 + ".svg",
    ],
)
def test_an_unknown_chart_is_a_page_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_the_page_is_in_the_sitemap_the_navigation_and_the_home_page(client, monitor, seeded):
    from urllib.parse import urlsplit

    sitemap = client.get("/sitemap.xml").content.decode()
    for lang in ("vi", "en"):
        assert f"/{lang}/resolution-57/</loc>" in sitemap
    response, tree = page(client, "en")
    alternates = {
        link.get("hreflang"): urlsplit(link.get("href")).path
        for link in tree.xpath("//link[@rel='alternate'][@hreflang]")
    }
    assert alternates == {
        "vi": "/vi/resolution-57/",
        "en": "/en/resolution-57/",
        "x-default": "/vi/resolution-57/",
    }
    home = client.get("/vi/").content.decode()
    assert 'href="/vi/resolution-57/">Nghị quyết 57</a>' in home  # the main navigation
    assert "Nghị quyết 57 qua các con số" in home  # the teaser's heading
    # The teaser: the first indicators with a value and a target, in the page's language.
    assert "Mục tiêu: ≥ 40\u00a0% vào năm 2045" in home


def test_the_breakdowns_are_tables_in_the_page_language(client, monitor):
    _, tree = page(client, "vi")

    def rows(table_id):
        (table,) = tree.xpath(f"//table[@id='{table_id}']")
        assert table.xpath("./caption") and table.xpath(".//th[@scope='col']")
        return {text_of(tr[0]): [text_of(td) for td in tr[1:]] for tr in table.xpath(".//tbody/tr")}

    assert rows("by-ownership")["Trong nước"] == ["1"]
    assert rows("by-origin")["Việt Nam"] == ["1"]
    assert rows("incubators")["Tổng quy mô quỹ (USD)"] == ["10.000.000"]
    assert rows("zones")["Khu thử nghiệm"] == ["0", "4,2", "60"]


def test_every_download_link_answers(client, monitor):
    _, tree = page(client, "en")
    links = tree.xpath("//section[@id='downloads']//a/@href")
    assert "/en/open-data/" in links
    for href in links:
        assert client.get(href).status_code == 200, href
