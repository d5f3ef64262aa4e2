"""The catalogue in the Project Open Data v1.1 profile (`/data.json`), the one CKAN's harvester
(ckanext-datajson) and data.gov read. One language per document: `?lang=en`, Vietnamese by
default."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .datasets import (
    AGENCY_NAME,
    PROVINCE_BBOX,
    Dataset,
    in_language_of,
    licence,
    open_data_path,
)

SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"


def _date(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


def _dataset(base: str, dataset: Dataset, lang: str, fallback: datetime) -> dict:
    entry = {
        "@type": "dcat:Dataset",
        "identifier": f"{base}{reverse('api-catalog')}#{dataset.key}",
        "title": dataset.title(lang),
        "description": dataset.description(lang),
        "keyword": dataset.keywords(lang),
        # Required: a kind nobody has published yet takes the catalogue's latest change.
        "modified": _date(dataset.modified or fallback),
        "publisher": {"@type": "org:Organization", "name": in_language_of(AGENCY_NAME, lang)},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": in_language_of(AGENCY_NAME, lang),
            "hasEmail": f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}",
        },
        "accessLevel": "public",
        "license": licence(),
        "landingPage": base + open_data_path(lang),
        "spatial": ",".join(str(degrees) for degrees in PROVINCE_BBOX),
        "language": ["vi", "en"],
        "theme": ["Economy", "Science and technology", "Regions and cities"],
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": f"{dataset.title(lang)} ({item.format.label})",
                "downloadURL": base + item.path,
                "mediaType": item.format.media_type,
                "format": item.format.label,
            }
            for item in dataset.distributions
        ],
    }
    if dataset.issued:
        entry["issued"] = _date(dataset.issued)
    if dataset.issued and dataset.modified:
        entry["temporal"] = f"{_date(dataset.issued)}/{_date(dataset.modified)}"
    return entry


def data_json(base: str, datasets: list[Dataset], lang: str) -> dict:
    changes = [d.modified for d in datasets if d.modified]
    latest = max(changes, default=None) or timezone.now()
    return {
        "@context": f"{SCHEMA}/catalog.jsonld",
        "@id": f"{base}{reverse('data-json')}",
        "@type": "dcat:Catalog",
        "conformsTo": SCHEMA,
        "describedBy": f"{SCHEMA}/catalog.json",
        "dataset": [_dataset(base, dataset, lang, latest) for dataset in datasets],
    }
