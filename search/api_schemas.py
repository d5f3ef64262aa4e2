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
