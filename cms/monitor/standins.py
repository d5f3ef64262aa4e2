"""Stand-ins for parts of the monitor that sibling branches add to `registry.indicators`
(ind-compute: `breakdowns()`, `STATUS_RULE`; a source address on a reading). Each uses the real
thing as soon as it exists, so this module can be deleted on merge once all of them do."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

import registry.indicators as indicators
from registry.models import Enterprise, Incubator, Plot, Technology, Zone
from registry.models.indicator import IndicatorValue

# Stand-in until `registry.indicators.STATUS_RULE` exists.
STATUS_RULE = getattr(indicators, "STATUS_RULE", None) or _(
    "An indicator is “on track” when its latest value is at or beyond where a straight path from "
    "its first value to its next target stands on that date, “behind” when it falls short, and "
    "“no data” while it has no value."
)


def source_url(reading) -> str:
    """The address of the reading's source, if it has one (the agency's reported value)."""
    if hasattr(reading, "source_url"):
        return reading.source_url or ""
    if reading.as_of is None or reading.origin != "agency":
        return ""
    latest = IndicatorValue.objects.filter(
        indicator=reading.indicator, as_of=reading.as_of, source=reading.source
    ).order_by("-sort_order")
    return latest.values_list("source_url", flat=True).first() or ""


def breakdowns() -> dict:
    """`registry.indicators.breakdowns()`, or the same shape from the ORM until it exists."""
    real = getattr(indicators, "breakdowns", None)
    if real is not None:
        return real()
    enterprises = Enterprise.objects.published()
    strategic = Technology.objects.filter(is_strategic=True).values_list("code", "name", "name_en")
    by_technology = [
        {
            "code": code,
            "name": name,
            "name_en": name_en,
            "count": enterprises.filter(
                Q(technologies__code=code) | Q(technologies__code__startswith=f"{code}.")
            )
            .distinct()
            .count(),
        }
        for code, name, name_en in strategic
    ]

    def grouped(queryset, field):
        rows = queryset.order_by().values_list(field).annotate(count=Count("pk"))
        return [{"code": code or "", "count": count} for code, count in rows]

    fund = Q(org_kind=Incubator.OrgKind.VENTURE_FUND)
    incubators = Incubator.objects.published().aggregate(
        count=Count("pk"),
        funds_count=Count("pk", filter=fund),
        fund_size_usd_total=Sum("fund_size_usd", filter=fund),
        fund_size_unknown=Count("pk", filter=fund & Q(fund_size_usd__isnull=True)),
    )
    live = Q(plots__live=True)
    zones = Zone.objects.published().annotate(
        plots_n=Count("plots", filter=live),
        leased=Sum("plots__area_m2", filter=live & Q(plots__status=Plot.Status.LEASED)),
        available=Sum("plots__area_m2", filter=live & Q(plots__status=Plot.Status.AVAILABLE)),
    )
    return {
        "enterprises_by_technology": by_technology,
        "enterprises_by_ownership": grouped(enterprises, "ownership"),
        "enterprises_by_origin_country": grouped(enterprises, "origin_country"),
        "startups_by_stage": grouped(enterprises.exclude(startup_stage=""), "startup_stage"),
        "incubators": {**incubators, "fund_size_usd_total": incubators["fund_size_usd_total"] or 0},
        "zones": [
            {
                "ref": z.ref,
                "name": z.name,
                "name_en": z.name_en,
                "leased_ha": (z.leased or 0) / 10_000 if z.plots_n else None,
                "available_ha": (z.available or 0) / 10_000 if z.plots_n else None,
                "declared_available_ha": z.available_area_ha,
            }
            for z in zones.order_by("ref")
        ],
    }
