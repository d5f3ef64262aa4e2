"""Completeness ("đủ"): how much of what matters about a record the registry holds, 0–100.

Each kind declares once, below, the fields that matter to the people who read it, each with a
weight and the reason it matters. The score is the filled weight over the whole weight, rounded,
so filling a field never lowers it. It is stored on the record (`completeness`, kept current on
every save and by the bulk import) so that admin lists sort and filter by it; the missing fields
are worked out from the record itself wherever they are shown.

Fields every record of a kind must have (a plot's status, zone, area, location) are counted too:
they are the floor a bare record starts from, and they keep the weights readable as a whole.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

# The bands curators filter and the dashboard counts by: (key, label, lowest score, highest).
BANDS = (
    ("low", _("under 50%"), 0, 49),
    ("partial", _("50–79%"), 50, 79),
    ("good", _("80% or more"), 80, 100),
)


@dataclass(frozen=True)
class Criterion:
    """One thing that matters about a record: filled when all of `fields` hold a value."""

    name: str  # a model field, or "location" (lat + lon)
    weight: int
    why: str  # for whoever changes the weights; not shown

    @property
    def fields(self) -> tuple[str, ...]:
        return ("lat", "lon") if self.name == "location" else (self.name,)


def _common(*, location: int, ward: int, description: int, website: int, photo: int):
    """What every kind shares, with the kind's weights: where it is, what it is, in both
    languages, where to read more, what it looks like."""
    return (
        Criterion("location", location, "the map, distances and the site finder need it"),
        Criterion("ward_code", ward, "the official division, for reports by commune"),
        Criterion("description", description, "the Vietnamese page says what this is"),
        Criterion("description_en", description, "foreign investors read the English page"),
        Criterion("website", website, "where investors read more and check the figures"),
        Criterion("photo", photo, "a page with a picture is trusted and read more"),
    )


CRITERIA: dict[str, tuple[Criterion, ...]] = {
    # A plot is chosen on its utilities, its price and when it can be had: those weigh most.
    "plot": (
        Criterion("power_capacity_mw", 3, "chip fabs and data centres decide on power first"),
        Criterion("water_supply_m3_day", 2, "fabs and cooling need water"),
        Criterion("fibre_pop_distance_km", 2, "digital tenants need fibre close"),
        Criterion("fibre_bandwidth_gbps", 2, "and enough of it"),
        Criterion("lease_price_usd_m2", 3, "no shortlist without a price"),
        Criterion("lease_term_end_year", 2, "the price means little without the term"),
        Criterion("available_from", 2, "investors plan the start of works on it"),
        Criterion("area_m2", 1, "required: the floor"),
        Criterion("status", 1, "required: the floor"),
        Criterion("zone", 1, "required: the floor"),
        Criterion("land_use", 1, "what may be built there"),
        Criterion("flood_risk", 1, "a question every site visit asks"),
        Criterion("suitable_for", 1, "the site finder's sector presets match on it"),
        # A plot has no website of its own (its zone has): not counted.
        *_common(location=1, ward=1, description=2, website=0, photo=1),
    ),
    # An enterprise is found by what it does and judged by its size and whether it is real.
    "enterprise": (
        Criterion("ownership", 1, "required: the floor"),
        Criterion("technologies", 3, "how partners and the search find it"),
        Criterion("value_chain_roles", 2, "where it sits in the chain, for matching partners"),
        Criterion("employees", 2, "its size, the first question of a partner"),
        Criterion("founded_year", 1, "its age"),
        Criterion("tax_code", 1, "proves it is a registered company"),
        Criterion("name_en", 1, "foreign partners search in English"),
        *_common(location=2, ward=1, description=2, website=2, photo=1),
    ),
    # A zone is compared on land left, utilities and incentives; its outline places its plots.
    "zone": (
        Criterion("zone_kind", 1, "required: the floor"),
        Criterion("operator", 1, "who investors deal with"),
        Criterion("total_area_ha", 1, "its size"),
        Criterion("available_area_ha", 3, "what is left to lease: the first question"),
        Criterion("power_capacity_mw", 2, "utilities are compared zone by zone"),
        Criterion("water_supply_m3_day", 2, "utilities are compared zone by zone"),
        Criterion("has_international_pop", 1, "data-centre investors ask"),
        Criterion("incentives", 2, "the incentives sell the zone (Vietnamese)"),
        Criterion("incentives_en", 2, "the incentives sell the zone (English)"),
        Criterion("boundary", 2, "the map draws it and the plot checks use it"),
        Criterion("technologies", 1, "the sectors the zone is planned for"),
        *_common(location=1, ward=1, description=2, website=1, photo=1),
    ),
    # An R&D organisation is sought for what it offers, in which fields, with what capacity.
    "rd_organisation": (
        Criterion("org_kind", 1, "required: the floor"),
        Criterion("offers", 3, "what a company can ask of it"),
        Criterion("technologies", 3, "its fields, how companies find it"),
        Criterion("labs", 2, "the equipment behind the offers"),
        Criterion("researchers", 2, "its capacity"),
        Criterion("name_en", 1, "foreign partners search in English"),
        *_common(location=2, ward=1, description=2, website=2, photo=1),
    ),
    # Incubators and funds are sought by startups: whether they take applications and their
    # record. Fund sizes and tickets matter for funds only and capacity for the others, so
    # neither is counted: a fixed list keeps the score comparable and monotonic.
    "incubator": (
        Criterion("org_kind", 1, "required: the floor"),
        Criterion("applications_open", 2, "the first thing a founder wants to know"),
        Criterion("startups_supported", 2, "its track record"),
        Criterion("technologies", 2, "the sectors it backs"),
        *_common(location=2, ward=1, description=2, website=2, photo=1),
    ),
    # A challenge is answered when its partners know what, by when and for how much.
    "challenge": (
        Criterion("challenge_kind", 1, "required: the floor"),
        Criterion("technologies", 3, "how partners are matched to it"),
        Criterion("deadline", 2, "respondents plan around it"),
        Criterion("budget_vnd", 2, "respondents size their proposal by it"),
        Criterion("wanted", 1, "who may answer"),
        Criterion("name_en", 1, "foreign partners read English"),
        Criterion("description", 3, "what is asked (Vietnamese)"),
        Criterion("description_en", 2, "what is asked (English)"),
    ),
    # An expert is found by their fields, their affiliation and the languages they answer in.
    "expert": (
        Criterion("technologies", 3, "how visitors and questions find them"),
        Criterion("expert_title", 1, "their standing"),
        Criterion("languages", 2, "who can ask them"),
        Criterion("description", 2, "their work (Vietnamese)"),
        Criterion("description_en", 2, "their work (English)"),
        Criterion("name_en", 1, "the English pages name them"),
        Criterion("website", 1, "where their publications are"),
    ),
    # A landmark is a reference point for distances: its place and its names are what matter.
    "landmark": (
        Criterion("landmark_kind", 1, "required: the floor"),
        Criterion("location", 3, "every distance is measured from it"),
        Criterion("name_en", 2, "the English pages name it"),
        Criterion("description", 1, "what it offers (Vietnamese)"),
        Criterion("description_en", 1, "what it offers (English)"),
    ),
}


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | tuple | set | dict):
        return bool(value)  # "" and empty lists are missing; False and 0 are values
    return True


def _met(criterion: Criterion, values: Mapping[str, Any]) -> bool:
    return all(_filled(values.get(field)) for field in criterion.fields)


def counted(kind: str) -> tuple[Criterion, ...]:
    return tuple(c for c in CRITERIA[kind] if c.weight > 0)


def score(kind: str, values: Mapping[str, Any]) -> int:
    """0–100 from a record's values by field name (many-to-many fields as lists)."""
    criteria = counted(kind)
    total = sum(c.weight for c in criteria)
    met = sum(c.weight for c in criteria if _met(c, values))
    return round(100 * met / total)


