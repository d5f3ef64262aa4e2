"""What each API endpoint accepts, declared once for django-ninja: the OpenAPI document is
generated from these classes.

Search's own rules (search/query.py `parse`) stay the authority for the search and GeoJSON
parameters: some depend on each other or on the registry (sort=distance needs near, within names a
landmark, technology codes come from the database), and parse's messages are the API's contract.
Those fields are therefore typed for the document (`Documented`: type, enum, bounds, pattern) and
passed through unvalidated, so no request is judged twice. The suggestion text has no such rules
and is validated here (`query.text_problem`, the same rule search's `q` follows)."""

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, SkipValidation, create_model
from pydantic_core import PydanticCustomError

from registry.interchange.downloads import EXPORT_FORMATS
from registry.models import KINDS

from .geojson import INCLUDES as GEOJSON_INCLUDES
from .geojson import PAGE_SIZE as GEOJSON_PAGE_SIZE
from .matching.spec import MAX_LIMIT, REQUIREMENT_KEYS
from .query import CHOICES, MAX_AREAS, MAX_KM, MAX_WINDOW, SORTS, text_problem

# Declared for the OpenAPI document, checked by search/query.py's parse (see the docstring).
Documented = SkipValidation

LANGUAGES = ("vi", "en")
REF_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}$"
NEAR_PATTERN = r"^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$"
WITHIN_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}:\d+(\.\d+)?$"
TECHNOLOGY_PATTERN = r"^[a-z_]+(\.[a-z_]+)*$"
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f]*$"  # query.text_problem's rule, for the document


def one_of(values) -> Any:
    """A Literal of these values (sorted, so the document is stable)."""
    return Literal[tuple(sorted(values))]


def _plain_text(text: str) -> str:
    problem = text_problem(text)
    if problem:
        raise PydanticCustomError("invalid_text", "{reason}", {"reason": problem})
    return text


Language = Annotated[
    one_of(LANGUAGES) | None,
    Field(description="Language of names, links and texts; by default the request's."),
    Documented,
]


def _choices(name: str, what: str):
    return Annotated[
        list[one_of(CHOICES[name])],
        Field(description=f"{what}; repeat the parameter for any of several."),
        Documented,
    ]


SEARCH_FIELDS = {
    "q": (
        Annotated[
            str,
            Field(max_length=200, pattern=NO_CONTROL_CHARACTERS, description="Words to look for."),
            Documented,
        ],
        "",
    ),
    "kind": (_choices("kind", "Record kinds"), []),
    "technology": (
        Annotated[
            list[Annotated[str, Field(pattern=TECHNOLOGY_PATTERN)]],
            Field(description="Technology codes (see the enum); a record with any."),
            Documented,
        ],
        [],
    ),
    "zone": (
        Annotated[
            list[Annotated[str, Field(pattern=REF_PATTERN)]],
            Field(description="Refs of zones: records in any of them."),
            Documented,
        ],
        [],
    ),
    "ownership": (_choices("ownership", "Enterprise ownership"), []),
    "status": (_choices("status", "Plot status"), []),
    "org_kind": (_choices("org_kind", "Kind of R&D organisation or incubator"), []),
    "zone_kind": (_choices("zone_kind", "Kind of zone"), []),
    "challenge_status": (_choices("challenge_status", "Status of a challenge"), []),
    "challenge_kind": (_choices("challenge_kind", "Type of challenge"), []),
    "expert_title": (_choices("expert_title", "An expert's title"), []),
    "accepts_questions": (
        _choices("accepts_questions", "Only experts who accept visitors' questions"),
        [],
    ),
    "min_area_m2": (
        Annotated[float | None, Field(ge=0, description="Smallest plot area, m²."), Documented],
        None,
    ),
    "min_power_mw": (
        Annotated[
            float | None, Field(ge=0, description="Smallest power capacity, MW."), Documented
        ],
        None,
    ),
    "near": (
        Annotated[
            str | None,
            Field(pattern=NEAR_PATTERN, description="lat,lon in degrees, e.g. 10.78,107.04."),
            Documented,
        ],
        None,
    ),
    "within_km": (
        Annotated[
            float | None,
            Field(ge=0.001, le=MAX_KM, description="Only records this close to near (km)."),
            Documented,
        ],
        None,
    ),
    "within": (
        Annotated[
            list[Annotated[str, Field(pattern=WITHIN_PATTERN)]],
            Field(
                max_length=MAX_AREAS,
                description="`<landmark ref>:<km>`, e.g. `lt-airport:30`; all must hold.",
            ),
            Documented,
        ],
        [],
    ),
    "lang": (Language, None),
}
PAGING_FIELDS = {
    "sort": (
        Annotated[
            one_of(SORTS),
            Field(description="Order of results; distance needs near."),
            Documented,
        ],
        "relevance",
    ),
    "page": (
        Annotated[
            int,
            Field(ge=1, le=MAX_WINDOW, description="page × page_size ≤ 10,000."),
            Documented,
        ],
        1,
    ),
    "page_size": (Annotated[int, Field(ge=1, le=100), Documented], 20),
}


