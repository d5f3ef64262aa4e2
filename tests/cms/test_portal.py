"""The public portal, page by page, through Django's test client (the browser tests drive the
same pages in Chromium)."""

import csv
import io
import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from cms.models import Inquiry
from registry.models import KINDS
from search.backends import elasticsearch_backend

pytestmark = pytest.mark.django_db

BACKEND = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
PAGES = ["", "search/", "site-finder/", "compare/", "investment-guide/", "incentives/",
         "ftz-pilot/", "news/", "contact/"]  # fmt: skip


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def jsonld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_of_the_tree_answers_in_both_languages(client, lang, path):
    page = html(client.get(f"/{lang}/{path}"))
    assert f'lang="{lang}"' in page
    assert f'href="/en/{path}"' in page and f'href="/vi/{path}"' in page  # the switcher keeps it


def test_home_shows_entry_points_and_technology_figures(client, seeded):
    page = html(client.get("/en/"))
    assert 'action="/en/search/"' in page and 'href="/en/site-finder/"' in page
    assert "Enterprises by strategic technology" in page
    firms = [r for r in seeded if r["kind"] == "enterprise"]
    chips = sum(
        1
        for f in firms
        if any(t.split(".")[0] == "semiconductor" for t in f.get("technologies", []))
    )
    assert f'<span class="figure-value">{chips}</span>' in page
    leaders = [f for f in firms if f.get("is_global_tech_leader")]
    for firm in leaders:
        assert (firm.get("name_en") or firm["name"]) in page


def test_search_page_lists_results_with_facet_counts_without_javascript(client, seeded):
    page = html(client.get("/en/search/", {"kind": "plot", "technology": "semiconductor"}))
    plots = [r for r in seeded if r["kind"] == "plot" and any(
        c.startswith("semiconductor") for c in r.get("suitable_for", []))]  # fmt: skip
    assert f"{len(plots)} results" in page
    # Each facet's count is what ticking it would give (disjunctive): kind=zone with this technology.
    assert re.search(
        r'name="kind" value="plot" checked>\s*<label[^>]*>Plot <span class="count">\('
        + str(len(plots)),
        page,
    )
    assert page.count('class="result"') == min(20, len(plots))
    first = re.search(r'<h3><a href="(/en/registry/plot/[^"]+/)">', page).group(1)
    assert client.get(first).status_code == 200


def test_search_state_lives_in_the_url(client, seeded):
    first = html(client.get("/en/search/", {"kind": "plot", "sort": "name"}))
    second = html(client.get("/en/search/", {"kind": "plot", "sort": "name", "page": 2}))
    names = lambda page: re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', page)  # noqa: E731
    assert names(first) and names(second) and not set(names(first)) & set(names(second))
    assert 'href="?kind=plot&amp;sort=name&amp;page=2"' in first


def test_distance_and_range_filters(client, seeded):
    near = html(client.get("/en/search/", {"kind": "plot", "airport_km": 5, "min_power_mw": 20}))
    from registry.geo import haversine_km

    expected = [
        r for r in seeded if r["kind"] == "plot" and r.get("power_capacity_mw", 0) >= 20
        and haversine_km(10.77, 107.05, r["location"]["lat"], r["location"]["lon"]) <= 5
    ]  # fmt: skip
    assert f"{len(expected)} result" in near


