"""A search request, parsed and validated once, whichever backend then answers it."""

import math
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.models import (
    Challenge,
    Enterprise,
    Expert,
    Incubator,
    Landmark,
    Plot,
    RDOrganisation,
    Technology,
    Zone,
)
from registry.textfold import fold
from registry.validators import validate_ref

from .documents import INDEXED_KINDS

SORTS = ("relevance", "name", "-area_m2", "-power_capacity_mw", "lease_price_usd_m2", "distance")
MAX_WINDOW = 10_000
MAX_KM = 20_000  # about half the Earth's circumference: no distance is farther
MAX_AREAS = 5  # within=…: more circles than this narrow nothing and only load the search
PARAMETERS = (
    "q",
    "kind",
    "technology",
    "zone",
    "ownership",
    "status",
    "org_kind",
    "zone_kind",
    "challenge_status",
    "challenge_kind",
    "expert_title",
    "accepts_questions",
    "min_area_m2",
    "min_power_mw",
    "near",
    "within_km",
    "within",
    "sort",
    "page",
    "page_size",
    "lang",
)
TECHNOLOGY_CODE = re.compile(r"[a-z_]+(\.[a-z_]+)*")

CHOICES = {
    "kind": set(INDEXED_KINDS),
    "ownership": set(Enterprise.Ownership.values),
    "status": set(Plot.Status.values),
    "org_kind": set(RDOrganisation.OrgKind.values) | set(Incubator.OrgKind.values),
    "zone_kind": set(Zone.ZoneKind.values),
    "challenge_status": set(Challenge.Status.values),
    "challenge_kind": set(Challenge.ChallengeKind.values),
    "expert_title": set(Expert.Title.values),
    "accepts_questions": {"true"},
}


@dataclass(frozen=True)
class Area:
    """A circle a record must lie in: around a landmark or a point."""

    lat: float
    lon: float
    km: float
    landmark: str | None = None

    def as_json(self) -> dict:
        centre = (
            {"landmark": self.landmark}
            if self.landmark
            else {"point": {"lat": self.lat, "lon": self.lon}}
        )
        return {**centre, "km": self.km}


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kind: tuple[str, ...] = ()
    technology: tuple[str, ...] = ()
    zone: tuple[str, ...] = ()
    ownership: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    org_kind: tuple[str, ...] = ()
    zone_kind: tuple[str, ...] = ()
    challenge_status: tuple[str, ...] = ()
    challenge_kind: tuple[str, ...] = ()
    expert_title: tuple[str, ...] = ()
    accepts_questions: tuple[str, ...] = ()
    min_area_m2: float | None = None
    min_power_mw: float | None = None
    near: tuple[float, float] | None = None
    within_km: float | None = None
    areas: tuple[Area, ...] = ()  # within=<landmark>:<km>, all of them
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    with_facets: bool = True  # partner suggestions need only the hits

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()

    def facet_values(self, facet: str) -> tuple[str, ...]:
        return getattr(self, facet)


@dataclass
class Hit:
    kind: str
    ref: str
    name: str
    name_en: str
    score: float | None = None
    distance_km: float | None = None
    description: str = ""
    description_en: str = ""
    location: dict | None = None
    # What a results list shows beside the name (None where the kind has no such field).
    zone: str | None = None
    status: str | None = None
    area_m2: float | None = None
    power_capacity_mw: float | None = None
    code: str | None = None  # a plot's lot code
    lease_price_usd_m2: float | None = None
    sample: bool = False  # an invented record (the interchange `sample` flag)
    # A challenge's or an expert's own facet values (documents.OWN_FACETS), those it has.
    facts: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchResults:
    backend: str
    count: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    took_ms: float | None = None  # time spent inside Elasticsearch, where it reports one


