"""What search engines and link previews read in each portal page's <head>, and in the sitemap:
one canonical host (settings.SITE_URL) whatever host the request came by, every page in both
languages with x-default, schema.org JSON-LD on record pages, Open Graph and X/Twitter cards
(Lighthouse's SEO audits: tests/browser/test_lighthouse.py runs Lighthouse itself)."""

import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail

pytestmark = pytest.mark.django_db

SITE = "https://hub.dongnai.example"
# The request reaches the app by another name than the site's (a proxy, an IP, a mirror).
OTHER_HOST = {"HTTP_HOST": "127.0.0.1"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


class Head(HTMLParser):
    """The <head>'s <link>s, <meta>s and JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.links, self.metas, self.jsonld, self._in_jsonld = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.metas.append(attrs)
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))
            self._in_jsonld = False

    def meta(self, key: str) -> list[str]:
        return [m["content"] for m in self.metas if key in (m.get("property"), m.get("name"))]


def read_head(client, path: str) -> Head:
    response = client.get(path, **OTHER_HOST)
    assert response.status_code == 200, (path, response.status_code)
    page = response.content.decode()
    assert "127.0.0.1" not in page and "testserver" not in page, path
    head = Head()
    head.feed(page.split("</head>")[0])
    return head


def one_of_each_kind(seeded) -> dict[str, dict]:
    """A record of each kind; the plot in a zone with a ward code."""
    wards = {r["ref"] for r in seeded if r["kind"] == "zone" and r.get("ward_code")}
    chosen = {}
    for record in seeded:
        if record["kind"] != "plot" or record.get("zone") in wards:
            chosen.setdefault(record["kind"], record)
    return chosen


def portal_paths(seeded) -> list[str]:
    records = [f"registry/{r['kind']}/{r['ref']}/" for r in one_of_each_kind(seeded).values()]
    return ["", "search/?q=data+centre", "site-finder/", "investment-guide/", *records]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_key_page_has_one_description_of_its_own(client, seeded, lang):
    descriptions = {}
    for path in portal_paths(seeded):
        head = read_head(client, f"/{lang}/{path}")
        found = head.meta("description")
        assert len(found) == 1 and found[0].strip(), (path, found)
        assert head.meta("og:description") == found, path
        descriptions[path] = found[0]
    assert len(set(descriptions.values())) == len(descriptions), descriptions


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_names_its_canonical_address_and_both_languages_on_the_site_host(
    client, seeded, lang
):
    for path in portal_paths(seeded):
        head = read_head(client, f"/{lang}/{path}")
        page = path.split("?")[0]  # a filtered search is the search page to a search engine
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [f"{SITE}/{lang}/{page}"], path
        alternates = [(link["hreflang"], link["href"]) for link in head.links if "hreflang" in link]
        assert alternates == [
            ("vi", f"{SITE}/vi/{page}"),
            ("en", f"{SITE}/en/{page}"),
            ("x-default", f"{SITE}/vi/{page}"),
        ], path
        assert head.meta("og:url") == canonical, path


@pytest.mark.parametrize(
    ("lang", "locale", "other"), [("vi", "vi_VN", "en_US"), ("en", "en_US", "vi_VN")]
)
def test_every_page_has_a_link_preview_card(client, seeded, lang, locale, other):
    for path in portal_paths(seeded):
        head = read_head(client, f"/{lang}/{path}")
        for key in ("og:title", "og:description", "og:image", "og:image:alt", "og:site_name"):
            assert len(head.meta(key)) == 1 and head.meta(key)[0].strip(), (path, key)
        assert head.meta("og:image")[0].startswith(f"{SITE}/static/"), path
        assert head.meta("og:locale") == [locale] and head.meta("og:locale:alternate") == [other]
        assert head.meta("twitter:card") == ["summary_large_image"], path
    assert head.meta("og:image:width") == ["1200"] and head.meta("og:image:height") == ["630"]


def test_the_default_preview_image_exists_at_1200_by_630(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    head = read_head(client, "/vi/")
    static_path = urlsplit(head.meta("og:image")[0]).path.removeprefix(settings.STATIC_URL)
    with Image.open(finders.find(static_path)) as image:
        assert image.size == (1200, 630) and image.format == "PNG"


def graph(head: Head) -> tuple[dict, dict]:
    """(the web page, the record) of the page's one JSON-LD block: the record, and the page
    about it as its mainEntityOfPage."""
    assert len(head.jsonld) == 1
    thing = head.jsonld[0]
    assert thing["@context"] == "https://schema.org"
    webpage = thing["mainEntityOfPage"]
    assert webpage["@type"] == "ItemPage" and webpage["isPartOf"]["@type"] == "WebSite"
    return webpage, thing


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_record_pages_describe_the_record_in_json_ld(client, seeded, lang):
    for kind, record in one_of_each_kind(seeded).items():
        path = f"registry/{kind}/{record['ref']}/"
        head = read_head(client, f"/{lang}/{path}")
        webpage, thing = graph(head)
        page_url = f"{SITE}/{lang}/{path}"
        # The page is in the page's language; the thing is one, named alike on both pages.
        assert webpage["@id"] == webpage["url"] == page_url and webpage["inLanguage"] == lang
        assert thing["@id"] == f"{SITE}/vi/{path}#id", kind
        assert thing["identifier"] == record["ref"] and thing["name"], kind
        # The thing's own address is its own website, never the registry's page about it.
        if record.get("website"):
            assert thing["url"] == record["website"] and thing["sameAs"] == [record["website"]]
        else:
            assert "url" not in thing and "sameAs" not in thing, kind
        assert not EMAIL.search(json.dumps(thing, ensure_ascii=False)), kind


def test_a_company_is_named_by_its_own_website_and_located_in_its_zone(client, publish):
    from tests.conftest import ENTERPRISE, ZONE

    publish(ZONE, ENTERPRISE | {"website": "https://chip.example.vn/"})
    _webpage, thing = graph(read_head(client, "/en/registry/enterprise/test-chip/"))
    assert thing["@type"] == "Organization" and thing["name"] == "Dong Nai Microchip"
    assert thing["alternateName"] == "Công ty Vi mạch Đồng Nai"
    assert thing["url"] == "https://chip.example.vn/" and thing["sameAs"] == [thing["url"]]
    assert thing["mainEntityOfPage"]["@id"] == f"{SITE}/en/registry/enterprise/test-chip/"
    zone_id = f"{SITE}/vi/registry/zone/test-park/#id"
    assert thing["location"]["containedInPlace"] == {
        "@type": "Place",
        "@id": zone_id,
        "name": "Test Park",
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_plot_lies_in_its_zone_at_its_ward_in_dong_nai(client, seeded, lang):
    plot = one_of_each_kind(seeded)["plot"]
    zone = next(r for r in seeded if r["kind"] == "zone" and r["ref"] == plot["zone"])
    _webpage, thing = graph(read_head(client, f"/{lang}/registry/plot/{plot['ref']}/"))
    assert thing["@type"] == "Place"
    assert thing["containedInPlace"]["@id"] == f"{SITE}/vi/registry/zone/{zone['ref']}/#id"
    zone_page = read_head(client, f"/{lang}/registry/zone/{zone['ref']}/")
    assert graph(zone_page)[1]["@id"] == thing["containedInPlace"]["@id"]  # the same node
    address = thing["address"]
    assert address["@type"] == "PostalAddress" and address["addressCountry"] == "VN"
    assert address["addressRegion"] == "Đồng Nai"
    assert address["addressLocality"].startswith(("Phường ", "Xã "))
    assert thing["geo"]["@type"] == "GeoCoordinates"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Lô A01: lô đất tại Khu thử nghiệm, Đồng Nai."),
        ("en", "Lô A01: plot in Test Park, Đồng Nai."),
    ],
)
def test_a_record_without_a_description_still_has_one_line_to_show(client, publish, lang, expected):
    from tests.conftest import PLOT, ZONE

    publish(ZONE, PLOT)
    head = read_head(client, f"/{lang}/registry/plot/test-a01/")
    assert head.meta("description") == head.meta("og:description") == [expected]


def test_a_record_with_a_photo_previews_it(client, publish):
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
    head = read_head(client, "/en/registry/zone/test-park/")
    (preview,) = head.meta("og:image")
    assert preview.startswith(f"{SITE}/media/") and "fill-1200x630" in preview
    assert head.meta("og:image:width") == ["1200"] and head.meta("og:image:alt") == ["Aerial view"]
    assert graph(head)[1]["image"] == preview


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_the_sitemap_names_one_host_and_every_page_in_both_languages(client, seeded):
    response = client.get("/sitemap.xml", **OTHER_HOST)
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {}
    for url in urlset.findall("s:url", SITEMAP):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)
        }
        entries[url.findtext("s:loc", namespaces=SITEMAP)] = alternates
    hosts = {urlsplit(u).netloc for u in entries} | {
        urlsplit(href).netloc for alternates in entries.values() for href in alternates.values()
    }
    assert hosts == {urlsplit(SITE).netloc}
    for page in ("", "search/", "investment-guide/", "registry/zone/lt-digital-park/"):
        for lang in ("vi", "en"):
            assert entries[f"{SITE}/{lang}/{page}"] == {
                "vi": f"{SITE}/vi/{page}",
                "en": f"{SITE}/en/{page}",
                "x-default": f"{SITE}/vi/{page}",
            }, page
    robots = client.get("/robots.txt", **OTHER_HOST).content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_e_mails_link_to_the_site_host(seeded, settings):
    from django.test import Client

    from tests.cms.test_founders import sign_up
    from tests.cms.test_portal import inquiry

    settings.WAGTAILADMIN_BASE_URL = SITE
    client = Client(**OTHER_HOST)
    url = "/en/registry/plot/sample-lt-digital-park-a01/"
    client.post(url + "inquiry/", inquiry())
    sign_up(client)  # the confirmation link
    sign_up(client)  # the note to an address that has an account: sign-in and reset links
    client.post("/en/account/password-reset/", {"email": "founder@example.invalid"})
    links = [link for message in mail.outbox for link in links_in(message)]
    assert len(links) >= 5, [m.body for m in mail.outbox]
    assert all(link.startswith(f"{SITE}/") for link in links), links
    assert f"{SITE}{url}#inquiry" in links


def test_a_hostile_address_is_announced_percent_encoded(client):
    response = client.get("/vi/kh%C3%B4ng c%C3%B3/%22%3E%3Cscript%3E/", **OTHER_HOST)
    assert response.status_code == 404
    head = Head()
    head.feed(response.content.decode().split("</head>")[0])
    (canonical,) = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == f"{SITE}/vi/kh%C3%B4ng%20c%C3%B3/%22%3E%3Cscript%3E/"
    assert "<script>" not in response.content.decode()