def test_bad_search_input_is_a_page_with_the_error_not_a_500(client, db):
    response = client.get("/en/search/", {"min_area_m2": "lots", "airport_km": "far"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "expected a number" in page and 'class="error-summary"' in page


def test_geojson_feeds_the_map_with_the_same_filters(client, seeded):
    body = client.get("/api/v1/geojson/", {"kind": "plot", "technology": "data_centre"}).json()
    expected = {r["ref"] for r in seeded if r["kind"] == "plot" and any(
        c.startswith("data_centre") for c in r.get("suitable_for", []))}  # fmt: skip
    assert {f["properties"]["ref"] for f in body["features"]} == expected
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Point" and len(feature["geometry"]["coordinates"]) == 2
    assert feature["properties"]["url"].startswith(f"{settings.SITE_URL}/vi/registry/plot/")


def test_geojson_gives_zone_outlines_and_the_landmarks_the_map_draws(client, seeded, publish):
    outline = {"type": "Polygon", "coordinates": [[[107.1, 10.7], [107.2, 10.7], [107.2, 10.8],
                                                   [107.1, 10.7]]]}  # fmt: skip
    zone = next(r for r in seeded if r["kind"] == "zone")
    publish({**zone, "boundary": outline})
    # What the home page's map asks for.
    body = client.get(
        "/api/v1/geojson/", {"kind": "zone", "lang": "en", "include": "landmarks,zones"}
    ).json()
    outlines = {
        f["properties"]["ref"]: f["geometry"]
        for f in body["features"]
        if f["properties"]["layer"] == "zones"
    }
    assert outlines == {zone["ref"]: outline}
    # Landmarks are not search results, yet every map shows them, with their type for the icon.
    landmarks = [f for f in body["features"] if f["properties"]["layer"] == "landmarks"]
    expected = {r["ref"] for r in seeded if r["kind"] == "landmark" and r.get("location")}
    assert {f["properties"]["ref"] for f in landmarks} == expected
    airport = next(f for f in landmarks if f["properties"]["landmark_kind"] == "airport")
    assert airport["properties"]["url"].startswith(f"{settings.SITE_URL}/en/registry/landmark/")


@pytest.mark.parametrize("kind", list(KINDS))
def test_record_pages_show_public_fields_structured_data_and_distances(client, seeded, kind):
    record = next(r for r in seeded if r["kind"] == kind)
    page = html(client.get(f"/en/registry/{kind}/{record['ref']}/"))
    assert (record.get("name_en") or record["name"]) in page
    data = jsonld(page)
    assert data["@context"] == "https://schema.org" and data["identifier"] == record["ref"]
    assert '<meta property="og:title"' in page and '<link rel="canonical"' in page
    if "location" in record:
        assert "Distances" in page and 'data-point="' in page
    # The record's flag decides, not its ref.
    assert ('class="sample-flag"' in page) == record.get("sample", False)


def test_zone_page_lists_its_plots_and_firms(client, seeded):
    page = html(client.get("/en/registry/zone/lt-digital-park/"))
    plots = [r for r in seeded if r["kind"] == "plot" and r["zone"] == "lt-digital-park"]
    assert "Plots" in page
    assert page.count('href="/en/registry/plot/sample-lt-digital-park-') >= min(12, len(plots))
    assert jsonld(page)["@type"] == "Place"


def test_drafts_and_unknown_records_are_404(client, publish):
    from tests.conftest import ZONE

    publish(ZONE, draft=True)
    assert client.get("/en/registry/zone/test-park/").status_code == 404
    assert client.get("/en/registry/spaceship/x/").status_code == 404


def test_record_photo_is_served_as_a_rendition(client, publish):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    from registry.models import Zone
    from tests.conftest import ZONE

    publish(ZONE)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (11, 92, 140)).save(buffer, "JPEG")
    image = Image.objects.create(title="Aerial view", file=ImageFile(buffer, name="aerial.jpg"))
    Zone.objects.filter(ref="test-park").update(photo=image)
    page = html(client.get("/en/registry/zone/test-park/"))
    assert re.search(r'<img class="record-photo" src="[^"]+fill-960x540[^"]*"', page)
    assert 'alt="Aerial view"' in page


def shortlist_of(client):
    return client.session.get("compare", [])


def test_compare_keeps_up_to_four_plots_and_highlights_differences(client, seeded):
    refs = [r["ref"] for r in seeded if r["kind"] == "plot"][:5]
    for ref in refs:
        client.post("/en/compare/add/", {"ref": ref, "next": "/en/compare/"})
    assert shortlist_of(client) == refs[:4]
    page = html(client.get("/en/compare/"))
    assert "up to 4 plots" in page.lower() or "Up to 4 plots" in page
    assert page.count('<th scope="col">') == 4
    assert 'class="differs"' in page
    rows = list(
        csv.reader(io.StringIO(client.get("/en/compare/?format=csv").content.decode("utf-8-sig")))
    )
    assert len(rows[0]) == 5 and any(row[0] == "Area (m²)" for row in rows)
    client.post("/en/compare/remove/", {"ref": refs[0], "next": "/evil.example/"})
    assert shortlist_of(client) == refs[1:4]
    assert (
        Client().get("/en/compare/").content.decode().count('<th scope="col">') == 0
    )  # per visitor


def inquiry(**changes):
    data = {"name": "Kim Min-jun", "company": "Example Chips", "country": "KR",
            "email": "minjun@example.invalid", "message": "Is lot A01 still available?", "consent": "on"}  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_inquiry_is_stored_emailed_and_acknowledged(client, seeded):
    url = "/en/registry/plot/sample-lt-digital-park-a01/"
    response = client.post(url + "inquiry/", inquiry(), follow=True)
    assert response.redirect_chain[-1][0].endswith(url + "#inquiry")
    assert "Your inquiry has been sent" in response.content.decode()
    stored = Inquiry.objects.get()
    assert (stored.kind, stored.ref, stored.status, stored.language) == (
        "plot",
        "sample-lt-digital-park-a01",
        "new",
        "en",
    )
    assert len(mail.outbox) == 2 and "Kim Min-jun" in mail.outbox[0].body  # agency, then receipt
    # Personal data stays private: not on the page, in the API or in exports.
    for public in (
        url,
        "/api/v1/records/plot/sample-lt-digital-park-a01/",
        "/api/v1/export/?kind=plot",
    ):
        body = (
            b"".join(client.get(public).streaming_content)
            if public.startswith("/api/v1/export")
            else client.get(public).content
        )
        assert b"minjun@example.invalid" not in body


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"consent": None}, "consent"), ({"email": "not-an-email"}, "email"), ({"name": ""}, "name")],
)
def test_an_invalid_inquiry_shows_field_errors_and_stores_nothing(client, seeded, changes, field):
    response = client.post("/en/registry/zone/lt-digital-park/inquiry/", inquiry(**changes))
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not Inquiry.objects.exists() and not mail.outbox


