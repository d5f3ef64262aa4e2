"""The registry's figures behind the indicators, broken down (published records only, each
breakdown one aggregate query):

- `enterprises_by_technology`: each strategic technology, in code order; an enterprise tagged
  with the technology or any of its descendants counts once;
- `enterprises_by_ownership`: every ownership in the model's order, then "" (unknown);
- `enterprises_by_origin_country`: the countries present, most enterprises first, then ""
  (unknown) last;
- `startups_by_stage`: every stage in the model's order (startups are the enterprises with a
  stage);
- `incubators`: all published incubators, accelerators, centres and funds (`count`); the venture
  funds among them (`funds_count`), the sum of their stated fund sizes in USD
  (`fund_size_usd_total`) and how many funds state none (`fund_size_unknown`);
- `zones`: each published zone with the hectares of its published plots leased and available
  (None when the zone has no published plot: the registry does not know), and the zone's own
  declared available area (None if unknown).
"""

from django.db.models import Count, Q, Sum

from registry.models import Enterprise, Incubator, Plot, Technology, Zone

M2_PER_HA = 10_000


def by_technology() -> list[dict]:
    strategic = list(
        Technology.objects.filter(is_strategic=True).values_list("code", "name", "name_en")
    )
    counts = (
        Enterprise.objects.published()
        .real()
        .aggregate(
            **{
                code: Count(
                    "pk",
                    distinct=True,
                    filter=Q(technologies__code=code)
                    | Q(technologies__code__startswith=f"{code}."),
                )
                for code, _name, _name_en in strategic
            }
        )
    )
    return [
        {"code": code, "name": name, "name_en": name_en, "count": counts[code]}
        for code, name, name_en in strategic
    ]


def _grouped(queryset, field: str) -> dict[str, int]:
    rows = queryset.order_by().values_list(field).annotate(count=Count("pk"))
    return {code or "": count for code, count in rows}


def by_ownership() -> list[dict]:
    counts = _grouped(Enterprise.objects.published().real(), "ownership")
    known = [{"code": code, "count": counts.get(code, 0)} for code in Enterprise.Ownership.values]
    return [*known, {"code": "", "count": counts.get("", 0)}]


def by_origin_country() -> list[dict]:
    counts = _grouped(Enterprise.objects.published().real(), "origin_country")
    unknown = counts.pop("", 0)
    known = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [*({"code": c, "count": n} for c, n in known), {"code": "", "count": unknown}]


def startups_by_stage() -> list[dict]:
    counts = _grouped(
        Enterprise.objects.published().real().exclude(startup_stage=""), "startup_stage"
    )
    return [{"code": code, "count": counts.get(code, 0)} for code in Enterprise.StartupStage.values]


def incubators() -> dict:
    is_fund = Q(org_kind=Incubator.OrgKind.VENTURE_FUND)
    totals = (
        Incubator.objects.published()
        .real()
        .aggregate(
            count=Count("pk"),
            funds_count=Count("pk", filter=is_fund),
            fund_size_usd_total=Sum("fund_size_usd", filter=is_fund),
            fund_size_unknown=Count("pk", filter=is_fund & Q(fund_size_usd__isnull=True)),
        )
    )
    totals["fund_size_usd_total"] = totals["fund_size_usd_total"] or 0.0
    return totals


def _hectares(m2: float | None, plots: int) -> float | None:
    if not plots:
        return None
    return (m2 or 0.0) / M2_PER_HA


def zones() -> list[dict]:
    published_plot = Q(plots__live=True, plots__sample=False)
    rows = (
        Zone.objects.published()
        .real()
        .annotate(
            plots_published=Count("plots", filter=published_plot),
            leased_m2=Sum(
                "plots__area_m2", filter=published_plot & Q(plots__status=Plot.Status.LEASED)
            ),
            available_m2=Sum(
                "plots__area_m2", filter=published_plot & Q(plots__status=Plot.Status.AVAILABLE)
            ),
        )
        .order_by("ref")
        .values(
            "ref",
            "name",
            "name_en",
            "available_area_ha",
            "plots_published",
            "leased_m2",
            "available_m2",
        )
    )
    return [
        {
            "ref": row["ref"],
            "name": row["name"],
            "name_en": row["name_en"],
            "leased_ha": _hectares(row["leased_m2"], row["plots_published"]),
            "available_ha": _hectares(row["available_m2"], row["plots_published"]),
            "declared_available_ha": row["available_area_ha"],
        }
        for row in rows
    ]


def breakdowns() -> dict:
    return {
        "enterprises_by_technology": by_technology(),
        "enterprises_by_ownership": by_ownership(),
        "enterprises_by_origin_country": by_origin_country(),
        "startups_by_stage": startups_by_stage(),
        "incubators": incubators(),
        "zones": zones(),
    }
