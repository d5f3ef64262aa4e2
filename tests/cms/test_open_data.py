"""Issue 13, item 4 on the portal: the open-data page (both languages, its downloads, the
licence from the one setting, schema.org Dataset markup for dataset search engines) and the link
to it on every page."""

import json
import re
from html import unescape

import pytest

from search.documents import SEARCHABLE_KINDS
from tests.search.test_catalog import ALL_DATASETS, CC0, DATASET_KEYS

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page_html(client, lang: str) -> str:
    response = client.get(f"/{lang}/open-data/")
    assert response.status_code == 200
    return response.content.decode()


def structured_data(html: str) -> dict:
    [block] = JSONLD.findall(html)
    return json.loads(block)


@pytest.mark.parametrize(
    ("lang", "heading", "plots"),
    [("vi", "Dữ liệu mở", "Lô đất"), ("en", "Open data", "Land plots")],
)
def test_the_open_data_page_offers_every_download_in_each_language(
    client, seeded, lang, heading, plots
):
    html = page_html(client, lang)
    assert f"<h1>{heading}</h1>" in html
    assert f"<h3>{plots}</h3>" in html
    links = {unescape(href) for href in re.findall(r'class="download" href="([^"]+)"', html)}
    for kind in DATASET_KEYS[:-1]:
        for fmt in ("jsonl", "csv", "xlsx"):
            assert f"/api/v1/export/?format={fmt}&kind={kind}" in links
        # The map's GeoJSON holds the searchable kinds (challenges and experts have no map).
        assert (f"/api/v1/geojson/?kind={kind}" in links) == (kind in SEARCHABLE_KINDS)
    assert "/api/v1/export/?format=jsonl" in links  # the whole registry
    for address in (
        "/api/v1/catalog.jsonld",
        "/data.json",
        "/api/v1/docs/",
        "/api/v1/openapi.json",
    ):
        assert f'href="{address}"' in html
    assert 'rel="license">CC BY 4.0</a>' in html
    assert '<link rel="alternate" type="application/ld+json" href="/api/v1/catalog.jsonld"' in html
    # Whether a record is invented is its explicit flag, not a convention on its reference.
    assert "“sample”" in html and "“sample-”" not in html


def test_a_download_link_gives_the_data(client, seeded):
    html = page_html(client, "en")
    [csv_link] = re.findall(r'class="download" href="([^"]+kind=plot)" type="text/csv"', html)
    response = client.get(unescape(csv_link))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dataset_search_engines_find_schema_org_datasets(client, seeded, lang, settings):
    data = structured_data(page_html(client, lang))
    assert data["@context"] == "https://schema.org" and data["@type"] == "DataCatalog"
    assert len(data["dataset"]) == len(ALL_DATASETS)
    for dataset in data["dataset"]:
        assert dataset["@type"] == "Dataset"
        assert dataset["name"] and dataset["description"] and dataset["keywords"]
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["url"].startswith(f"{settings.SITE_URL}/{lang}/open-data/#")
        assert dataset["dateModified"] and dataset["spatialCoverage"]["geo"]["box"]
        assert all(
            d["contentUrl"].startswith(f"{settings.SITE_URL}/") for d in dataset["distribution"]
        )


def test_the_licence_is_the_one_setting(client, seeded, settings):
    settings.OPEN_DATA_LICENCE = CC0
    html = page_html(client, "en")
    assert f'href="{CC0}" rel="license">CC0 1.0</a>' in html
    assert {d["license"] for d in structured_data(html)["dataset"]} == {CC0}


def test_data_shown_on_the_page_is_escaped(client, db, settings):
    settings.OPEN_DATA_CONTACT_EMAIL = 'data@x.invalid"><script>alert(1)</script>'
    html = page_html(client, "en")
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_links_to_the_open_data_page(client, db, lang):
    html = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/open-data/"' in html


def test_the_page_answers_head_and_refuses_posts(client, db):
    assert client.head("/en/open-data/").status_code == 200
    assert client.post("/en/open-data/").status_code == 405


def test_every_link_of_the_page_answers(client, seeded):
    html = page_html(client, "en")
    main = html[html.index("<main") : html.index("</main>")]
    links = {unescape(href) for href in re.findall(r'href="(/[^"]*)"', main)}
    failing = {link: client.get(link).status_code for link in sorted(links)}
    assert {link: status for link, status in failing.items() if status != 200} == {}
