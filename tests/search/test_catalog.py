"""Issue 13, item 4: the dataset catalogue a harvester reads. The DCAT-AP 3 JSON-LD is read the
way a harvester reads it, with a JSON-LD processor (pyld) that may fetch nothing; every dataset
has the properties DCAT-AP asks for; every download it lists answers; data.json carries the
Project Open Data v1.1 fields CKAN's harvester requires; the licence is one setting."""

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db.models import F
from pyld import jsonld
from wagtail.actions.unpublish import UnpublishAction

from registry.models import Plot, Zone
from search.catalog.datasets import DATASET_KINDS
from search.documents import SEARCHABLE_KINDS
from tests.conftest import PLOT, ZONE

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
IANA = "https://www.iana.org/assignments/media-types/"
DATASET_KEYS = [*DATASET_KINDS, "registry"]  # the registry's datasets
ALL_DATASETS = [*DATASET_KEYS, "indicators"]  # and the Resolution 57 indicators (issue 15)


def no_network(url, options=None):
    raise AssertionError(f"the catalogue made the JSON-LD processor fetch {url}")


def read_catalog(client, **headers) -> dict:
    response = client.get("/api/v1/catalog.jsonld", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


def graph(document: dict) -> dict[str, dict]:
    """The catalogue flattened by pyld: node id -> node (blank nodes included)."""
    flat = jsonld.flatten(document, None, {"documentLoader": no_network})
    return {node["@id"]: node for node in flat}


def of_type(nodes: dict, type_iri: str) -> list[dict]:
    return [node for node in nodes.values() if type_iri in node.get("@type", [])]


def values(node: dict, prop: str) -> list:
    return node.get(prop, [])


def linked(nodes: dict, node: dict, prop: str) -> list[dict]:
    return [nodes.get(ref["@id"], ref) for ref in values(node, prop)]


def languages(node: dict, prop: str) -> set[str]:
    return {literal.get("@language") for literal in values(node, prop) if literal.get("@value")}


def distribution_urls(nodes: dict) -> list[str]:
    return sorted(
        {
            ref["@id"]
            for node in of_type(nodes, f"{DCAT}Distribution")
            for ref in values(node, f"{DCAT}downloadURL") + values(node, f"{DCAT}accessURL")
        }
    )


def test_every_dataset_has_what_dcat_ap_asks_for(client, seeded):
    nodes = graph(read_catalog(client))
    [catalog] = of_type(nodes, f"{DCAT}Catalog")
    assert languages(catalog, f"{DCT}title") == {"vi", "en"}
    datasets = linked(nodes, catalog, f"{DCAT}dataset")
    identifiers = {values(d, f"{DCT}identifier")[0]["@value"] for d in datasets}
    assert identifiers == {f"dnhub-{key}" for key in ALL_DATASETS}
    for dataset in datasets:
        name = values(dataset, f"{DCT}identifier")[0]["@value"]
        assert languages(dataset, f"{DCT}title") == {"vi", "en"}, name
        assert languages(dataset, f"{DCT}description") == {"vi", "en"}, name
        assert languages(dataset, f"{DCAT}keyword") == {"vi", "en"}, name
        [publisher] = linked(nodes, dataset, f"{DCT}publisher")
        assert {f"{FOAF}Agent", f"{FOAF}Organization"} <= set(publisher["@type"])
        assert languages(publisher, f"{FOAF}name") == {"vi", "en"}
        [contact] = linked(nodes, dataset, f"{DCAT}contactPoint")
        assert values(contact, f"{VCARD}hasEmail")[0]["@id"].startswith("mailto:")
        for prop in ("modified", "issued", "spatial", "temporal", "accessRights"):
            assert values(dataset, f"{DCT}{prop}"), (name, prop)
        assert values(dataset, f"{DCAT}theme") and values(dataset, f"{DCAT}landingPage"), name
        places = [n for n in linked(nodes, dataset, f"{DCT}spatial") if n.get(f"{DCAT}bbox")]
        assert places and "POLYGON((" in values(places[0], f"{DCAT}bbox")[0]["@value"]
        [period] = linked(nodes, dataset, f"{DCT}temporal")
        assert values(period, f"{DCAT}startDate") and values(period, f"{DCAT}endDate")
        formats = set()
        for distribution in linked(nodes, dataset, f"{DCAT}distribution"):
            assert values(distribution, f"{DCAT}accessURL"), name
            assert values(distribution, f"{DCAT}downloadURL"), name
            assert values(distribution, f"{DCT}license")[0]["@id"] == CC_BY
            formats.add(urlsplit(values(distribution, f"{DCAT}downloadURL")[0]["@id"]).query)
        # CSV holds one kind; the indicators are JSON, CSV and XLSX; the map's GeoJSON holds
        # the searchable kinds only.
        searchable = name.removeprefix("dnhub-") in SEARCHABLE_KINDS
        expected = 4 if searchable else 3
        assert len(formats) == expected, (name, formats)


def test_the_catalogue_is_absolute_on_the_sites_canonical_address(client, seeded, settings):
    settings.SITE_URL = "https://dnhub.example"
    nodes = graph(read_catalog(client, HTTP_HOST="testserver"))
    addresses = distribution_urls(nodes)
    assert addresses and all(a.startswith("https://dnhub.example/") for a in addresses)


def test_the_downloads_offer_every_format_of_each_kind(client, seeded):
    nodes = graph(read_catalog(client))
    media = {
        ref["@id"].rsplit("/", 1)[-1]
        for node in of_type(nodes, f"{DCAT}Distribution")
        for ref in values(node, f"{DCAT}mediaType")
    }
    assert {"csv", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "geo+json"} <= media
    paths = {urlsplit(url).path + "?" + urlsplit(url).query for url in distribution_urls(nodes)}
    for kind in SEARCHABLE_KINDS:
        assert f"/api/v1/export/?format=jsonl&kind={kind}" in paths
        assert f"/api/v1/export/?format=csv&kind={kind}" in paths
        assert f"/api/v1/export/?format=xlsx&kind={kind}" in paths
        assert f"/api/v1/geojson/?kind={kind}" in paths
    for kind in DATASET_KINDS:
        assert f"/api/v1/export/?format=xlsx&kind={kind}" in paths


def test_every_address_the_catalogue_lists_answers(client, seeded):
    document = read_catalog(client)
    nodes = graph(document)
    addresses = distribution_urls(nodes) + [
        ref["@id"]
        for node in of_type(nodes, f"{DCAT}DataService")
        for ref in values(node, f"{DCAT}endpointDescription")
    ]
    failing = {}
    for address in addresses:
        parts = urlsplit(address)
        status = client.get(f"{parts.path}?{parts.query}").status_code
        if status != 200:
            failing[address] = status
    assert failing == {}


def test_the_catalogue_names_no_person_and_states_one_licence(client, seeded, settings):
    settings.OPEN_DATA_LICENCE = CC0
    document = read_catalog(client)
    nodes = graph(document)
    licences = {ref["@id"] for node in nodes.values() for ref in values(node, f"{DCT}license")}
    assert licences == {CC0}
    pod = client.get("/data.json").json()
    assert {d["license"] for d in pod["dataset"]} == {CC0}
    emails = {ref["@id"] for node in nodes.values() for ref in values(node, f"{VCARD}hasEmail")}
    assert emails == {f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}"}


POD_REQUIRED = {
    "title",
    "description",
    "keyword",
    "modified",
    "publisher",
    "contactPoint",
    "identifier",
    "accessLevel",
    "license",
    "distribution",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_data_json_has_the_fields_ckan_harvests(client, seeded, lang, settings):
    response = client.get("/data.json", {"lang": lang})
    assert response.status_code == 200
    catalog = response.json()
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert len(catalog["dataset"]) == len(ALL_DATASETS)
    identifiers = [d["identifier"] for d in catalog["dataset"]]
    assert len(set(identifiers)) == len(identifiers)
    for dataset in catalog["dataset"]:
        assert set(dataset) >= POD_REQUIRED, POD_REQUIRED - set(dataset)
        assert all(dataset[name] for name in POD_REQUIRED)
        assert dataset["accessLevel"] == "public"
        assert dataset["license"] == CC_BY
        assert dataset["publisher"]["name"]
        assert dataset["contactPoint"]["fn"]
        assert dataset["contactPoint"]["hasEmail"].startswith("mailto:")
        for distribution in dataset["distribution"]:
            assert distribution["downloadURL"].startswith(f"{settings.SITE_URL}/api/v1/")
            assert distribution["mediaType"] and distribution["format"]
    titles = {d["title"] for d in catalog["dataset"]}
    assert ("Land plots" in titles) == (lang == "en")
    assert ("Lô đất" in titles) == (lang == "vi")


def dataset_modified(client, key: str) -> str | None:
    catalog = json.loads(client.get("/api/v1/catalog.jsonld").content)
    [dataset] = [d for d in catalog["dcat:dataset"] if d["dct:identifier"] == f"dnhub-{key}"]
    return dataset.get("dct:modified", {}).get("@value")


def published_a_day_ago(*models) -> None:
    """Dates are given to the second: earlier publications are moved back a day."""
    for model in models:
        model.objects.update(
            first_published_at=F("first_published_at") - timedelta(days=1),
            last_published_at=F("last_published_at") - timedelta(days=1),
        )


def test_modified_follows_the_latest_change_of_the_kind(client, db, publish):
    publish(ZONE, PLOT)
    published_a_day_ago(Zone, Plot)
    zone_before, plot_before = dataset_modified(client, "zone"), dataset_modified(client, "plot")
    whole_before = dataset_modified(client, "registry")
    assert zone_before and plot_before and whole_before

    publish({**PLOT, "ref": "test-a02", "code": "A02"})
    plot_after = dataset_modified(client, "plot")
    assert plot_after > plot_before
    assert dataset_modified(client, "zone") == zone_before  # nothing changed there
    assert dataset_modified(client, "registry") == plot_after > whole_before

    # Taking a record off the site changes the dataset too.
    published_a_day_ago(Plot)
    plot_before = dataset_modified(client, "plot")
    UnpublishAction(Plot.objects.get(ref="test-a02")).execute(skip_permission_checks=True)
    assert dataset_modified(client, "plot") > plot_before


def test_an_empty_kind_still_has_a_modified_date_in_data_json(client, db, publish):
    publish(ZONE)  # no plot published yet
    assert dataset_modified(client, "plot") is None
    plots = next(
        d for d in client.get("/data.json").json()["dataset"] if "#plot" in d["identifier"]
    )
    assert plots["modified"]


@pytest.mark.parametrize("path", ["/api/v1/catalog.jsonld", "/data.json"])
def test_the_catalogues_answer_head_and_refuse_writes(client, db, path):
    assert client.head(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 405 and response.json()["error"]["code"]


def test_the_indicators_are_a_dataset_with_json_csv_and_xlsx(client, db, publish):
    """Issue 15, item 5: the Resolution 57 indicators in the catalogues, each download
    answering in its media type; `modified` moves when the agency reports a value."""
    from registry.models.indicator import Indicator

    publish(ZONE)
    published_a_day_ago(Zone)  # dates have whole seconds: the report below comes later
    population = Indicator.objects.create(
        code="population", name="Dân số", name_en="Population", unit="people",
        origin="agency", theme="context",
    )  # fmt: skip
    catalog = read_catalog(client)
    [dataset] = [d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "dnhub-indicators"]
    assert {t["@value"] for t in dataset["dct:title"]} == {
        "Chỉ tiêu Nghị quyết 57",
        "Resolution 57 indicators",
    }
    media = {}
    for item in dataset["dcat:distribution"]:
        parts = urlsplit(item["dcat:downloadURL"]["@id"])
        response = client.get(f"{parts.path}?{parts.query}")
        assert response.status_code == 200
        media[item["dcat:mediaType"]["@id"].removeprefix(IANA)] = response["Content-Type"]
    assert sorted(media) == [
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/csv",
    ]
    assert all(served.startswith(declared) for declared, served in media.items())
    before = dataset["dct:modified"]["@value"]
    population.save_revision(log_action=True)  # as the admin and the API save a new value
    assert dataset_modified(client, "indicators") > before
    pod = client.get("/data.json", {"lang": "en"}).json()
    [entry] = [d for d in pod["dataset"] if d["identifier"].endswith("#indicators")]
    assert {d["mediaType"] for d in entry["distribution"]} >= {"application/json", "text/csv"}
