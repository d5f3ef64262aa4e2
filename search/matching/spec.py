"""An investor's requirements and preferences (POST /api/v1/match/), validated once, whichever
backend then ranks the plots.

A requirement is a filter: a plot meets it or is not a candidate, and an unknown value never
meets one. A preference is a ramp from `zero_at` (no points) to `target` (full points), or a
condition worth full points; weights are shared out so that a plot meeting every preference in
full scores 100.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from registry.plot_attributes import (
    CHOICE,
    FLAG,
    NUMBER,
    RANK,
    TECHNOLOGIES,
    WHOLE,
    PlotAttribute,
    attributes,
    number_requirements,
)

DEFAULT_STATUS = ["available"]
MAX_LIMIT = 100


@dataclass(frozen=True)
class Condition:
    """One requirement as a filter on a search-document field.

    op: gte | lte (numbers), in (any of `value`), true, codes (technology codes, any of),
    within (`value` is an Area; `field` is the location)."""

    key: str
    field: str
    op: str
    value: Any
    target: Any  # the requirement as the investor wrote it, for the explanation


@dataclass(frozen=True)
class Preference:
    """ramp: points grow linearly from `zero_at` to `target` of `field` (a document field, or
    the distance in km to `point` when `field` is "distance"); when: full points if
    `condition` holds."""

    key: str
    op: str
    field: str
    weight: float
    points: float  # the most this preference can add to the score (of 100)
    target: float | None = None
    zero_at: float | None = None
    point: tuple[float, float] | None = None
    condition: Condition | None = None
    shown_target: Any = None


@dataclass
class MatchSpec:
    conditions: list[Condition]
    preferences: list[Preference]
    limit: int = 20
    profile: str | None = None
    technologies: tuple[str, ...] = ()
    partner_roles: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)


# -- requirement and preference keys (api.md), from the plot attributes ------------------------
def _requirements(kind: str) -> dict[str, PlotAttribute]:
    return {a.requirement: a for a in attributes(requirement=True, kind=kind)}


CHOICE_REQUIREMENTS = _requirements(CHOICE)  # status
NUMBER_REQUIREMENTS = {a.requirement: a for a in number_requirements()}
RANK_REQUIREMENTS = _requirements(RANK)  # max_flood_risk
FLAG_KEYS = tuple(_requirements(FLAG))  # a flag's requirement and preference share its name
CODES_REQUIREMENTS = _requirements(TECHNOLOGIES)  # suitable_for
REQUIREMENT_KEYS = (
    *CHOICE_REQUIREMENTS,
    *NUMBER_REQUIREMENTS,
    *RANK_REQUIREMENTS,
    *FLAG_KEYS,
    *CODES_REQUIREMENTS,
    "zone_kind",
    "within_km",
)
PREFERENCES = {a.name: a for a in attributes(preference=True)}
RAMP_PREFERENCES = tuple(key for key, a in PREFERENCES.items() if a.kind in (NUMBER, WHOLE))
LANDMARK_PREFIX = "km_to:"


def preference_scale() -> dict:
    """What `prefer` accepts, for the profiles listing."""
    ramp = _(
        "{weight, target, zero_at}: no points at zero_at, full points at target and "
        "beyond, linear in between; an unknown value earns nothing."
    )
    by_kind = {
        RANK: _("{weight}: full points for low, half for medium, none for high."),
        FLAG: _("{weight}: full points when true."),
        TECHNOLOGIES: _(
            "{weight, codes}: full points when the plot suits any of these technologies."
        ),
    }
    return {
        "weights": _(
            "Each preference has a weight (more than 0, at most 100); the weights are shared out "
            "so that a plot meeting every preference in full scores 100."
        ),
        "keys": {
            **dict.fromkeys(RAMP_PREFERENCES, ramp),
            "km_to:<landmark>": _(
                "{weight, target, zero_at} in km from the landmark: full points within target, "
                "none beyond zero_at."
            ),
            **{
                key: by_kind[kind]
                for kind in by_kind
                for key, attribute in PREFERENCES.items()
                if attribute.kind == kind
            },
        },
    }
