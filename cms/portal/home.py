"""The home page: its figures, computed from the published registry (never typed in), the
zones of its map, the technologies, finder presets and kinds it offers as ways in."""

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.language import localized
from registry.models import (
    KINDS,
    Challenge,
    Enterprise,
    Expert,
    Incubator,
    Plot,
    RDOrganisation,
    Technology,
    Zone,
)
from search.models import MatchProfile

from .kept import kept
from .links import page_url
from .search_page import map_labels

# The plan's strategic technologies (Resolution 57 programme), by taxonomy code.
STRATEGIC = ("semiconductor", "data_centre", "ai", "iot", "big_data", "cloud", "blockchain")


def grouped(value, decimals: int = 0) -> str:
    """A figure as people read it in the page's language (vi 1.234,5; en 1,234.5)."""
    return formats.number_format(value, decimal_pos=decimals, force_grouping=True)


def registry_counts() -> dict:
    """The published registry counted once, for the figures and the kinds to browse."""
    available = Q(status=Plot.Status.AVAILABLE)
    return {
        "zones": Zone.objects.published().aggregate(
            n=Count("pk"),
            reporting=Count("pk", filter=Q(available_area_ha__isnull=False)),
            ha=Sum("available_area_ha"),
        ),
        "plots": Plot.objects.published().aggregate(
            n=Count("pk", filter=available), m2=Sum("area_m2", filter=available), total=Count("pk")
        ),
        "enterprise": Enterprise.objects.published().count(),
        "rd_organisation": RDOrganisation.objects.published().count(),
        "incubator": Incubator.objects.published().count(),
        "challenge": Challenge.objects.published().count(),
        "expert": Expert.objects.published().count(),
    }


def key_figures(counts: dict | None = None) -> list[dict]:
    counts = counts or registry_counts()
    zones, plots = counts["zones"], counts["plots"]
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
        {"value": grouped(counts["enterprise"]), "label": _("enterprises")},
        {"value": grouped(counts["rd_organisation"]), "label": _("R&D organisations")},
        {"value": grouped(counts["incubator"]), "label": _("incubators, accelerators and funds")},
    ]


def technology_counts() -> dict[str, int]:
    """Published enterprises per strategic technology (a firm counts once per technology,
    whichever sub-technologies it lists)."""
    return Enterprise.objects.published().aggregate(
        **{
            code: Count(
                "pk",
                filter=Q(technologies__code=code) | Q(technologies__code__startswith=f"{code}."),
                distinct=True,
            )
            for code in STRATEGIC
        }
    )


def enterprises_by_technology(counts: dict[str, int], taxonomy: list[tuple]) -> list[dict]:
    """The strategic technologies, named from `taxonomy` ((pk, code, name, name_en) rows), with
    their counts."""
    names = {
        code: {"code": code, "name": name, "name_en": name_en}
        for _pk, code, name, name_en in taxonomy
        if code in STRATEGIC
    }
    return [
        {**names.get(code, {"code": code, "name": code, "name_en": code}), "count": counts[code]}
        for code in STRATEGIC
    ]


def technology_icon(code: str) -> str:
    """The sprite's icon for a technology: its strategic root's, else a generic circuit."""
    root = code.split(".")[0]
    return f"tech-{root}" if root in STRATEGIC else "tech-other"


# The kinds a visitor browses, in the order an investor looks for them (landmarks are context).
BROWSABLE_KINDS = (
    "zone",
    "plot",
    "enterprise",
    "rd_organisation",
    "incubator",
    "challenge",
    "expert",
)


def kinds_to_browse(counts: dict, search_url: str) -> list[dict]:
    """Each kind with its published count and the search listing it."""
    published = counts | {"zone": counts["zones"]["n"], "plot": counts["plots"]["total"]}
    return [
        {
            "kind": kind,
            "label": capfirst(KINDS[kind]._meta.verbose_name_plural),
            "count": grouped(published[kind]),
            "url": f"{search_url}?kind={kind}",
            "icon": f"kind-{kind}",
        }
        for kind in BROWSABLE_KINDS
    ]


def mapped_zones() -> list[tuple]:
    """(ref, name, name_en, zone_kind) of the published zones with a position."""
    zones = Zone.objects.published().exclude(lat=None).exclude(lon=None)
    return list(zones.values_list("ref", "name", "name_en", "zone_kind"))


def zones_on_the_map(rows: list[tuple]) -> list[dict]:
    """The home map's zones named in the page's language: its markers and, for keyboard and
    screen-reader users, the same zones as a list of links."""
    kinds = dict(Zone.ZoneKind.choices)
    return sorted(
        (
            {"ref": ref, "name": localized({"name": name, "name_en": name_en}, "name"),
             "kind_label": kinds.get(zone_kind, zone_kind)}
            for ref, name, name_en, zone_kind in rows
        ),
        key=lambda zone: zone["name"],
    )  # fmt: skip


def finder_presets(finder_url: str) -> list[dict]:
    """The site finder's sector presets as direct calls: each opens the finder with it applied."""
    profiles = MatchProfile.objects.order_by("sort_order", "code").prefetch_related(
        Prefetch("technologies", queryset=Technology.objects.only("code"))
    )
    return [
        {
            "name": localized(profile, "name"),
            "url": f"{finder_url}?profile={profile.code}",
            "icon": technology_icon(next((t.code for t in profile.technologies.all()), "")),
        }
        for profile in profiles
    ]


def registry_figures() -> dict:
    """What the home page aggregates over whole tables, in no particular language."""
    leaders = Enterprise.objects.published().filter(is_global_tech_leader=True).order_by("name")
    return {
        "counts": registry_counts(),
        "technologies": technology_counts(),
        "zones": mapped_zones(),
        "leaders": list(leaders.values("ref", "name", "name_en", "origin_country")),
    }


def home_context(registry_token: str) -> dict:
    """`registry_token`: the registry's public state (search.freshness.data_state), read once
    per request; the aggregates are kept between changes of it (and of the taxonomy, by which
    firms are counted and technologies named)."""
    taxonomy = list(Technology.objects.order_by("pk").values_list("pk", "code", "name", "name_en"))
    kept_figures = kept("home", registry_figures, registry_token, repr(taxonomy))
    search_url, finder_url = page_url("searchpage"), page_url("sitefinderpage")
    counts = kept_figures["counts"]
    by_technology = enterprises_by_technology(kept_figures["technologies"], taxonomy)
    return {
        "figures": key_figures(counts),
        "by_technology": [
            {**tech, "icon": technology_icon(tech["code"])} for tech in by_technology
        ],
        "kinds": kinds_to_browse(counts, search_url) if search_url else [],
        "zones": zones_on_the_map(kept_figures["zones"]),
        "map_labels": map_labels(),
        "presets": finder_presets(finder_url) if finder_url else [],
        "leaders": kept_figures["leaders"],
    }
