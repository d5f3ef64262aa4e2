"""What the catalogue says about each dataset, once, for every way it is written (DCAT-AP,
data.json, the open-data page's schema.org markup): texts in both languages, the downloads, and
the figures taken from the data (record counts, first publication, latest change)."""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import ModelLogEntry, Revision

from registry.addresses import absolute_url
from registry.models import KINDS
from registry.models.indicator import Indicator, IndicatorSnapshot

from ..documents import SEARCHABLE_KINDS

WHOLE_REGISTRY = "registry"
INDICATORS = "indicators"
LANGUAGES = ("vi", "en")
# The open-data page, named here and provided by the portal's URLconf (as record pages are).
OPEN_DATA_ROUTE = "open-data"

# Đồng Nai as merged in July 2025 (with the former Bình Phước): an approximate bounding box,
# west, south, east, north in degrees (WGS 84).
PROVINCE_BBOX = (106.35, 10.5, 107.65, 12.3)
PROVINCE_NAME = {"vi": "Tỉnh Đồng Nai, Việt Nam", "en": "Đồng Nai province, Viet Nam"}

AGENCY_NAME = _("Đồng Nai Provincial Investment Agency")
CATALOG_TITLE = _("Open data of the Đồng Nai Digital Hub registry")
CATALOG_DESCRIPTION = _(
    "The registry of Đồng Nai's digital-technology ecosystem, curated by the provincial investment "
    "agency: zones and parks, land plots, enterprises and startups, R&D organisations, "
    "incubators, accelerators and funds. Published records only; no personal data."
)


@dataclass(frozen=True)
class Format:
    """A download format: its label, the media type served, and the IANA and EU vocabulary
    URIs that name it (None where the vocabulary has none)."""

    key: str
    label: str
    media_type: str
    iana: str | None
    eu_file_type: str | None


IANA = "https://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FORMATS = {
    # JSON Lines has no registered media type yet; the export serves application/x-ndjson.
    "jsonl": Format("jsonl", "JSON Lines", "application/x-ndjson", None, None),
    "csv": Format("csv", "CSV", "text/csv", f"{IANA}text/csv", f"{EU_FILE_TYPE}CSV"),
    "xlsx": Format(
        "xlsx",
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{IANA}application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{EU_FILE_TYPE}XLSX",
    ),
    "json": Format(
        "json", "JSON", "application/json", f"{IANA}application/json", f"{EU_FILE_TYPE}JSON"
    ),
    "geojson": Format(
        "geojson",
        "GeoJSON",
        "application/geo+json",
        f"{IANA}application/geo+json",
        f"{EU_FILE_TYPE}GEOJSON",
    ),
}

