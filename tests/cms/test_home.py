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
    run_import(lines(ZONE | {"ref": "sample-park", "name": "Khu (mẫu)"}))
    cache.clear()
    assert "sample-notice" in client.get("/en/").content.decode()


def test_unknown_page_is_a_404_in_the_portal_layout(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
