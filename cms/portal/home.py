"""The home page's figures, computed from the published registry, never typed in."""

from django.db.models import Count, Q, Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.models import Enterprise, Incubator, Plot, RDOrganisation, Technology, Zone

# The plan's strategic technologies (Resolution 57 programme), by taxonomy code.
STRATEGIC = ("semiconductor", "data_centre", "ai", "iot", "big_data", "cloud", "blockchain")


def grouped(value, decimals: int = 0) -> str:
    """A figure as people read it in the page's language (vi 1.234,5; en 1,234.5)."""
    return formats.number_format(value, decimal_pos=decimals, force_grouping=True)


def key_figures() -> list[dict]:
    zones = Zone.objects.published().aggregate(
        n=Count("pk"),
        reporting=Count("pk", filter=Q(available_area_ha__isnull=False)),
        ha=Sum("available_area_ha"),
    )
    plots = Plot.objects.published().filter(status=Plot.Status.AVAILABLE)
    plots = plots.aggregate(n=Count("pk"), m2=Sum("area_m2"))
    # Zones that do not report their free land are left out of the sum, and the figure says so.
    zone_hectares = {
        "value": grouped(zones["ha"]) if zones["reporting"] else "—",
        "label": _("hectares available in zones"),
        "note": ngettext(
            "across %(reporting)s of %(total)s zone that report it",
            "across %(reporting)s of %(total)s zones that report it",
            zones["n"],
        )
        % {"reporting": grouped(zones["reporting"]), "total": grouped(zones["n"])},
    }
    return [
        {"value": grouped(zones["n"]), "label": _("zones and parks")},
        zone_hectares,
        {"value": grouped(plots["n"]), "label": _("plots available")},
        {
            "value": grouped((plots["m2"] or 0) / 10_000, 1),
            "label": _("hectares in available plots"),
        },
        {"value": grouped(Enterprise.objects.published().count()), "label": _("enterprises")},
        {
            "value": grouped(RDOrganisation.objects.published().count()),
            "label": _("R&D organisations"),
        },
        {
            "value": grouped(Incubator.objects.published().count()),
            "label": _("incubators, accelerators and funds"),
        },
    ]


def enterprises_by_technology() -> list[dict]:
    """Published enterprises per strategic technology (a firm counts once per technology,
    whichever sub-technologies it lists)."""
    names = {
        code: {"code": code, "name": name, "name_en": name_en}
        for code, name, name_en in Technology.objects.filter(code__in=STRATEGIC).values_list(
            "code", "name", "name_en"
        )
    }
    counts = Enterprise.objects.published().aggregate(
        **{
            code: Count(
                "pk",
                filter=Q(technologies__code=code) | Q(technologies__code__startswith=f"{code}."),
                distinct=True,
            )
            for code in STRATEGIC
        }
    )
    return [
        {**names.get(code, {"code": code, "name": code, "name_en": code}), "count": counts[code]}
        for code in STRATEGIC
    ]


def home_context() -> dict:
    leaders = Enterprise.objects.published().filter(is_global_tech_leader=True)
    return {
        "figures": key_figures(),
        "by_technology": enterprises_by_technology(),
        "leaders": list(leaders.order_by("name").only("ref", "name", "name_en", "origin_country")),
    }
