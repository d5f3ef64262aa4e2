"""The catalogue as DCAT-AP 3 in JSON-LD (served at /api/v1/catalog.jsonld). The context is
inline and holds prefixes only: every IRI is an `@id` and every date a typed literal, so a
JSON-LD processor reads it without fetching anything and without guessing."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from .datasets import (
    AGENCY_NAME,
    CATALOG_DESCRIPTION,
    CATALOG_TITLE,
    LANGUAGES,
    PROVINCE_BBOX,
    PROVINCE_NAME,
    Dataset,
    Distribution,
    in_both,
    licence,
    open_data_path,
)

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "locn": "http://www.w3.org/ns/locn#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
THEMES = [f"{EU}data-theme/ECON", f"{EU}data-theme/TECH", f"{EU}data-theme/REGI"]
EU_LANGUAGES = {"vi": f"{EU}language/VIE", "en": f"{EU}language/ENG"}
REGIONAL_AUTHORITY = "http://purl.org/adms/publishertype/RegionalAuthority"


def iri(address: str) -> dict:
    return {"@id": address}


def tagged(text) -> list[dict]:
    """A translatable text as one language-tagged literal per language."""
    return [{"@value": value, "@language": lang} for lang, value in in_both(text).items()]


def date_time(moment: datetime) -> dict:
    return {"@value": moment.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def bbox_wkt() -> str:
    west, south, east, north = PROVINCE_BBOX
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return "POLYGON((" + ", ".join(f"{lon} {lat}" for lon, lat in ring) + "))"


def publisher(base: str) -> dict:
    return {
        "@id": f"{base}/#publisher",
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": tagged(AGENCY_NAME),
        "foaf:homepage": iri(f"{base}/"),
        "dct:type": iri(REGIONAL_AUTHORITY),
    }


def contact_point(base: str) -> dict:
    """The agency's own public mailbox and page (OPEN_DATA_CONTACT_EMAIL): never a person."""
    return {
        "@type": "vcard:Organization",
        "vcard:fn": tagged(AGENCY_NAME),
        "vcard:hasEmail": iri(f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}"),
        "vcard:hasURL": iri(base + open_data_path("vi")),
    }


def spatial() -> list[dict]:
    return [
        {
            "@type": "dct:Location",
            "locn:geographicName": [
                {"@value": name, "@language": lang} for lang, name in PROVINCE_NAME.items()
            ],
            "dcat:bbox": {"@value": bbox_wkt(), "@type": "gsp:wktLiteral"},
        },
        iri(f"{EU}country/VNM"),
    ]


def licence_document() -> dict:
    return {"@id": licence(), "@type": "dct:LicenseDocument"}


def distribution(base: str, dataset: Dataset, item: Distribution) -> dict:
    fmt = item.format
    node = {
        "@id": f"{base}{reverse('api-catalog')}#{dataset.key}-{fmt.key}",
        "@type": "dcat:Distribution",
        "dct:title": [
            {"@value": f"{dataset.title(lang)} ({fmt.label})", "@language": lang}
            for lang in LANGUAGES
        ],
        "dcat:accessURL": iri(base + item.path),
        "dcat:downloadURL": iri(base + item.path),
        "dct:license": licence_document(),
    }
    if fmt.eu_file_type:
        node["dct:format"] = iri(fmt.eu_file_type)
    if fmt.iana:
        node["dcat:mediaType"] = iri(fmt.iana)
    return node


def temporal(dataset: Dataset) -> dict | None:
    """The period the records describe: from the first publication to the latest change."""
    if not (dataset.issued and dataset.modified):
        return None
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": date_time(dataset.issued),
        "dcat:endDate": date_time(dataset.modified),
    }


def dataset_node(base: str, dataset: Dataset) -> dict:
    node = {
        "@id": f"{base}{reverse('api-catalog')}#{dataset.key}",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.identifier,
        "dct:title": tagged_pair(dataset.title),
        "dct:description": tagged_pair(dataset.description),
        "dcat:keyword": [
            {"@value": word, "@language": lang}
            for lang in LANGUAGES
            for word in dataset.keywords(lang)
        ],
        "dcat:theme": [iri(theme) for theme in THEMES],
        "dct:publisher": iri(f"{base}/#publisher"),
        "dcat:contactPoint": contact_point(base),
        "dct:spatial": spatial(),
        "dct:language": [iri(EU_LANGUAGES[lang]) for lang in LANGUAGES],
        "dct:accessRights": iri(f"{EU}access-right/PUBLIC"),
        "dcat:landingPage": [iri(base + open_data_path(lang)) for lang in LANGUAGES],
        "dcat:distribution": [distribution(base, dataset, item) for item in dataset.distributions],
    }
    if dataset.issued:
        node["dct:issued"] = date_time(dataset.issued)
    if dataset.modified:
        node["dct:modified"] = date_time(dataset.modified)
    if period := temporal(dataset):
        node["dct:temporal"] = period
    return node


def tagged_pair(text_in) -> list[dict]:
    return [{"@value": text_in(lang), "@language": lang} for lang in LANGUAGES]


def api_service(base: str, datasets: list[Dataset]) -> dict:
    """The search API, described by its OpenAPI document, serving every dataset."""
    api_root = reverse("api-export").removesuffix("export/")
    return {
        "@id": f"{base}{api_root}",
        "@type": "dcat:DataService",
        "dct:title": [
            {"@value": "API Đồng Nai Digital Hub", "@language": "vi"},
            {"@value": "Đồng Nai Digital Hub API", "@language": "en"},
        ],
        "dcat:endpointURL": iri(f"{base}{api_root}"),
        "dcat:endpointDescription": iri(f"{base}{api_root}openapi.json"),
        "dcat:servesDataset": [iri(f"{base}{reverse('api-catalog')}#{d.key}") for d in datasets],
        "dct:license": licence_document(),
    }


def catalog(base: str, datasets: list[Dataset]) -> dict:
    """The whole catalogue; `base` is the site's root (datasets.site_root)."""
    changes = [d.modified for d in datasets if d.modified]
    firsts = [d.issued for d in datasets if d.issued]
    document = {
        "@context": CONTEXT,
        "@id": f"{base}{reverse('api-catalog')}",
        "@type": "dcat:Catalog",
        "dct:title": tagged(CATALOG_TITLE),
        "dct:description": tagged(CATALOG_DESCRIPTION),
        "dct:publisher": publisher(base),
        "foaf:homepage": iri(base + open_data_path("vi")),
        "dct:license": licence_document(),
        "dct:language": [iri(EU_LANGUAGES[lang]) for lang in LANGUAGES],
        "dct:spatial": spatial(),
        "dcat:themeTaxonomy": iri(f"{EU}data-theme"),
        "dcat:dataset": [dataset_node(base, dataset) for dataset in datasets],
        "dcat:service": [api_service(base, datasets)],
    }
    if firsts:
        document["dct:issued"] = date_time(min(firsts))
    if changes:
        document["dct:modified"] = date_time(max(changes))
    return document
