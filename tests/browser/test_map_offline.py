"""Issue 11 item 8: with the tile server unreachable (the `portal` fixture points MAP_TILE_URL at a
closed port) the map still means something: the land outline, a zone's boundary, landmark icons,
a legend, clustered markers and one line saying the background map is unavailable, in Vietnamese
and English, on a phone (390 px) and a laptop (1366 px). The admin's location preview draws from
MAP_TILE_URL, not an OpenStreetMap embed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from registry.models import Landmark
from search.backends import elasticsearch_backend
from tests.conftest import lines, run_import

from .conftest import DESKTOP, PHONE, on_db, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": PHONE, "laptop": DESKTOP}
NOTICE = {
    "vi": "Không tải được bản đồ nền.",
    "en": "The background map is unavailable.",
}
LEGEND = {"vi": ("Lô đất", "Sân bay"), "en": ("Plots", "Airport")}
# No seed zone has a recorded outline: this one has, a square around its point.
OUTLINED_ZONE = {
    "kind": "zone",
    "ref": "outlined-zone-probe",
    "name": "Khu thử ranh giới",
    "name_en": "Boundary Probe Zone",
    "zone_kind": "it_park",
    "location": {"lat": 10.7, "lon": 107.2},
    "boundary": {
        "type": "Polygon",
        "coordinates": [
            [[107.17, 10.67], [107.23, 10.67], [107.23, 10.73], [107.17, 10.73], [107.17, 10.67]]
        ],
    },
}


def plant(record: dict) -> None:
    result = on_db(lambda: run_import(lines(record), publish=True))
    assert result.ok, result.problems
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()


def shown_marker_total(page) -> int:
    """What a visitor can count on the map: each cluster's number plus each lone marker."""
    clusters = page.locator("#map .marker-cluster").all_inner_texts()
    lone = page.locator("#map path.marker").count()
    return sum(int(text) for text in clusters) + lone


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_map_without_tiles_shows_land_zones_landmarks_legend_and_clusters(
    portal, browser, lang, size
):
    plant(OUTLINED_ZONE)
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN" if lang == "vi" else "en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{portal}/{lang}/search/")
    the_map = page.locator("#map")
    expect(the_map).to_have_attribute("data-markers", re.compile(r"^\d+$"))

    # The land outline (Natural Earth) is drawn where the tiles would be.
    expect(the_map).to_have_attribute("data-land", "drawn")
    assert page.locator("#map path.land").count() >= 1
    assert page.locator("#map path.land-home").count() == 1  # Vietnam, drawn apart
    # The zone with a recorded boundary has its outline on the map.
    expect(page.locator("#map path.zone-boundary")).to_have_count(1)
    # Landmarks carry their icons (an airport, a seaport, universities…), never clustered.
    landmark_count = on_db(lambda: Landmark.objects.published().exclude(lat=None).count())
    icons = page.locator("#map .landmark-icon img")
    expect(icons).to_have_count(landmark_count)
    expect(page.locator("#map .landmark-airport img")).to_have_attribute(
        "src", re.compile(r"/static/map/icons/airport\.svg$")
    )
    # The legend names the kinds in the page's language.
    legend = page.locator("#map .map-legend")
    expect(legend).to_be_visible()
    if size == "phone":  # folded, so as not to cover the map, until asked for
        expect(legend.locator("li").first).to_be_hidden()
        legend.locator("summary").click()
    expect(legend.locator("li").first).to_be_visible()
    for word in LEGEND[lang]:
        expect(legend).to_contain_text(word)
    # At the opening zoom the many results fold into clusters, and nothing goes missing.
    expect(page.locator("#map .marker-cluster").first).to_be_visible()
    total = int(the_map.get_attribute("data-markers"))
    for _ in range(80):  # clusters re-form while the opening zoom animates (slow on a busy CI)
        if not page.locator("#map .leaflet-cluster-anim").count() and (
            shown_marker_total(page) == total
        ):
            break
        page.wait_for_timeout(250)
    assert shown_marker_total(page) == total
    # One line says the background map is missing.
    notice = page.locator("#map .map-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(NOTICE[lang])
    screenshot(page, f"issue11-map-offline-{lang}-{size}")

    the_map.screenshot(path=f"screenshots/issue11-map-offline-{lang}-{size}-map.png")

    # A cluster opens when clicked: the map zooms in (the zoom shows in the tiles it asks for).
    def zoom() -> int:
        sources = page.locator("#map img.leaflet-tile").evaluate_all("els => els.map(e => e.src)")
        return max(int(re.search(r":9/(\d+)/", src).group(1)) for src in sources)

    before = zoom()
    page.locator("#map .marker-cluster").first.click()
    page.wait_for_timeout(1000)  # the zoom animation
    assert zoom() > before
    context.close()


def test_the_admin_location_preview_draws_from_map_tile_url(portal, page):
    on_db(
        lambda: get_user_model().objects.create_superuser(
            "curator", "curator@example.invalid", "a-long-test-password"
        )
    )
    page.goto(f"{portal}/admin/login/")
    page.locator("#id_username").fill("curator")
    page.locator("#id_password").fill("a-long-test-password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{portal}/admin/")
    airport = on_db(lambda: Landmark.objects.get(landmark_kind="airport"))
    page.goto(f"{portal}{reverse('wagtailsnippets_registry_landmark:edit', args=[airport.pk])}")

    preview = page.locator("[data-map-frame]")
    expect(preview).to_be_visible()
    # Its tiles come from MAP_TILE_URL (a closed port here), not from an OpenStreetMap iframe.
    expect(preview.locator("img.leaflet-tile").first).to_have_attribute(
        "src", re.compile(r"^http://127\.0\.0\.1:9/\d+/\d+/\d+\.png$")
    )
    assert page.locator("iframe[src*='openstreetmap']").count() == 0
    # The land outline and the point still show, and the missing background is said.
    expect(preview.locator("path.land").first).to_be_attached()
    expect(page.locator("[data-map-notice]")).to_be_visible()
    # Typing new coordinates moves the preview.
    page.locator("#id_lat").fill("10.95")
    page.locator("#id_lat").dispatch_event("change")
    expect(preview.locator("path.leaflet-interactive")).to_have_count(1)
    preview.scroll_into_view_if_needed()
    page.locator("[data-map-preview]").screenshot(path="screenshots/issue11-admin-map-preview.png")
