"""The indicators the registry computes, each from published records only, by aggregation in the
database (never a Python loop over rows). Each returns a `Measure`: the value, and how many
records it counted and how many had the value unknown (left out)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from registry.models import Enterprise, RDOrganisation, Zone
from registry.models.indicator import REGISTRY_COMPUTED

# The zone whose international fibre PoP the plan asks for.
LONG_THANH_DIGITAL_PARK_REF = "lt-digital-park"


@dataclass(frozen=True)
class Measure:
    value: float | None
    records_counted: int | None = None
    records_unknown: int | None = None


def global_tech_leaders(population=None) -> Measure:
    totals = Enterprise.objects.published().aggregate(
        leaders=Count("pk", filter=Q(is_global_tech_leader=True)), all=Count("pk")
    )
    return Measure(totals["leaders"], records_counted=totals["all"], records_unknown=0)


def domestic_enterprise_share(population=None) -> Measure:
    totals = Enterprise.objects.published().aggregate(
        domestic=Count("pk", filter=Q(ownership__in=["domestic", "state_owned"])),
        all=Count("pk"),
    )
    if not totals["all"]:
        return Measure(None, 0, 0)
    return Measure(100 * totals["domestic"] / totals["all"], totals["all"], 0)


def rnd_workforce_per_10k(population=None) -> Measure:
    enterprises = Enterprise.objects.published().aggregate(
        staff=Sum("rnd_staff"), known=Count("rnd_staff"), all=Count("pk")
    )
    organisations = RDOrganisation.objects.published().aggregate(
        staff=Sum("researchers"), known=Count("researchers"), all=Count("pk")
    )
    counted = enterprises["known"] + organisations["known"]
    unknown = enterprises["all"] - enterprises["known"] + organisations["all"]
    unknown -= organisations["known"]
    if not population:
        return Measure(None, counted, unknown)
    staff = (enterprises["staff"] or 0) + (organisations["staff"] or 0)
    return Measure(staff * 10_000 / population, counted, unknown)


def innovative_enterprise_share(population=None) -> Measure:
    totals = Enterprise.objects.published().aggregate(
        innovative=Count("pk", filter=Q(rnd_staff__gt=0) | Q(patents__gt=0)), all=Count("pk")
    )
    if not totals["all"]:
        return Measure(None, 0, 0)
    return Measure(100 * totals["innovative"] / totals["all"], totals["all"], 0)


def international_pop(population=None) -> Measure:
    zone = Zone.objects.published().filter(ref=LONG_THANH_DIGITAL_PARK_REF).first()
    if zone is None or zone.has_international_pop is None:
        return Measure(None, 0, 1 if zone else 0)
    return Measure(1 if zone.has_international_pop else 0, 1, 0)


# Indicator code -> its computation. An indicator with origin "registry" must be one of these.
COMPUTATIONS = {
    "global_tech_leaders": global_tech_leaders,
    "domestic_enterprise_share": domestic_enterprise_share,
    "rnd_workforce_per_10k": rnd_workforce_per_10k,
    "innovative_enterprise_share": innovative_enterprise_share,
    "international_pop": international_pop,
}
assert set(COMPUTATIONS) == set(REGISTRY_COMPUTED), "one computation per registry-computed code"