# Title, description and keywords of each dataset.
TEXTS = {
    "zone": (
        pgettext_lazy("dataset", "Zones and parks"),
        _(
            "Industrial parks, IT parks and high-tech zones of Đồng Nai: type, total and "
            "available area, technologies, location and outline."
        ),
        (_("industrial parks"), _("IT parks"), _("high-tech zones"), _("investment")),
    ),
    "plot": (
        pgettext_lazy("dataset", "Land plots"),
        _(
            "Land plots offered to investors in Đồng Nai's zones: status, area, power capacity "
            "and feeds, price, suitable uses and location."
        ),
        (_("land plots"), _("industrial land"), _("power capacity"), _("investment")),
    ),
    "enterprise": (
        pgettext_lazy("dataset", "Enterprises and startups"),
        _(
            "Digital-technology enterprises and startups in Đồng Nai: ownership, origin, "
            "value-chain roles, technologies, zone and location."
        ),
        (_("enterprises"), _("startups"), _("semiconductors"), _("digital technology")),
    ),
    "rd_organisation": (
        pgettext_lazy("dataset", "R&D organisations"),
        _(
            "Universities, institutes and laboratories of Đồng Nai doing research and "
            "development: type, researchers, services offered, laboratories."
        ),
        (_("research and development"), _("universities"), _("laboratories")),
    ),
    "incubator": (
        pgettext_lazy("dataset", "Incubators, accelerators and funds"),
        _(
            "Incubators, accelerators and venture funds supporting Đồng Nai's startups: type, "
            "fund size, ticket sizes, technologies."
        ),
        (_("incubators"), _("accelerators"), _("venture capital"), _("startups")),
    ),
    "challenge": (
        pgettext_lazy("dataset", "Challenges"),
        _(
            "Tasks the province commissions, enterprises' technology needs and training needs "
            "in Đồng Nai: type, status, who posted it, deadline, budget, who may answer and who "
            "was awarded it."
        ),
        (_("commissioned tasks"), _("technology needs"), _("training needs"), _("innovation")),
    ),
    "expert": (
        pgettext_lazy("dataset", "Experts"),
        _(
            "The province's network of experts: title, affiliation, fields of expertise, "
            "languages and whether they accept questions. Only profiles whose owners consented "
            "to publication are published (Decree 13/2023), and no contact details: no e-mail, "
            "phone or address."
        ),
        (_("experts"), _("expertise"), _("four-party linkage")),
    ),
    WHOLE_REGISTRY: (
        pgettext_lazy("dataset", "The whole registry"),
        _(
            "Every published record of the registry in one file: landmarks, zones, plots, "
            "enterprises, R&D organisations, incubators, accelerators and funds."
        ),
        (_("digital technology"), _("investment"), _("innovation ecosystem")),
    ),
    INDICATORS: (
        pgettext_lazy("dataset", "Resolution 57 indicators"),
        _(
            "The targets of the province's plan under Resolution 57-NQ/TW and where each "
            "stands: values computed from the registry's published records and figures "
            "reported by the agency, each with its source, targets by year and history."
        ),
        # In a context of their own: other parts may translate these words apart (a model's name).
        (
            pgettext_lazy("dataset keyword", "Resolution 57"),
            pgettext_lazy("dataset keyword", "indicators"),
            pgettext_lazy("dataset keyword", "digital transformation"),
            pgettext_lazy("dataset keyword", "innovation"),
        ),
    ),
}
COMMON_KEYWORDS = ("Đồng Nai", _("open data"))


@dataclass
class Distribution:
    format: Format
    path: str  # below the site's root, with its query string


@dataclass
class Dataset:
    key: str  # a kind, or WHOLE_REGISTRY
    kinds: tuple[str, ...]
    records: int
    issued: datetime | None  # the first publication of a record
    modified: datetime | None  # the latest publication, unpublication or deletion
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def identifier(self) -> str:
        return f"dnhub-{self.key}"

    def title(self, lang: str) -> str:
        return in_language_of(TEXTS[self.key][0], lang)

    def description(self, lang: str) -> str:
        return in_language_of(TEXTS[self.key][1], lang)

    def keywords(self, lang: str) -> list[str]:
        return [in_language_of(word, lang) for word in (*TEXTS[self.key][2], *COMMON_KEYWORDS)]


def in_language_of(text, lang: str) -> str:
    with translation.override(lang):
        return str(text)


def in_both(text) -> dict[str, str]:
    """A translatable text in each of the catalogue's languages."""
    return {lang: in_language_of(text, lang) for lang in LANGUAGES}


def site_root() -> str:
    """The scheme and host every absolute address of the catalogue starts with: the site's one
    canonical address, whichever host the request came in by."""
    return absolute_url("/").rstrip("/")


def licence() -> str:
    return settings.OPEN_DATA_LICENCE


def open_data_path(lang: str) -> str:
    with translation.override(lang):
        return reverse(OPEN_DATA_ROUTE)


def _export(**params) -> str:
    return f"{reverse('api-export')}?{urlencode(params)}"


def _geojson(**params) -> str:
    query = urlencode(params)
    return f"{reverse('api-geojson')}{'?' if query else ''}{query}"


