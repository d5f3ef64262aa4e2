"""Content pages have real structure: the steps of investing with their authorities, incentives
with their legal basis, and the agency's contact officers, in both languages."""

import pytest
from django.test import Client

from cms.models import ContactOfficer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("vi", ["Giấy chứng nhận đăng ký đầu tư", "Ban Quản lý các khu công nghiệp Đồng Nai",
                "Luật Đầu tư số 61/2020/QH14", "Cơ quan quyết định"]),
        ("en", ["Investment Registration Certificate", "Management Board of Đồng Nai Industrial",
                "Investment Law No. 61/2020/QH14", "Authority"]),
    ],
)  # fmt: skip
def test_investment_guide_lists_steps_with_authority_and_legal_basis(lang, texts):
    page = Client().get(f"/{lang}/investment-guide/").content.decode()
    assert page.count("<li><h3>") >= 6
    for text in texts:
        assert text in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_incentives_is_a_table_with_legal_basis(lang):
    page = Client().get(f"/{lang}/incentives/").content.decode()
    assert '<table class="incentives">' in page
    assert page.count('<th scope="row">') >= 4
    assert "182/2024" in page


def test_contact_page_lists_officers_by_sector_and_marks_samples():
    client = Client()
    officer = ContactOfficer.objects.get(sort_order=1)
    page = client.get("/en/contact/").content.decode()
    assert officer.name in page and "Officer for semiconductors" in page
    assert "Sectors: Semiconductor" in page and f"mailto:{officer.email}" in page
    assert "(sample)" in page
    officer.name = "Đỗ Văn <b>Test</b>"
    officer.sample = False
    officer.save()
    page = client.get("/vi/contact/").content.decode()
    assert "Đỗ Văn &lt;b&gt;Test&lt;/b&gt;" in page
    assert "Chuyên viên phụ trách bán dẫn" in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ftz_pilot_and_news_are_in_the_navigation(lang):
    page = Client().get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/ftz-pilot/"' in page and f'href="/{lang}/news/"' in page
