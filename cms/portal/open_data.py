"""The open-data page (/<lang>/open-data/): what the registry offers consumers, under which
licence, in which formats, and where the API and the catalogues are; with schema.org `Dataset`
markup (from the same dataset descriptions as the DCAT-AP catalogue) for dataset search
engines."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Revision

from registry.language import language
from registry.models.indicator import Indicator
from search.catalog.datasets import (
    AGENCY_NAME,
    CATALOG_DESCRIPTION,
    CATALOG_TITLE,
    PROVINCE_BBOX,
    Dataset,
    datasets,
    in_language_of,
    licence,
    site_root,
)
from search.freshness import data_state
from search.indicator_cache import indicators_state

from .kept import kept

# Names of the licences an agency is likely to choose; any other is shown by its address.
LICENCE_NAMES = {
    "https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
    "https://opendatacommons.org/licenses/odbl/1-0/": "ODbL 1.0",
}


def licence_name() -> str:
    return LICENCE_NAMES.get(licence(), licence())


def _schema_dataset(dataset: Dataset, base: str, page_url: str, lang: str) -> dict:
    west, south, east, north = PROVINCE_BBOX
    agency = {"@type": "GovernmentOrganization", "name": in_language_of(AGENCY_NAME, lang)}
    data = {
        "@type": "Dataset",
        "@id": f"{page_url}#{dataset.key}",
        "name": dataset.title(lang),
        "description": dataset.description(lang),
        "url": f"{page_url}#{dataset.key}",
        "identifier": dataset.identifier,
        "keywords": dataset.keywords(lang),
        "license": licence(),
        "isAccessibleForFree": True,
        "inLanguage": ["vi", "en"],
        "creator": agency,
        "publisher": agency,
        # schema.org's box: "south west north east".
        "spatialCoverage": {
            "@type": "Place",
            "name": "Đồng Nai",
            "geo": {"@type": "GeoShape", "box": f"{south} {west} {north} {east}"},
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": item.format.media_type,
                "contentUrl": base + item.path,
                "name": item.format.label,
            }
            for item in dataset.distributions
        ],
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": in_language_of(CATALOG_TITLE, lang),
            "url": base + reverse("api-catalog"),
        },
    }
    if dataset.modified:
        data["dateModified"] = dataset.modified.isoformat(timespec="seconds")
    if dataset.issued:
        data["datePublished"] = dataset.issued.isoformat(timespec="seconds")
    if dataset.issued and dataset.modified:
        data["temporalCoverage"] = f"{dataset.issued.date()}/{dataset.modified.date()}"
    return data


def structured_data(found: list[Dataset], base: str, page_url: str, lang: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "@id": page_url,
        "name": in_language_of(CATALOG_TITLE, lang),
        "description": in_language_of(CATALOG_DESCRIPTION, lang),
        "url": page_url,
        "license": licence(),
        "inLanguage": lang,
        "dataset": [_schema_dataset(d, base, page_url, lang) for d in found],
    }


def kept_datasets() -> list[Dataset]:
    """The catalogue's datasets, counted over every published record, kept until the registry,
    the indicators or their revisions (a draft dates the indicators' dataset too) change."""
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Indicator)
    ).aggregate(n=Count("pk"), latest=Max("created_at"))
    return kept("datasets", datasets, data_state().token, indicators_state(), repr(revisions))


@require_safe
def open_data(request):
    lang = language()
    base = site_root()
    page_url = base + reverse("open-data")
    found = kept_datasets()
    api_root = reverse("api-export").removesuffix("export/")
    context = {
        "datasets": found,
        "dataset_rows": [
            {"dataset": d, "title": d.title(lang), "description": d.description(lang)}
            for d in found
        ],
        "licence_url": licence(),
        "licence_name": licence_name(),
        "contact_email": settings.OPEN_DATA_CONTACT_EMAIL,
        "catalog_url": reverse("api-catalog"),
        "data_json_url": reverse("data-json"),
        "api_docs_url": f"{api_root}docs/",
        "openapi_url": f"{api_root}openapi.json",
        "jsonld": structured_data(found, base, page_url, lang),
        "canonical_url": page_url,
    }
    return TemplateResponse(request, "cms/open_data.html", context)
