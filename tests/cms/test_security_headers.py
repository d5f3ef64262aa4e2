"""Every kind of response carries the Content-Security-Policy and the Permissions-Policy: portal
pages, API JSON, admin pages and error pages. What the browser then does with them is in
tests/browser/test_security.py."""

import pytest
from django.contrib.auth import get_user_model

from cms.security import is_wagtail_initialiser, tile_origin

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_security_headers(response) -> dict[str, list[str]]:
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    return policy


@pytest.mark.parametrize(
    "path",
    [
        "/vi/",
        "/en/search/?q=long+thanh",
        "/vi/registry/zone/lt-digital-park/",
        "/en/account/signup/",
        "/api/v1/search/?q=long",
        "/api/v1/geojson/",
        "/api/v1/search/?page=-1",  # a 400
        "/api/v1/records/plot/no-such-plot/",  # a JSON 404
        "/vi/no-such-page/",  # the portal's 404
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_portal_and_api_responses_carry_the_strict_policy(client, seeded, path):
    response = client.get(path)
    policy = assert_security_headers(response)
    assert policy["script-src"] == ["'self'"]  # no inline script, no eval
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_map_tile_server_is_allowed_to_serve_images(client, settings):
    settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    policy = directives(client.get("/vi/"))
    assert policy["img-src"] == ["'self'", "https://*.tiles.example.org"]
    settings.MAP_TILE_URL = ""
    assert directives(client.get("/vi/"))["img-src"] == ["'self'"]


def test_tile_origin_reads_the_host_of_a_leaflet_url_template():
    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://tile.openstreetmap.org"
    )
    assert tile_origin("http://127.0.0.1:9/{z}/{x}/{y}.png") == "http://127.0.0.1:9"
    assert tile_origin("") is None


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/snippets/registry/plot/"])
def test_admin_pages_carry_the_admin_policy(client, path):
    user = get_user_model().objects.create_superuser(
        "curator", "curator@example.invalid", "a-long-test-password"
    )
    if path != "/admin/login/":
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    policy = assert_security_headers(response)
    # Only Wagtail's own inline initialisers run (by hash); inline event handlers never do.
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["script-src-attr"] == ["'none'"]
    # The location preview is a Leaflet map on MAP_TILE_URL: nothing foreign is framed.
    assert policy["frame-src"] == ["'self'"]


def test_redirects_and_not_found_in_the_admin_carry_the_headers(admin_client):
    # A missing snippet is a 404 that the locale middleware first redirects to a language prefix.
    response = admin_client.get("/admin/snippets/registry/plot/edit/999999/")
    assert response.status_code == 302
    assert_security_headers(response)
    response = admin_client.get(response["Location"])
    assert response.status_code == 404
    assert_security_headers(response)


def test_the_plot_editor_allows_its_wagtail_initialisers_by_hash(admin_client, seeded):
    from registry.models import Plot

    pk = Plot.objects.get(ref="sample-lt-digital-park-a01").pk
    response = admin_client.get(f"/admin/snippets/registry/plot/edit/{pk}/")
    hashes = [s for s in directives(response)["script-src"] if s.startswith("'sha256-")]
    assert len(hashes) == 4  # zone and photo choosers, two date pickers


@pytest.mark.parametrize(
    "script",
    [
        'new SnippetChooser("id_zone", {"modalUrl": "/admin/snippets/choose/registry/zone/"});',
        'initDateChooser("id_verified_on", {"dayOfWeekStart": 0, "format": "Y-m-d"});',
        "\n        (function() {\n            var panel = new InlinePanel(JSON.parse("
        '"{\\u0022formsetPrefix\\u0022: \\u0022id_photos\\u0022}"));\n        })();\n    ',
    ],
)
def test_wagtail_initialisers_are_recognised(script):
    assert is_wagtail_initialiser(script)


@pytest.mark.parametrize(
    "script",
    [
        "window.__xss = 1",
        'eval("alert(1)");',
        'initDateChooser("x"); alert(1); initDateChooser("y");',
        'new ImageChooser("id_photo", {"a": alert(1)});',
        'setTimeout("alert(1)");',
    ],
)
def test_other_inline_scripts_are_not(script):
    assert not is_wagtail_initialiser(script)
