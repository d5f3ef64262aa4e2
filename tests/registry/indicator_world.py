"""A small registry whose indicators and breakdowns are computed by hand in the tests: published
records with known and unknown values, and drafts that must never count."""

from datetime import date

from registry.models import (
    Enterprise,
    Incubator,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plot,
    RDOrganisation,
    Technology,
    Zone,
)

LAT, LON = 10.8, 106.98


def zone(ref, **fields):
    values = {"name": ref, "name_en": ref, "zone_kind": "it_park", "lat": LAT, "lon": LON}
    return Zone.objects.create(ref=ref, **values | fields)


def plot(ref, zone, status, area_m2, **fields):
    return Plot.objects.create(
        ref=ref, code=ref, zone=zone, status=status, area_m2=area_m2, lat=LAT, lon=LON, **fields
    )


def enterprise(ref, technologies=(), **fields):
    record = Enterprise.objects.create(ref=ref, name=ref, **fields)
    if technologies:
        record.technologies.set(Technology.objects.filter(code__in=technologies))
        record.save()
    return record


def population_indicator(*values):
    indicator = Indicator.objects.create(
        code="population",
        name="Dân số",
        name_en="Population",
        unit=Indicator.Unit.PEOPLE,
        origin=Indicator.Origin.AGENCY,
        theme=Indicator.Theme.CONTEXT,
    )
    for as_of, value in values:
        IndicatorValue.objects.create(
            indicator=indicator, as_of=as_of, value=value, source="Cục Thống kê"
        )
    return indicator


def build_world():
    park = zone(
        "lt-digital-park", has_international_pop=True, total_area_ha=100, available_area_ha=50
    )
    plot("p-leased", park, "leased", 20_000)
    plot("p-available", park, "available", 30_000)
    plot("p-reserved", park, "reserved", 10_000)
    plot("p-leased-draft", park, "leased", 5_000, live=False)
    zone("z-no-plots")
    zone("z-draft", live=False)

    enterprise(
        "e1",
        ownership="domestic",
        origin_country="VN",
        rnd_staff=10,
        patents=0,
        is_global_tech_leader=True,
        technologies=["semiconductor.chip_design"],
    )
    enterprise(
        "e2",
        ownership="fdi",
        origin_country="KR",
        rnd_staff=0,
        patents=3,
        is_global_tech_leader=False,
        startup_stage="seed",
        technologies=["semiconductor", "semiconductor.chip_design"],
    )
    # R&D staff unknown and no patents: whether it innovates is unknown.
    enterprise("e3", ownership="state_owned", origin_country="VN", patents=0)
    # Ownership and origin unknown; known not to innovate.
    enterprise(
        "e4",
        rnd_staff=0,
        patents=0,
        is_global_tech_leader=False,
        startup_stage="seed",
        technologies=["ai"],
    )
    # R&D staff unknown but patents: innovative all the same.
    enterprise(
        "e5",
        ownership="joint_venture",
        origin_country="JP",
        patents=2,
        is_global_tech_leader=True,
        startup_stage="idea",
    )
    enterprise(
        "e-draft",
        live=False,
        ownership="domestic",
        origin_country="VN",
        rnd_staff=100,
        patents=9,
        is_global_tech_leader=True,
        startup_stage="seed",
        technologies=["semiconductor", "ai"],
    )

    RDOrganisation.objects.create(ref="r1", name="r1", org_kind="university", researchers=40)
    RDOrganisation.objects.create(ref="r2", name="r2", org_kind="lab")
    RDOrganisation.objects.create(
        ref="r-draft", name="r-draft", org_kind="lab", researchers=1000, live=False
    )

    Incubator.objects.create(ref="i1", name="i1", org_kind="incubator")
    Incubator.objects.create(ref="a1", name="a1", org_kind="accelerator", fund_size_usd=1e6)
    Incubator.objects.create(ref="f1", name="f1", org_kind="venture_fund", fund_size_usd=10e6)
    Incubator.objects.create(ref="f2", name="f2", org_kind="venture_fund")
    Incubator.objects.create(
        ref="f-draft", name="f-draft", org_kind="venture_fund", fund_size_usd=50e6, live=False
    )

    population_indicator((date(2024, 1, 1), 4_000_000), (date(2025, 1, 1), 5_000_000))


def indicator(code, unit, origin=Indicator.Origin.REGISTRY, targets=(), **fields):
    """An indicator with its targets, each (year, comparison, value[, value_max])."""
    made = Indicator.objects.create(
        code=code,
        name=code,
        name_en=code,
        unit=unit,
        origin=origin,
        theme=fields.pop("theme", Indicator.Theme.ECOSYSTEM),
        **fields,
    )
    for year, comparison, value, *value_max in targets:
        IndicatorTarget.objects.create(
            indicator=made,
            year=year,
            comparison=comparison,
            value=value,
            value_max=value_max[0] if value_max else None,
        )
    return made


def registry_indicators():
    """The five registry-computed indicators with the plan's targets."""
    unit = Indicator.Unit
    return [
        indicator("global_tech_leaders", unit.COUNT, targets=[(2030, "gte", 1), (2045, "gte", 6)]),
        indicator("domestic_enterprise_share", unit.PERCENT, targets=[(2045, "gte", 40)]),
        indicator("rnd_workforce_per_10k", unit.PER_10K, targets=[(2030, "gte", 12)]),
        indicator("innovative_enterprise_share", unit.PERCENT, targets=[(2030, "gt", 40)]),
        indicator("international_pop", unit.YES_NO, targets=[(2030, "eq", 1)]),
    ]
