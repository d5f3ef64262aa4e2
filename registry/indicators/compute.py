"""The indicators the registry computes, each from published records only, never invented ones
(the `sample` flag), by aggregation in the database (never a Python loop over rows). Each returns a
`Measure`: the value, how many records it counted and how many it left out because the value it
needs is unknown.

How unknowns count (an unknown is never guessed as "no" or 0). Nullable columns used:
`is_global_tech_leader`, `rnd_staff`, `patents`, `researchers`, `has_international_pop` (NULL is
unknown); `ownership` is not nullable ("" is unknown).
- `global_tech_leaders`: the enterprises marked world-leading; those not marked either way are
  unknown (left out, counted in `records_unknown`).
- `domestic_enterprise_share`: domestic or state-owned among the enterprises whose ownership is
  known; an empty ownership is left out of the denominator and counted as unknown (forms and
  the interchange format require one, but the column allows "": older or hand-written rows).
- `rnd_workforce_per_10k`: the enterprises' R&D staff plus the R&D organisations' researchers,
  per 10,000 inhabitants (the latest reported `population`); a record without the figure adds
  nothing and is counted as unknown. Without a population there is no value.
- `innovative_enterprise_share`: an enterprise innovates if its R&D staff or its patents are
  more than 0 (known even if the other figure is unknown); it does not if both are known and 0;
  otherwise it is unknown and left out of the denominator.
- `international_pop`: 1 or 0 as the Long Thành digital park's zone says; no value if the zone
  is not published or does not say.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from registry.models import Enterprise, RDOrganisation, Zone
from registry.models.indicator import REGISTRY_COMPUTED, IndicatorValue

# The agency-reported indicator holding the province's population.
POPULATION_CODE = "population"
# The zone whose international fibre PoP the plan asks for.
LONG_THANH_DIGITAL_PARK_REF = "lt-digital-park"

DOMESTIC_OWNERSHIPS = (Enterprise.Ownership.DOMESTIC, Enterprise.Ownership.STATE_OWNED)
INNOVATES = Q(rnd_staff__gt=0) | Q(patents__gt=0)
# Both figures known and neither above 0 (they cannot be negative).
DOES_NOT_INNOVATE = Q(rnd_staff=0, patents=0)


def population() -> float | None:
    """The latest reported population (None if none, or 0: no per-inhabitant figure then)."""
    latest = (
        IndicatorValue.objects.filter(indicator__code=POPULATION_CODE)
        .order_by("-as_of", "-sort_order")
        .values_list("value", flat=True)
        .first()
    )
    return latest or None


@dataclass(frozen=True)
class Measure:
    value: float | None
    records_counted: int | None = None
    records_unknown: int | None = None


def enterprise_totals() -> dict:
    """Every enterprise count the computations need, in one query."""
    return (
        Enterprise.objects.published()
        .real()
        .aggregate(
            all=Count("pk"),
            leaders=Count("pk", filter=Q(is_global_tech_leader=True)),
            leader_known=Count("is_global_tech_leader"),
            ownership_known=Count("pk", filter=~Q(ownership="")),
            domestic=Count("pk", filter=Q(ownership__in=DOMESTIC_OWNERSHIPS)),
            rnd_staff_sum=Sum("rnd_staff"),
            rnd_staff_known=Count("rnd_staff"),
            innovative=Count("pk", filter=INNOVATES),
            not_innovative=Count("pk", filter=DOES_NOT_INNOVATE & ~INNOVATES),
        )
    )


def organisation_totals() -> dict:
    return (
        RDOrganisation.objects.published()
        .real()
        .aggregate(
            all=Count("pk"),
            researchers_sum=Sum("researchers"),
            researchers_known=Count("researchers"),
        )
    )


def _share(part: int, known: int, total: int) -> Measure:
    if not known:
        return Measure(None, 0, total)
    return Measure(100 * part / known, known, total - known)


def global_tech_leaders(population=None, enterprises=None) -> Measure:
    e = enterprises or enterprise_totals()
    return Measure(e["leaders"], e["leader_known"], e["all"] - e["leader_known"])


def domestic_enterprise_share(population=None, enterprises=None) -> Measure:
    e = enterprises or enterprise_totals()
    return _share(e["domestic"], e["ownership_known"], e["all"])


def rnd_workforce_per_10k(population=None, enterprises=None, organisations=None) -> Measure:
    e = enterprises or enterprise_totals()
    o = organisations or organisation_totals()
    counted = e["rnd_staff_known"] + o["researchers_known"]
    unknown = (e["all"] - e["rnd_staff_known"]) + (o["all"] - o["researchers_known"])
    if not population:
        return Measure(None, counted, unknown)
    staff = (e["rnd_staff_sum"] or 0) + (o["researchers_sum"] or 0)
    return Measure(staff * 10_000 / population, counted, unknown)


def innovative_enterprise_share(population=None, enterprises=None) -> Measure:
    e = enterprises or enterprise_totals()
    known = e["innovative"] + e["not_innovative"]
    return _share(e["innovative"], known, e["all"])


def international_pop(population=None, **_totals) -> Measure:
    pop = (
        Zone.objects.published()
        .real()
        .filter(ref=LONG_THANH_DIGITAL_PARK_REF)
        .values_list("has_international_pop", flat=True)
    )
    found = list(pop)
    if not found:
        return Measure(None, 0, 0)
    if found[0] is None:
        return Measure(None, 0, 1)
    return Measure(1 if found[0] else 0, 1, 0)


# Indicator code -> its computation. An indicator with origin "registry" must be one of these.
COMPUTATIONS = {
    "global_tech_leaders": global_tech_leaders,
    "domestic_enterprise_share": domestic_enterprise_share,
    "rnd_workforce_per_10k": rnd_workforce_per_10k,
    "innovative_enterprise_share": innovative_enterprise_share,
    "international_pop": international_pop,
}
assert set(COMPUTATIONS) == set(REGISTRY_COMPUTED), "one computation per registry-computed code"


def measure_all(population: float | None) -> dict[str, Measure]:
    """Every registry-computed indicator at once: three queries whatever the registry's size."""
    enterprises = enterprise_totals()
    organisations = organisation_totals()
    return {
        "global_tech_leaders": global_tech_leaders(enterprises=enterprises),
        "domestic_enterprise_share": domestic_enterprise_share(enterprises=enterprises),
        "rnd_workforce_per_10k": rnd_workforce_per_10k(population, enterprises, organisations),
        "innovative_enterprise_share": innovative_enterprise_share(enterprises=enterprises),
        "international_pop": international_pop(),
    }