def missing(kind: str, values: Mapping[str, Any]) -> list[Criterion]:
    """What is missing, heaviest first (the declaration's order among equals)."""
    absent = [c for c in counted(kind) if not _met(c, values)]
    return sorted(absent, key=lambda c: -c.weight)


@cache  # per model class (historical models in a migration are classes of their own)
def _many_names(model) -> frozenset[str]:
    return frozenset(
        f.name for f in model._meta.get_fields() if f.many_to_many and not f.auto_created
    )


def _read(obj, kind: str, many: frozenset[str], names: set[str] | None, codes=None) -> dict:
    values = {}
    for criterion in CRITERIA[kind]:
        for field in criterion.fields:
            if names is not None and field not in names:
                continue  # a historical model without the field yet: missing
            if field in many:
                if codes is not None and field in codes:
                    values[field] = list(codes[field])
                else:
                    values[field] = list(getattr(obj, field).all()) if _has_m2m(obj) else []
            elif field in ("zone", "photo"):
                values[field] = getattr(obj, f"{field}_id")
            else:
                values[field] = getattr(obj, field)
    return values


def _has_m2m(record) -> bool:
    # A plain unsaved model cannot read relations; a cluster (every registry kind) can.
    return record.pk is not None or hasattr(record, "_cluster_related_objects")


def values_of(record, codes: Mapping[str, Iterable] | None = None) -> dict[str, Any]:
    """A record's values for its kind's criteria. Many-to-many values come from `codes` when
    given (the importer's, before the rows exist), else from the record (a cluster's unsaved
    choices included)."""
    return _read(record, record.kind, _many_names(type(record)), None, codes)


def record_score(record, codes=None) -> int:
    return score(record.kind, values_of(record, codes))


def record_missing(record) -> list[dict]:
    """The missing criteria of a record with their labels in the active language."""
    return [
        {"name": c.name, "label": label(record, c.name), "weight": c.weight}
        for c in missing(record.kind, values_of(record))
    ]


def label(record_or_model, name: str) -> str:
    if name == "location":
        return str(_("location"))
    return str(record_or_model._meta.get_field(name).verbose_name)


def band_of(value: int) -> str:
    return next(key for key, _label, low, high in BANDS if low <= value <= high)


def recompute(model, kind: str) -> int:
    """Store the score of every row of `model` (a historical model in a migration too: fields
    it does not have yet count as missing). Returns the rows updated."""
    names = {f.name for f in model._meta.get_fields()}
    many = _many_names(model) & names
    changed = []
    for row in model.objects.all().prefetch_related(*many).iterator(chunk_size=500):
        row.completeness = score(kind, _read(row, kind, many, names))
        changed.append(row)
    model.objects.bulk_update(changed, ["completeness"], batch_size=500)
    return len(changed)


def completeness_fields(kind: str) -> set[str]:
    """The model fields a kind's score reads."""
    return {field for criterion in CRITERIA[kind] for field in criterion.fields}