def test_bots_filling_the_honeypot_are_thanked_and_ignored(client, seeded):
    response = client.post(
        "/en/registry/zone/lt-digital-park/inquiry/", inquiry(website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Inquiry.objects.exists()


def test_inquiries_are_rate_limited_per_address(client, seeded, settings):
    settings.INQUIRY_RATE_LIMIT = 2
    url = "/en/registry/zone/lt-digital-park/inquiry/"
    assert [client.post(url, inquiry()).status_code for _ in range(3)] == [302, 302, 429]
    assert Inquiry.objects.count() == 2


def test_inquiries_need_the_csrf_token(seeded):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/registry/zone/lt-digital-park/inquiry/", inquiry()).status_code == 403
    assert not Inquiry.objects.exists()


def test_a_curator_works_an_inquiry_in_the_admin(client, seeded):
    client.post("/en/registry/zone/lt-digital-park/inquiry/", inquiry())
    curator = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    client.force_login(curator)
    listing = html(client.get("/admin/snippets/cms/inquiry/"))
    assert "Kim Min-jun" in listing
    pk = Inquiry.objects.get().pk
    response = client.post(f"/admin/snippets/cms/inquiry/edit/{pk}/",
                           {"status": "site_visit", "owner": curator.pk, "notes": "Visit on Tuesday"})  # fmt: skip
    assert response.status_code == 302
    stored = Inquiry.objects.get()
    assert (stored.status, stored.owner, stored.notes) == (
        "site_visit",
        curator,
        "Visit on Tuesday",
    )
    assert stored.email == "minjun@example.invalid"  # read-only fields untouched


def test_site_finder_ranks_plots_and_explains_the_score(client, seeded):
    page = html(client.get("/en/site-finder/", {"profile": "semiconductor_osat"}))
    assert "plots meet every requirement" in page or "plot meets every requirement" in page
    assert "Why this score" in page and "Distance to Long Thanh International Airport (km)" in page
    assert "Ecosystem partners nearby" in page


def test_site_finder_adjustments_are_in_the_shareable_url(client, seeded):
    params = {"profile": "semiconductor_osat", "go": "1", "r.min_area_m2": "", "r.min_power_mw": "40",
              "r.min_power_feeds": "2", "r.max_flood_risk": "medium", "w.km_to:lt-airport": "5"}  # fmt: skip
    page = html(client.get("/en/site-finder/", params))
    assert (
        'id="r.min_power_mw" name="r.min_power_mw" type="number"' in page and 'value="40"' in page
    )
    powers = re.findall(
        r"<th scope=\"row\">Power at least \(MW\)</th><td>40</td><td>([\d.]+)</td>", page
    )
    assert powers and all(float(p) >= 40 for p in powers)


def test_site_finder_says_what_to_loosen_when_nothing_qualifies(client, seeded):
    page = html(
        client.get(
            "/en/site-finder/", {"go": "1", "r.min_power_mw": "100000", "r.max_flood_risk": "low"}
        )
    )
    assert "0 plots meet every requirement" in page
    assert "No plot meets them all" in page and "Power at least (MW)" in page


def test_sitemap_and_robots(client, seeded):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert (
        "/vi/registry/zone/lt-digital-park/" in sitemap
        and "/en/registry/zone/lt-digital-park/" in sitemap
    )
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap:" in robots


@pytest.mark.parametrize(
    ("lang", "text"), [("vi", "Không tìm thấy trang"), ("en", "Page not found")]
)
def test_404_page_in_both_languages(client, lang, text):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404 and text in response.content.decode()


def test_records_fall_back_to_vietnamese_on_english_pages(client, publish):
    from tests.conftest import ZONE

    publish(ZONE | {"name_en": "", "description": {"vi": "Chỉ có tiếng Việt."}})
    page = html(client.get("/en/registry/zone/test-park/"))
    assert "Khu thử nghiệm" in page and "Chỉ có tiếng Việt." in page


# Key pages render with a fixed number of SQL queries, whatever the registry holds (the search
# page asks the database index only on the database backend).


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # The home reads the registry's state (which keys its kept figures and the Resolution
        # 57 teaser's), the indicators' state, the taxonomy and the finder presets (with their
        # technologies); its counts, map zones and leaders are kept until the registry changes.
        ("/en/", {"database": 9, "elasticsearch": 9}),
        # One query per search checks that no hit's removal still waits in the outbox; the
        # database backend counts every facet and the total in one grouped query.
        ("/en/search/?kind=plot", {"database": 12, "elasticsearch": 10}),
        ("/en/registry/plot/sample-lt-digital-park-a01/", {"database": 14, "elasticsearch": 14}),
        # One query names the plots' zones (lot codes repeat from zone to zone).
        # ...and the partner searches' hits get the same outbox check.
        ("/en/site-finder/?profile=data_centre_hyperscale", {"database": 31, "elasticsearch": 22}),
        ("/en/compare/", {"database": 7, "elasticsearch": 7}),
    ],
)
def test_key_pages_use_a_fixed_number_of_queries(
    client, seeded, django_assert_num_queries, path, expected
):
    client.get(path)  # page paths and the sample notice cached, as in a running site
    with django_assert_num_queries(expected[BACKEND]):
        assert client.get(path).status_code == 200
    es = elasticsearch_backend()
    assert (es is not None) == (BACKEND == "elasticsearch")


