"""The one-page PDF site profile of a plot or zone, and the record page's print stylesheet."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from cms.portal.site_profile import render_profile_html

pytestmark = pytest.mark.django_db

AIRPORT = {
    "kind": "landmark",
    "ref": "lt-airport",
    "name": "Cảng hàng không quốc tế Long Thành",
    "name_en": "Long Thanh International Airport",
    "landmark_kind": "airport",
    "location": {"lat": 10.78, "lon": 107.04},
}
PORT = {
    "kind": "landmark",
    "ref": "cai-mep",
    "name": "Cảng Cái Mép",
    "name_en": "Cai Mep port",
    "landmark_kind": "seaport",
    "location": {"lat": 10.53, "lon": 107.03},
}
ZONE = {
    "kind": "zone",
    "ref": "lt-digital-park",
    "name": "Khu công nghệ số tập trung Long Thành",
    "name_en": "Long Thanh Concentrated Digital Technology Park",
    "zone_kind": "it_park",
    "location": {"lat": 10.8, "lon": 106.98},
    "ward_code": 26383,
    "incentives": {
        "vi": "Ưu đãi theo luật công nghệ cao.",
        "en": "Incentives under the high-technology law.",
    },
}
PLOT = {"kind": "plot", "ref": "ltd-a01", "zone": "lt-digital-park", "code": "A01", "name": "Lô A01",
        "name_en": "Lot A01", "status": "available", "land_use": "data_centre", "area_m2": 42000,
        "lease_price_usd_m2": 165, "power_capacity_mw": 60, "power_feeds": 2,
        "suitable_for": ["data_centre.hyperscale"], "location": {"lat": 10.8, "lon": 106.98},
        "description": {"vi": "Lô đất dành cho trung tâm dữ liệu.", "en": "Data-centre plot."}}  # fmt: skip


@pytest.fixture
def plot(publish):
    publish(AIRPORT, PORT, ZONE, PLOT)


def pdf_pages(pdf: bytes) -> int:
    # Each page object of the file is one "/Type /Page" dictionary (not "/Pages").
    return pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>>") + pdf.count(b"/Type /Page ")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", ["Lô A01", "Khu công nghệ số tập trung Long Thành", "Ưu đãi theo luật công nghệ cao.",
                "Cảng hàng không quốc tế Long Thành", "42.000", "Liên hệ"]),
        ("en", ["Lot A01", "Long Thanh Concentrated Digital Technology Park",
                "Incentives under the high-technology law.", "Long Thanh International Airport",
                "42,000", "Contact the investment agency"]),
    ],
)  # fmt: skip
def test_plot_page_links_a_one_page_pdf_in_the_page_language(plot, lang, expected, rf):
    client = Client()
    page = client.get(f"/{lang}/registry/plot/ltd-a01/").content.decode()
    link = f"/{lang}/registry/plot/ltd-a01/site-profile/"
    assert f'href="{link}"' in page
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    from django.utils import translation
    from weasyprint import HTML

    with translation.override(lang):
        html = render_profile_html(rf.get(link), "plot", "ltd-a01")
    for text in expected:
        assert text in html
    assert len(HTML(string=html).render().pages) == 1
    # The location sketch is drawn from machine-read coordinates: dots, whatever the language.
    assert "10.80000, 106.98000" in html


def test_zone_has_a_profile_and_other_kinds_do_not(plot):
    client = Client()
    assert client.get("/en/registry/zone/lt-digital-park/site-profile/").status_code == 200
    assert client.get("/en/registry/landmark/lt-airport/site-profile/").status_code == 404
    assert 'site-profile/"' not in client.get("/en/registry/landmark/lt-airport/").content.decode()
    assert client.get("/en/registry/plot/no-such-plot/site-profile/").status_code == 404


def test_profile_text_is_escaped_and_fetches_nothing(publish, rf):
    hostile = dict(PLOT, name="Lô <img src='http://127.0.0.1:9/x'> A01", name_en="")
    publish(AIRPORT, ZONE, hostile)
    html = render_profile_html(rf.get("/vi/"), "plot", "ltd-a01")
    assert "<img" not in html and "&lt;img" in html
    response = Client().get("/vi/registry/plot/ltd-a01/site-profile/")
    assert response.status_code == 200


def test_record_page_prints_without_navigation_or_forms():
    text = Path(finders.find("css/portal.css")).read_text()
    assert "@media print" in text
    block = text.split("@media print", 1)[1]
    for selector in (".site-header", ".site-footer", ".inquiry", ".map"):
        assert selector in block
