import pytest

from tests.conftest import ZONE, lines, run_import

pytestmark = pytest.mark.django_db


def test_root_redirects_to_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/vi/")


def test_home_shows_key_figures_from_the_registry(client):
    run_import(lines(ZONE))
    html = client.get("/en/").content.decode()
    assert "zones and parks" in html
    assert '<span class="figure-value">1</span> <span class="figure-label">zones and parks' in html


def test_sample_notice_shows_only_while_sample_records_are_published(client):
    from django.core.cache import cache

    run_import(lines(ZONE))
    assert "sample-notice" not in client.get("/en/").content.decode()
    # The record's flag decides, not its ref.
    run_import(lines(ZONE | {"ref": "sample-park", "name": "Khu (mẫu)"}))
    cache.clear()
    assert "sample-notice" not in client.get("/en/").content.decode()
    run_import(lines(ZONE | {"ref": "invented-park", "name": "Khu (mẫu)", "sample": True}))
    cache.clear()
    assert "sample-notice" in client.get("/en/").content.decode()


def test_unknown_page_is_a_404_in_the_portal_layout(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404


def test_pages_are_vietnamese_under_vi_and_english_under_en(client):
    vi = client.get("/vi/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Cơ sở dữ liệu qua các con số" in vi and 'lang="vi"' in vi
    assert "The registry in figures" in en and 'lang="en"' in en


def test_import_problems_are_reported_in_vietnamese_for_curators():
    from django.utils import translation

    with translation.override("vi"):
        result = run_import(lines(ZONE | {"zone_kind": "theme_park", "colour": "red"}))
    reported = [str(p) for p in result.problems]
    assert "line 1: colour: khóa không hợp lệ với loại zone" in reported