class InvalidQuery(ValueError):
    """Bad parameters: `errors` maps each parameter to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def text_problem(text: str) -> str | None:
    """What is wrong with a text to look for (searched or suggested), or None."""
    if len(text) > 200:
        return _("at most 200 characters")
    if any(ord(ch) < 32 for ch in text):
        return _("control characters are not allowed")
    return None


def parse(params, page_size: int = 20, max_page_size: int = 100) -> SearchQuery:
    """Build a SearchQuery from request parameters (a QueryDict), or raise InvalidQuery.
    `page_size`/`max_page_size`: the default and largest page (a map takes bigger ones)."""
    reader = _ParameterReader(params)
    errors = reader.errors
    for name in sorted(set(params) - set(PARAMETERS)):
        errors[name] = _("unknown parameter")
    text = reader.text()
    values = {name: reader.choices(name, choices) for name, choices in CHOICES.items()}
    technology = reader.technology()
    zone = reader.zones()
    min_area = reader.number("min_area_m2")
    min_power = reader.number("min_power_mw")
    within = reader.number("within_km", 0.001, MAX_KM)
    near = reader.near()
    if within is not None and near is None and "near" not in errors:
        errors["within_km"] = _("needs near=lat,lon")
    areas = reader.areas()
    sort = reader.sort(near)
    page = reader.integer("page", 1, 1, MAX_WINDOW)
    page_size = reader.integer("page_size", page_size, 1, max_page_size)
    if "page" not in errors and "page_size" not in errors and page * page_size > MAX_WINDOW:
        errors["page"] = _("page × page_size may be at most %(max)d") % {"max": MAX_WINDOW}

    if errors:
        raise InvalidQuery(errors)
    return SearchQuery(
        text=text,
        technology=technology,
        zone=zone,
        min_area_m2=min_area,
        min_power_mw=min_power,
        near=near,
        within_km=within,
        areas=areas,
        sort=sort,
        page=page,
        page_size=page_size,
        **values,
    )


class _ParameterReader:
    """Reads one parameter at a time, noting what is wrong in `errors` (parameter -> message)."""

    def __init__(self, params):
        self.params = params
        self.errors: dict[str, str] = {}

    def listed(self, name) -> tuple[str, ...]:
        """The non-empty values given for `name`, without repeats, in their order."""
        return tuple(dict.fromkeys(v for v in self.params.getlist(name) if v))

    def text(self) -> str:
        text = self.params.get("q", "").strip()
        problem = text_problem(text)
        if problem:
            self.errors["q"] = problem
        return text

    def choices(self, name, choices) -> tuple[str, ...]:
        given = self.listed(name)
        bad = [v for v in given if v not in choices]
        if bad:
            self.errors[name] = _("unknown value %(values)s; expected one of: %(allowed)s") % {
                "values": ", ".join(bad),
                "allowed": ", ".join(sorted(choices)),
            }
        return given

    def technology(self) -> tuple[str, ...]:
        technology = self.listed("technology")
        malformed = [code for code in technology if not TECHNOLOGY_CODE.fullmatch(code)]
        if malformed:
            self.errors["technology"] = _("unknown technology code %(codes)s") % {
                "codes": ", ".join(repr(code) for code in malformed)
            }
        elif technology:
            known = set(
                Technology.objects.filter(code__in=technology).values_list("code", flat=True)
            )
            unknown = [code for code in technology if code not in known]
            if unknown:
                self.errors["technology"] = _("unknown technology code %(codes)s") % {
                    "codes": ", ".join(unknown)
                }
        return technology

    def zones(self) -> tuple[str, ...]:
        zone = self.listed("zone")
        for ref in zone:
            try:
                validate_ref(ref)
            except ValidationError:
                self.errors["zone"] = _("%(ref)s is not a valid ref") % {"ref": ref}
        return zone

    def number(self, name, low=0.0, high=math.inf) -> float | None:
        raw = self.params.get(name)
        if raw in (None, ""):
            return None
        try:
            value = float(raw)
        except ValueError:
            self.errors[name] = _("expected a number")
            return None
        if not math.isfinite(value) or not low <= value <= high:
            self.errors[name] = _("must be between %(low)s and %(high)s") % {
                "low": low,
                "high": high,
            }
            return None
        return value

    def integer(self, name, default, low, high) -> int:
        raw = self.params.get(name)
        if raw in (None, ""):
            return default
        # ASCII digits only: str.isdigit() takes "²", which int() refuses; and a bounded length,
        # as int() refuses more than 4,300 digits.
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18) or not low <= int(raw) <= high:
            self.errors[name] = _("expected a whole number from %(low)d to %(high)d") % {
                "low": low,
                "high": high,
            }
            return default
        return int(raw)

    def near(self) -> tuple[float, float] | None:
        if not self.params.get("near"):
            return None
        try:
            lat, lon = (float(p) for p in self.params["near"].split(","))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
        except ValueError:
            self.errors["near"] = _("expected lat,lon in degrees, e.g. 10.78,107.04")
            return None
        return (lat, lon)

    def areas(self) -> tuple[Area, ...]:
        given = self.params.getlist("within")
        if len(given) > MAX_AREAS:
            self.errors["within"] = _("at most %(n)d areas") % {"n": MAX_AREAS}
        areas = []
        for raw in given[:MAX_AREAS]:
            ref, _sep, km = raw.rpartition(":")
            try:
                km = float(km)
                if not (math.isfinite(km) and 0 < km <= MAX_KM):
                    raise ValueError
                validate_ref(ref)  # before the database sees it: PostgreSQL refuses NUL bytes
            except (ValueError, ValidationError):
                self.errors["within"] = _("expected <landmark ref>:<km>, e.g. lt-airport:30")
                continue
            point = Landmark.objects.published().filter(ref=ref).values_list("lat", "lon").first()
            if point is None:
                self.errors["within"] = _("unknown landmark %(ref)s") % {"ref": ref}
                continue
            areas.append(Area(point[0], point[1], km, ref))
        return tuple(areas)

    def sort(self, near) -> str:
        sort = self.params.get("sort") or "relevance"
        if sort not in SORTS:
            self.errors["sort"] = _("expected one of: %(allowed)s") % {"allowed": ", ".join(SORTS)}
        elif sort == "distance" and near is None:
            self.errors["sort"] = _("sorting by distance needs near=lat,lon")
        return sort
