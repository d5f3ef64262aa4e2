"""Ecosystem partners for a match: enterprises, R&D organisations and incubators/funds with the
profile's technologies, found through the search service (Elasticsearch when configured), nearest
the best plot first, then re-ranked by how well their role fits, each with a one-line reason."""

import math

from django.utils import formats
from django.utils.translation import gettext as _

from registry.addresses import record_url
from registry.geo import haversine_km
from registry.labels import plot_label
from registry.language import in_language
from registry.models import KINDS, Enterprise, Expert, Incubator, RDOrganisation, Zone

from . import service
from .matching.engine import Match
from .matching.spec import MatchSpec
from .query import SearchQuery

PARTNER_KINDS = ("enterprise", "rd_organisation", "incubator")
ROLE_FIELDS = {
    "enterprise": ["value_chain_roles"],
    "rd_organisation": ["org_kind", "offers"],
    "incubator": ["org_kind"],
}
PER_KIND = 5
POOL = 50  # the nearest this many per kind are considered
NEAREST_PLOTS = 3


def suggest(
    spec: MatchSpec, matches: list[Match], zone_names: dict[str, str] | None = None
) -> dict[str, list[dict]]:
    """Partners near the best plots; `zone_names` (zone ref -> name) lets each reason name the
    plot with its zone, as lot codes repeat from zone to zone."""
    if not spec.technologies:
        return {kind: [] for kind in PARTNER_KINDS}
    plots = [m.doc for m in matches[:NEAREST_PLOTS]]
    if zone_names is None:
        zone_names = {
            ref: in_language(name, name_en)
            for ref, name, name_en in Zone.objects.published()
            .filter(ref__in={p.get("zone") for p in plots})
            .values_list("ref", "name", "name_en")
        }
    anchor = plots[0]["location"] if plots else None
    queries = [
        SearchQuery(
            kind=(kind,),
            technology=spec.technologies,
            near=(anchor["lat"], anchor["lon"]) if anchor else None,
            sort="distance" if anchor else "name",
            page_size=POOL,
            with_facets=False,
        )
        for kind in PARTNER_KINDS
    ]
    partners = {}
    for kind, results in zip(PARTNER_KINDS, service.search_many(queries), strict=True):
        refs = [hit.ref for hit in results.hits]
        records = (
            KINDS[kind]
            .objects.published()
            .filter(ref__in=refs)
            .only("ref", "name", "name_en", "lat", "lon", *ROLE_FIELDS[kind])
        )
        ranked = []
        for record in records:
            role_fit, role = _role(kind, record, spec.partner_roles)
            nearest = _nearest(record, plots, zone_names)
            ranked.append((role_fit, nearest, record, role))
        ranked.sort(key=lambda r: (-r[0], r[1][0] if r[1] else math.inf, r[2].ref))
        partners[kind] = [
            {
                "kind": kind,
                "ref": record.ref,
                "name": record.name,
                "name_en": record.name_en,
                "url": record_url(kind, record.ref),
                "distance_km": round(nearest[0], 3) if nearest else None,
                "reason": _reason(role, nearest),
            }
            for _fit, nearest, record, role in ranked[:PER_KIND]
        ]
    return partners


def _role(kind: str, record, partner_roles) -> tuple[int, str]:
    """How well the record fits (higher first) and its role in words."""
    if kind == "enterprise":
        roles = record.value_chain_roles or []
        fitting = [r for r in partner_roles if r in roles] or roles
        labels = dict(Enterprise.ValueChainRole.choices)
        fit = sum(1 for r in roles if r in partner_roles)
        return fit, ", ".join(str(labels[r]) for r in fitting[:2]) or _("Enterprise")
    if kind == "rd_organisation":
        offers = dict(RDOrganisation.Offer.choices)
        kind_label = str(dict(RDOrganisation.OrgKind.choices)[record.org_kind])
        named = [str(offers[o]) for o in (record.offers or [])[:2]]
        return len(record.offers or []), ": ".join(filter(None, [kind_label, ", ".join(named)]))
    return 0, str(dict(Incubator.OrgKind.choices)[record.org_kind])


def _nearest(record, plots: list[dict], zone_names: dict | None = None) -> tuple[float, str] | None:
    if record.lat is None or not plots:
        return None
    return min(
        (
            haversine_km(record.lat, record.lon, p["location"]["lat"], p["location"]["lon"]),
            plot_label((zone_names or {}).get(p.get("zone"), ""), p.get("code"), p["ref"]),
        )
        for p in plots
    )


