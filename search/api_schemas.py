"""What each API endpoint answers, declared once for django-ninja: the OpenAPI document's response
schemas are generated from these classes (the views build the JSON; schemathesis checks, in
tests/search/test_openapi_conformance.py, that every answer fits its schema)."""

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from registry.models import KINDS

from .api_params import one_of

Kind = one_of(KINDS)
Backend = Literal["database", "elasticsearch"]


class Problem(Schema):
    code: str = Field(
        description="invalid_parameter, invalid_body, invalid_request, not_found, "
        "method_not_allowed, too_large, moved, server_error"
    )
    message: str = Field(description="What went wrong, in the request's language.")
    fields: dict[str, str] | None = Field(
        None, description="Each bad parameter (or body field, by its path) and what is wrong."
    )


class Error(Schema):
    """Every error the API answers (4xx and 5xx)."""

    error: Problem


class Links(Schema):
    """Absolute addresses of the neighbouring pages, with the same parameters."""

    self: str
    first: str
    last: str
    prev: str | None = Field(description="None on the first page.")
    next: str | None = Field(description="None on the last page.")


class SearchHit(Schema):
    kind: Kind
    ref: str
    name: str
    name_en: str | None
    url: str = Field(description="The record's page on the portal, in the request's language.")
    score: float | None = Field(description="Relevance (None when sorted otherwise).")
    snippet: str = Field(description="Plain text around the words found (not HTML).")
    distance_km: float | None = Field(description="From near=, when given.")
    sample: bool = Field(description="An invented demonstration record.")
    challenge_status: str | None = Field(description="A challenge's status; None for others.")
    challenge_kind: str | None = Field(description="A challenge's type; None for others.")
    expert_title: str | None = Field(description="An expert's title, when given.")
    accepts_questions: bool | None = Field(
        description="Whether an expert takes visitors' questions; None for other kinds."
    )


class SearchResponse(Schema):
    backend: Backend
    count: int = Field(ge=0, description="Records found in all (every page).")
    page: int = Field(ge=1)
    page_size: int = Field(ge=1)
    results: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(
        description="For each facet, the count of records found per value."
    )
    links: Links


class Suggestion(Schema):
    kind: Kind
    ref: str
    name: str
    name_en: str | None
    url: str


class SuggestResponse(Schema):
    backend: Backend
    results: list[Suggestion]


class Record(Schema):
    """One published record in the interchange format (docs/; its JSON Schema names every field
    of each kind), with its page on the portal and distances to the landmarks."""

    model_config = ConfigDict(extra="allow")

    kind: Kind
    ref: str
    url: str
    distances_km: dict[str, float] | None = None


class PointGeometry(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2, description="[lon, lat]")


class PolygonGeometry(Schema):
    type: Literal["Polygon"]
    coordinates: list[list[list[float]]] = Field(
        description="Rings of [lon, lat], the outer one counter-clockwise (RFC 7946)."
    )


class Feature(Schema):
    type: Literal["Feature"]
    id: str = Field(description="kind:ref, or zone:ref:boundary for an outline.")
    geometry: PointGeometry | PolygonGeometry
    properties: dict[str, Any] = Field(
        description="The same properties on every feature, each of one type or null."
    )


class FeatureCollection(Schema):
    """RFC 7946, one named layer: the records found with a location, then what `include` asks
    for."""

    type: Literal["FeatureCollection"]
    name: str = Field(description="The layer's name (GDAL's layer name).")
    backend: Backend
    count: int = Field(ge=0, description="The features in this answer.")
    matched: int = Field(ge=0, description="The records the search matched.")
    without_location: int = Field(ge=0, description="Records on this page without a location.")
    page: int = Field(ge=1)
    page_size: int = Field(ge=1)
    next: str | None
    previous: str | None
    features: list[Feature]
    landmarks: list[Feature] | None = Field(
        default=None, description="Without include=landmarks: the landmarks, apart."
    )


class Location(Schema):
    lat: float
    lon: float


class MatchedPlot(Schema):
    kind: Literal["plot"]
    ref: str
    code: str | None
    name: str
    name_en: str | None
    zone: str | None
    url: str
    location: Location
    score: float
    criteria: list[dict[str, Any]] = Field(description="Each criterion, its points and why.")
    distances_km: dict[str, float]
    sample: bool = Field(description="An invented demonstration plot.")


class Partner(Schema):
    kind: Kind
    ref: str
    name: str
    name_en: str | None
    url: str
    distance_km: float | None
    reason: str


class MatchResponse(Schema):
    backend: Backend
    profile: str | None
    count: int = Field(ge=0)
    results: list[MatchedPlot]
    partners: dict[str, list[Partner]]
    warnings: list[str]


class MatchProfiles(Schema):
    profiles: list[dict[str, Any]]
    requirement_keys: list[str]
    prefer: dict[str, Any]


# 412 (a failed If-Match) and 429 (the throttle, with Retry-After) come from the HTTP layer in
# front of every endpoint (cms/api_edge); a 304 has no body.
ERRORS = {400: Error, 404: Error, 405: Error, 412: Error, 429: Error}


class IndicatorTarget(Schema):
    year: int
    comparison: Literal["gte", "gt", "lte", "lt", "between", "eq"] = Field(
        description="gte: at least, gt: more than, lte: at most, lt: less than, between "
        "(value to value_max), eq: equal to."
    )
    value: float
    value_max: float | None = Field(description="The upper end of a `between` range, else null.")


class Indicator(Schema):
    """A Resolution 57 indicator: its current value, targets and status."""

    code: str = Field(description="Stable key, e.g. rnd_workforce_per_10k.")
    name: str = Field(description="In the request's language.")
    unit: Literal["count", "percent", "percent_per_year", "per_10k", "people", "yes_no", "index"]
    value: float | None = Field(description="The current value; null: no data yet.")
    as_of: str | None = Field(
        description="The date the value describes (YYYY-MM-DD); today for registry figures."
    )
    origin: Literal["registry", "agency"] = Field(
        description="registry: computed live from the published records; agency: reported by "
        "the agency, each value with its source."
    )
    targets: list[IndicatorTarget] = Field(description="By year.")
    status: Literal["on_track", "behind", "no_data"]
    source: str = Field(description="Where the value comes from (registry: in `lang`).")
    records_counted: int | None = Field(
        description="Registry figures: the records the computation counted."
    )
    records_unknown: int | None = Field(
        description="Registry figures: records left out because the value is unknown."
    )
    description: str = Field(description="In the request's language.")
    direction: Literal["higher", "lower"] = Field(description="Which way is better.")
    theme: str = Field(description="The part of the plan it belongs to.")
    plan_clause: str = Field(description="The plan's wording of the target, in `lang`.")


class IndicatorList(Schema):
    indicators: list[Indicator] = Field(description="Every indicator, in the plan's order.")


class IndicatorPoint(Schema):
    as_of: str = Field(description="YYYY-MM-DD.")
    value: float | None
    source: str
    records_counted: int | None
    records_unknown: int | None


class IndicatorDetail(Indicator):
    """An indicator with its history: the daily snapshots of a registry figure, or every value
    the agency reported."""

    history: list[IndicatorPoint] = Field(description="Oldest first.")
