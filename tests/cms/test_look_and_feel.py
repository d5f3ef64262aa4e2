"""Issue 11, look and feel, as the server renders it: the designed home (its map's zones as
links, the technologies and finder presets as calls, the kinds to browse, with icons), the phone
menu that works without JavaScript, and the empty states that say what to do next."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape

from registry.models import Zone
from search.models import MatchProfile
from tests.cms.test_portal import html

pytestmark = pytest.mark.django_db


def test_home_lists_every_zone_of_its_map_as_a_link(client, seeded):
    page = html(client.get("/vi/"))
    zones = Zone.objects.published().exclude(lat=None)
    assert zones.count() > 10
    listing = re.search(r'<nav class="zone-list".*?</nav>', page, re.S).group(0)
    for zone in zones:
        assert f'href="/vi/registry/zone/{zone.ref}/">{zone.name}</a>' in listing
    assert f"{zones.count()} khu trên bản đồ" in listing
    # The map asks for the zones only, each as its own marker, with their outlines and landmarks.
    map_data = "/api/v1/geojson/?kind=zone&amp;include=landmarks,zones"
    assert f'data-geojson="{map_data}" data-cluster="off"' in page


def test_home_calls_open_the_finder_with_each_preset(client, seeded):
    page = html(client.get("/en/"))
    for profile in MatchProfile.objects.all():
        assert f'href="/en/site-finder/?profile={profile.code}"' in page
        assert f"Find a site for: {escape(profile.name_en)}" in page
    # A call's link applies the preset at once: the finder ranks plots for it.
    finder = html(client.get("/en/site-finder/?profile=data_centre_hyperscale"))
    assert 'class="finder-results"' in finder and 'class="score"' in finder


def test_home_offers_each_kind_with_its_icon_and_count(client, seeded):
    page = html(client.get("/vi/"))
    kinds = {"zone": "Khu", "plot": "Lô đất", "enterprise": "Doanh nghiệp"}
    for kind, label in kinds.items():
        published = sum(1 for r in seeded if r["kind"] == kind)
        assert re.search(
            rf'<a class="tile" href="/vi/search/\?kind={kind}"><svg class="icon icon-kind-{kind}"'
            rf'[^>]*aria-hidden="true"[^>]*>.*?</svg><span class="tile-count">{published}</span>'
            rf' <span class="tile-label">{label}</span>',
            page,
        ), kind
    # Decorative icons are hidden from screen readers, everywhere on the page.
    icons = re.findall(r"<svg class=\"icon[^>]*>", page)
    assert icons and all('aria-hidden="true"' in svg for svg in icons)


def test_technology_tiles_carry_icons_and_link_to_their_search(client, seeded):
    page = html(client.get("/en/"))
    assert re.search(
        r'href="/en/search/\?kind=enterprise&amp;technology=semiconductor">'
        r'<svg class="icon icon-tech-semiconductor"',
        page,
    )


def test_the_phone_menu_is_a_link_to_the_navigation_without_javascript(client):
    page = html(client.get("/vi/"))
    assert re.search(r'<a class="menu-toggle" href="#main-nav"[^>]*>.*?Trình đơn', page, re.S)
    assert '<nav class="main-nav" id="main-nav"' in page


def test_search_without_results_says_so_and_offers_ways_on(client, seeded):
    page = html(client.get("/en/search/", {"q": "zzqx nothing", "kind": "plot"}))
    assert "Nothing matches this search" in page
    assert 'href="?q=zzqx%20nothing">Keep the words, drop every filter' in page
    assert 'href="?">See everything in the registry' in page
    assert 'href="/en/site-finder/">Find a site with the site finder' in page
    assert 'id="map"' not in page  # no empty map above the empty list


def test_empty_comparison_explains_how_to_add_plots(client, seeded):
    page = html(client.get("/vi/compare/"))
    assert "Chưa có gì để so sánh" in page
    assert "Chọn “Thêm vào so sánh” trên trang của lô đất (tối đa 4 lô)." in page
    assert 'href="/vi/search/?kind=plot"' in page and 'href="/vi/site-finder/"' in page


def test_finder_without_a_match_offers_to_start_again(client, seeded):
    page = html(
        client.get(
            "/en/site-finder/",
            {"profile": "data_centre_hyperscale", "go": "1", "r.min_power_mw": "999999"},
        )
    )
    assert "No plot meets every requirement" in page
    assert 'href="?profile=data_centre_hyperscale">Start again from the sector' in page
    assert 'href="/en/search/?kind=plot">See every plot in the registry' in page


def test_founder_dashboard_without_a_profile_says_what_to_do(client):
    get_user_model().objects.create_user("f@example.invalid", "f@example.invalid", "pw-long-42")
    client.login(username="f@example.invalid", password="pw-long-42")
    page = html(client.get("/en/account/"))
    assert "You have no startup profile yet." in page
    assert "a curator reviews it, and once approved it appears in the registry" in page