def _reason(role: str, nearest: tuple[float, str] | None) -> str:
    if nearest is None:
        return role
    return _("%(role)s, %(km)s km from %(plot)s") % {
        "role": role,
        "km": formats.number_format(round(nearest[0], 0 if nearest[0] >= 10 else 1)),
        "plot": nearest[1],
    }


# A challenge's matched partners: the groups its `wanted` names, each drawn from a kind of record.
CHALLENGE_GROUPS = {
    "rd_organisation": "rd_organisation",
    "university": "rd_organisation",
    "startup": "enterprise",
    "enterprise": "enterprise",
    "expert": "expert",
}
PER_GROUP = 6


def for_challenge(challenge) -> dict[str, list[dict]]:
    """Partners whose technologies fit the challenge's, per group of `wanted` (every group when
    it names none), ranked by how many of the challenge's technologies they cover, then by role.

    A partner tagged with a technology or any of its descendants fits it (a challenge on
    `semiconductor` finds chip designers); a partner tagged only with a broader parent does not
    fit a narrower challenge, as the parent says nothing of the sub-field (and since the index
    stores each record's ancestors, searching by the parent would bring in every sibling too)."""
    wanted = [g for g in (challenge.wanted or CHALLENGE_GROUPS) if g in CHALLENGE_GROUPS]
    technologies = list(challenge.technologies.all())
    if not technologies or not wanted:
        return {group: [] for group in wanted}
    codes = tuple(t.code for t in technologies)
    kinds = sorted({CHALLENGE_GROUPS[g] for g in wanted})
    queries = [
        SearchQuery(kind=(k,), technology=codes, sort="name", page_size=POOL, with_facets=False)
        for k in kinds
    ]
    refs = {
        kind: [hit.ref for hit in results.hits]
        for kind, results in zip(kinds, service.search_many(queries), strict=True)
    }
    return {
        group: _ranked_group(group, refs[CHALLENGE_GROUPS[group]], technologies) for group in wanted
    }


def _in_group(group: str, record) -> bool:
    if group == "university":
        return record.org_kind == RDOrganisation.OrgKind.UNIVERSITY
    if group == "rd_organisation":
        return record.org_kind != RDOrganisation.OrgKind.UNIVERSITY
    if group == "startup":
        return bool(record.startup_stage)
    if group == "enterprise":
        return not record.startup_stage
    return True


def _ranked_group(group: str, refs: list[str], technologies) -> list[dict]:
    kind = CHALLENGE_GROUPS[group]
    records = KINDS[kind].objects.published().filter(ref__in=refs).prefetch_related("technologies")
    ranked = []
    for record in records:
        if not _in_group(group, record):
            continue
        own = [t.code for t in record.technologies.all()]
        fitting = [
            t for t in technologies if any(c == t.code or c.startswith(f"{t.code}.") for c in own)
        ]
        if not fitting:
            continue
        role_fit, role = _challenge_role(kind, record)
        ranked.append((len(fitting), role_fit, record, role, fitting))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2].name))
    return [
        {
            "kind": kind,
            "ref": record.ref,
            "name": record.name,
            "name_en": record.name_en,
            "url": record_url(kind, record.ref),
            "fit": fit,
            "reason": _challenge_reason(role, fitting, len(technologies)),
        }
        for fit, _role_fit, record, role, fitting in ranked[:PER_GROUP]
    ]


def _challenge_role(kind: str, record) -> tuple[int, str]:
    if kind == "expert":
        titles = dict(Expert.Title.choices)
        return 0, str(titles.get(record.expert_title, "")) or _("Expert")
    if kind == "enterprise" and record.startup_stage:
        stages = dict(Enterprise._meta.get_field("startup_stage").flatchoices)
        return len(record.value_chain_roles or []), _("Startup (%(stage)s)") % {
            "stage": stages.get(record.startup_stage, "")
        }
    return _role(kind, record, ())


def _challenge_reason(role: str, fitting, total: int) -> str:
    """ "Research institute: contract research; 2 of 3 technologies: chip design, IoT chips"."""
    names = ", ".join(in_language(t.name, t.name_en) for t in fitting)
    return _("%(role)s; %(count)s of %(total)s technologies: %(names)s") % {
        "role": role,
        "count": len(fitting),
        "total": total,
        "names": names,
    }