def test_a_failing_page_shows_the_500_page_in_both_languages(db, monkeypatch):
    import cms.models

    def broken(page, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cms.models, "serve_compare", broken)  # the compare page's view
    response = Client(raise_request_exception=False).get("/en/compare/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Đã xảy ra lỗi" in page and "Something went wrong" in page


def test_a_record_keeps_its_address_when_curators_rename_the_registry_page(client, seeded):
    """Record pages have permanent addresses (the named route the catalogue reverses): links in
    search results and elsewhere keep working when the registry page is renamed in the tree."""
    from django.core.cache import cache
    from django.utils import translation

    from cms.models import RegistryPage
    from registry.models import Plot

    plot = Plot.objects.published().order_by("ref").first()
    address = f"/vi/registry/plot/{plot.ref}/"
    with translation.override("vi"):
        assert plot.get_absolute_url() == address
    registry_page = RegistryPage.objects.get()
    registry_page.slug = "co-so-du-lieu"
    registry_page.save()
    cache.clear()  # the page paths are cached for a minute
    assert plot.name in html(client.get(address))
    assert plot.name in html(client.get(f"/vi/co-so-du-lieu/plot/{plot.ref}/"))
    hits = client.get("/api/v1/search/", {"q": plot.name, "kind": "plot"}).json()["results"]
    assert address in {hit["url"] for hit in hits}
