"""What investors weigh about a plot, declared once: every consumer derives its own list from
`PLOT_ATTRIBUTES` (the search document and its two indices, the match requirements and
preferences, the site finder's form, the comparison, the record page and the one-line figures of
results, e-mails and map popups), as `registry.interchange.mapping` derives interchange keys from
the models.

Adding an attribute: the model field on `Plot` (its validation and admin text), one row here, and
`makemigrations` (for the Plot column and the search index's column); labels are gettext
strings, translated in locale/vi. The rows' order is the comparison's and, kind by kind, the
finder's and the match API's.

This module imports no model, so that any layer (models included) may read it.
"""

import math
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# What a value is; decides its index field in both backends, how a requirement reads it and how
# it is shown.
NUMBER = "number"  # a float (Elasticsearch double: thresholds compare alike on both backends)
WHOLE = "whole"  # a small whole number (feeds, a year)
FLAG = "flag"  # yes / no / unknown
CHOICE = "choice"  # one code of the model field's choices
RANK = "rank"  # one of ordered `ranks`, indexed as its position (low 0) in `document_field`
DATE = "date"
TECHNOLOGIES = "technologies"  # technology codes (a many-to-many to the taxonomy)


@dataclass(frozen=True)
class PlotAttribute:
    name: str  # the Plot model field; also the search document's field unless `document_field`
    label: Promise  # a lowercase noun phrase; capitalised where it begins a line
    kind: str
    unit: str = ""  # of the value as stored
    # In the search document (both backends), as `document_field` (default: `name`).
    indexed: bool = False
    document_field: str = ""
    facet: bool = False  # a search facet: checkboxes with counts (a keyword in both indices)
    facet_label: Promise | None = None  # the facet's title where every kind is listed
    # The search's "at least" filter: the parameter is the attribute's requirement key.
    range_filter: bool = False
    requirement: str = ""  # the match requirement key (min_… / max_… for numbers)
    requirement_label: Promise | None = None  # as the finder's form asks for it
    requirement_max: float = math.inf
    ranks: tuple[str, ...] = ()  # a RANK's choices, lowest first
    preference: bool = False  # a match preference (a ramp for numbers, full points for flags)
    compare: bool = False  # a row of the comparison (page and CSV)
    # The one-line figures (results, finder, compare, e-mails, the GeoJSON `facts` property), in
    # `unit`, or divided by `summary_divisor` into `summary_unit` (an area in ha).
    summary: bool = False
    summary_unit: str = ""
    summary_divisor: float = 1

    @property
    def field(self) -> str:
        """The search document's field."""
        return self.document_field or self.name

    def rank(self, value) -> int | None:
        """A RANK's value as the search document holds it (None when unknown)."""
        return self.ranks.index(value) if value in self.ranks else None

    @property
    def requirement_op(self) -> str:
        """gte for a minimum, lte for a maximum, in for choices, true for flags, codes."""
        if self.kind in (NUMBER, WHOLE, RANK):
            return "lte" if self.requirement.startswith("max_") else "gte"
        return {FLAG: "true", TECHNOLOGIES: "codes", CHOICE: "in"}[self.kind]