def _params_class(name: str, fields: dict, doc: str):
    return create_model(name, __base__=Schema, __doc__=doc, **fields)


SearchParams = _params_class(
    "SearchParams",
    {**SEARCH_FIELDS, **PAGING_FIELDS},
    "Search parameters (no others are accepted).",
)
GeojsonParams = _params_class(
    "GeojsonParams",
    {
        **SEARCH_FIELDS,
        "page": (
            Annotated[
                int,
                Field(ge=1, le=MAX_WINDOW, description="page × page_size ≤ 10,000."),
                Documented,
            ],
            1,
        ),
        "page_size": (
            Annotated[int, Field(ge=1, le=GEOJSON_PAGE_SIZE), Documented],
            GEOJSON_PAGE_SIZE,
        ),
        "include": (
            Annotated[
                list[one_of(GEOJSON_INCLUDES)],
                Field(
                    description="Features beside the records: landmarks, zone outlines "
                    "(repeat the parameter, or separate with commas)."
                ),
                Documented,
            ],
            [],
        ),
    },
    "The search's filters, pages of map features (in name order) and what else to include.",
)
LangParams = _params_class("LangParams", {"lang": (Language, None)}, "The language.")
SuggestParams = _params_class(
    "SuggestParams",
    {
        "q": (
            Annotated[
                str,
                # The length is checked here; control characters by _plain_text, whose message
                # is search's own (a pattern would only say "invalid value").
                Field(
                    max_length=200,
                    description="The start of a name, as typed.",
                    json_schema_extra={"pattern": NO_CONTROL_CHARACTERS},
                ),
                AfterValidator(_plain_text),
            ],
            "",
        ),
        "lang": (Language, None),
    },
    "What has been typed so far.",
)
ExportParams = _params_class(
    "ExportParams",
    {
        "kind": (
            Annotated[
                list[one_of(KINDS)],
                Field(description="Kinds to export (default: all); CSV takes exactly one."),
                Documented,
            ],
            [],
        ),
        "format": (Annotated[one_of(EXPORT_FORMATS), Documented], "jsonl"),
    },
    "What to export.",
)
RecordPath = _params_class(
    "RecordPath",
    {
        "kind": (Annotated[one_of(KINDS), Documented], ...),
        "ref": (Annotated[str, Field(pattern=REF_PATTERN), Documented], ...),
    },
    "Which record.",
)


class MatchRequest(Schema):
    """The body of POST /match/ (read by search/matching/reading.py, which names each error by
    its path: the document describes it, the reader judges it)."""

    model_config = ConfigDict(extra="forbid")

    profile: str | None = Field(
        None, description="A preset's code (GET /match/profiles/) to start from."
    )
    require: dict[one_of(REQUIREMENT_KEYS), Any] = Field(
        default_factory=dict,
        description="Conditions every plot must meet (explained by /match/profiles/).",
    )
    prefer: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="Preferences, each {weight, …}; keys and scales are listed by "
        "/match/profiles/ (`km_to:<landmark ref>` for distances).",
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="How many plots at most.")


INDICATOR_FORMATS = ("json", "csv", "csv-semicolon", "xlsx")
IndicatorParams = _params_class(
    "IndicatorParams",
    {
        "format": (
            Annotated[
                one_of(INDICATOR_FORMATS),
                Field(description="json, or a spreadsheet download: csv, csv-semicolon, xlsx."),
                Documented,
            ],
            "json",
        ),
        "lang": (Language, None),
    },
    "The format and language.",
)
IndicatorPath = _params_class(
    "IndicatorPath",
    {"code": (Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$"), Documented], ...)},
    "Which indicator.",
)


class IndicatorValueBody(Schema):
    """A value the agency reports (read by search/indicators_body.py and the model's rules)."""

    model_config = ConfigDict(extra="forbid")

    as_of: date = Field(description="The date the figure describes, YYYY-MM-DD.")
    value: float = Field(description="In the indicator's unit (a percentage 0–100).")
    source: str = Field(
        min_length=1,
        max_length=300,
        pattern=NO_CONTROL_CHARACTERS,
        description="Who published the figure, and where (no e-mail address).",
    )
    source_url: str = Field(
        "", max_length=200, pattern=NO_CONTROL_CHARACTERS, description="The source's address."
    )


class IndicatorTargetBody(Schema):
    """A new target: not for a year already past."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=0, le=32767, description="The target year: this year or later.")
    comparison: Literal["gte", "gt", "lte", "lt", "between", "eq"]
    value: float
    value_max: float | None = Field(None, description="The upper end, for `between` only.")