def _distributions(key: str) -> list[Distribution]:
    if key == WHOLE_REGISTRY:
        paths = [
            ("jsonl", _export(format="jsonl")),
            ("xlsx", _export(format="xlsx")),
            ("geojson", _geojson()),
        ]
    else:
        paths = [
            ("jsonl", _export(format="jsonl", kind=key)),
            ("csv", _export(format="csv", kind=key)),
            ("xlsx", _export(format="xlsx", kind=key)),
        ]
        if key in SEARCHABLE_KINDS:  # the map's GeoJSON holds the searchable kinds only
            paths.append(("geojson", _geojson(kind=key)))
    return [Distribution(FORMATS[fmt], path) for fmt, path in paths]


def _removals() -> dict[str, datetime]:
    """Kind -> when a record of it was last unpublished or deleted (Wagtail's audit log): the
    dataset changed then too, though no published record says so."""
    types = ContentType.objects.get_for_models(*KINDS.values())
    kind_of = {content_type.pk: model.kind for model, content_type in types.items()}
    latest = (
        ModelLogEntry.objects.filter(
            content_type__in=kind_of, action__in=("wagtail.unpublish", "wagtail.delete")
        )
        .values("content_type")
        .annotate(latest=Max("timestamp"))
    )
    return {kind_of[row["content_type"]]: row["latest"] for row in latest}


def _figures(model, removed: datetime | None) -> tuple[int, datetime | None, datetime | None]:
    """A kind's published records: how many, the first publication, the latest change."""
    figures = model.objects.published().aggregate(
        records=Count("pk"), first=Min("first_published_at"), latest=Max("last_published_at")
    )
    changes = [moment for moment in (figures["latest"], removed) if moment]
    return figures["records"], figures["first"], max(changes, default=None)


def _combined(figures) -> tuple[int, datetime | None, datetime | None]:
    issued = [first for _count, first, _latest in figures if first]
    modified = [latest for _count, _first, latest in figures if latest]
    return (
        sum(count for count, _first, _latest in figures),
        min(issued, default=None),
        max(modified, default=None),
    )


def _indicators_dataset(registry_issued, registry_modified) -> Dataset:
    """The indicators change when the agency edits one (a revision, as the admin and the write
    endpoints save them), when a snapshot is taken, and, for those computed from the registry,
    whenever the registry does."""
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Indicator)
    ).aggregate(first=Min("created_at"), latest=Max("created_at"))
    snapshots = IndicatorSnapshot.objects.aggregate(first=Min("taken_at"), latest=Max("taken_at"))
    firsts = [revisions["first"], snapshots["first"], registry_issued]
    latests = [revisions["latest"], snapshots["latest"], registry_modified]
    listing = reverse("api-indicators")
    return Dataset(
        INDICATORS,
        (),
        Indicator.objects.count(),
        min((t for t in firsts if t), default=None),
        max((t for t in latests if t), default=None),
        [
            Distribution(FORMATS["json"], listing),
            Distribution(FORMATS["csv"], f"{listing}?format=csv"),
            Distribution(FORMATS["xlsx"], f"{listing}?format=xlsx"),
        ],
    )


# Challenges and experts (issue #16) are datasets whether or not search holds them yet.
DATASET_KINDS = tuple(dict.fromkeys((*SEARCHABLE_KINDS, "challenge", "expert")))


def datasets() -> list[Dataset]:
    """One dataset per searchable kind and per kind of issue #16, the whole registry
    (landmarks included), then the Resolution 57 indicators."""
    removals = _removals()
    figures = {kind: _figures(model, removals.get(kind)) for kind, model in KINDS.items()}
    found = [Dataset(kind, (kind,), *figures[kind], _distributions(kind)) for kind in DATASET_KINDS]
    whole = _combined(figures.values())
    found.append(Dataset(WHOLE_REGISTRY, tuple(KINDS), *whole, _distributions(WHOLE_REGISTRY)))
    found.append(_indicators_dataset(whole[1], whole[2]))
    return found