PLOT_ATTRIBUTES: tuple[PlotAttribute, ...] = (
    PlotAttribute(
        "status",
        _("status"),
        CHOICE,
        indexed=True,
        facet=True,
        facet_label=_("Plot status"),
        requirement="status",
        compare=True,
        summary=True,
    ),
    PlotAttribute("land_use", _("land use"), CHOICE, compare=True),
    PlotAttribute(
        "area_m2",
        _("area (m²)"),
        NUMBER,
        unit="m²",
        indexed=True,
        range_filter=True,
        requirement="min_area_m2",
        requirement_label=_("Area at least (m²)"),
        preference=True,
        compare=True,
        summary=True,
        summary_unit="ha",
        summary_divisor=10_000,
    ),
    PlotAttribute(
        "power_capacity_mw",
        _("power capacity (MW)"),
        NUMBER,
        unit="MW",
        indexed=True,
        range_filter=True,
        requirement="min_power_mw",
        requirement_label=_("Power at least (MW)"),
        preference=True,
        compare=True,
        summary=True,
    ),
    PlotAttribute(
        "power_feeds",
        _("independent power feeds"),
        WHOLE,
        indexed=True,
        requirement="min_power_feeds",
        requirement_label=_("Independent power feeds at least"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "water_supply_m3_day",
        _("water supply (m³/day)"),
        NUMBER,
        unit="m³/day",
        indexed=True,
        requirement="min_water_m3_day",
        requirement_label=_("Water at least (m³/day)"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "fibre_pop_distance_km",
        _("distance to fibre PoP (km)"),
        NUMBER,
        unit="km",
        indexed=True,
        requirement="max_fibre_pop_distance_km",
        requirement_label=_("Fibre PoP within (km)"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "fibre_bandwidth_gbps",
        _("fibre bandwidth (Gbps)"),
        NUMBER,
        unit="Gbps",
        indexed=True,
        requirement="min_fibre_bandwidth_gbps",
        requirement_label=_("Fibre bandwidth at least (Gbps)"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "flood_risk",
        _("flood risk"),
        # As a rank (low 0 … high 2), so that the requirement is a maximum and the preference a
        # ramp.
        RANK,
        ranks=("low", "medium", "high"),
        indexed=True,
        document_field="flood_rank",
        requirement="max_flood_risk",
        requirement_label=_("Flood risk at most"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "cleanroom_ready",
        _("cleanroom-ready"),
        FLAG,
        indexed=True,
        requirement="cleanroom_ready",
        requirement_label=_("Cleanroom-ready"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "ready_built_factory",
        _("ready-built factory"),
        FLAG,
        indexed=True,
        requirement="ready_built_factory",
        requirement_label=_("Ready-built factory"),
        preference=True,
        compare=True,
    ),
    PlotAttribute(
        "lease_price_usd_m2",
        _("lease price (USD/m², whole remaining term)"),
        NUMBER,
        unit="USD/m²",
        indexed=True,
        requirement="max_lease_price_usd_m2",
        requirement_label=_("Lease price at most (USD/m²)"),
        preference=True,
        compare=True,
        summary=True,
    ),
    PlotAttribute(
        "lease_term_end_year",
        _("lease term ends (year)"),
        WHOLE,
        indexed=True,
        requirement="min_lease_term_end_year",
        requirement_label=_("Lease term ends no earlier than (year)"),
        requirement_max=9999,
        preference=True,
        compare=True,
    ),
    PlotAttribute("available_from", _("available from"), DATE, compare=True),
    PlotAttribute(
        "suitable_for",
        _("suitable for"),
        TECHNOLOGIES,
        # In the document's `technologies`, with the plot's own (not a column of its own).
        document_field="technologies",
        requirement="suitable_for",
        preference=True,
        compare=True,
    ),
)
BY_NAME = {attribute.name: attribute for attribute in PLOT_ATTRIBUTES}


def attributes(**flags) -> tuple[PlotAttribute, ...]:
    """The attributes whose named fields are all true (or equal the given value), in order:
    `attributes(compare=True)`, `attributes(kind=FLAG, preference=True)`."""
    return tuple(
        attribute
        for attribute in PLOT_ATTRIBUTES
        if all(
            bool(getattr(attribute, name)) if wanted is True else getattr(attribute, name) == wanted
            for name, wanted in flags.items()
        )
    )


def number_requirements() -> tuple[PlotAttribute, ...]:
    """The attributes whose requirement is a threshold (min_… / max_…)."""
    return tuple(a for a in attributes(requirement=True) if a.kind in (NUMBER, WHOLE))


def label_of_requirement(attribute: PlotAttribute) -> Promise | str:
    """How the finder asks for the requirement: its own wording, else the attribute's name."""
    return attribute.requirement_label or capfirst(attribute.label)
