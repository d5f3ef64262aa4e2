"""The search page: the API's search, rendered on the server (works without JavaScript), with
facet checkboxes and counts, range filters, sorting, pages and a map fed by /api/v1/geojson/."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.addresses import record_url
from registry.labels import plot_facts, plot_label
from registry.language import localized
from registry.models import (
    KINDS,
    Challenge,
    Enterprise,
    Expert,
    Incubator,
    Landmark,
    Plot,
    RDOrganisation,
    Technology,
    Zone,
)
from registry.plot_attributes import attributes
from search import service
from search.query import SORTS, InvalidQuery, parse

# Range filters on distances, as the portal names them: parameter -> landmark ref.
DISTANCE_FILTERS = {"airport_km": "lt-airport", "port_km": "cai-mep-thi-vai-port"}
SORT_LABELS = {
    "relevance": _("Relevance"),
    "name": _("Name"),
    "-area_m2": _("Largest area"),
    "-power_capacity_mw": _("Most power"),
    "lease_price_usd_m2": _("Lowest lease price"),
    "distance": _("Distance"),
}
FACETED = attributes(facet=True)  # the plot attributes among the facets (status)
FACET_TITLES = {
    "kind": _("Type"),
    "technology": _("Technology"),
    "zone": _("Zone"),
    **{attribute.name: attribute.facet_label for attribute in FACETED},
    "zone_kind": _("Zone type"),
    "ownership": _("Ownership"),
    "org_kind": _("Organisation type"),
    "challenge_status": _("Challenge status"),
    "challenge_kind": _("Type of challenge"),
    "expert_title": _("Expert's title"),
    "accepts_questions": _("Questions"),
}
KIND_LABELS = {kind: model._meta.verbose_name for kind, model in KINDS.items()}
KIND_LABELS["question"] = _("Answered question")  # the Q&A pages of "ask an expert"


def api_params(get):
    """The page's query string as the API's parameters (distance filters become `within`)."""
    params = get.copy()
    for name, landmark in DISTANCE_FILTERS.items():
        km = params.pop(name, [""])[-1]
        if km:
            params.appendlist("within", f"{landmark}:{km}")
    params.pop("lang", None)
    return params


def choice_labels() -> dict[str, dict[str, str]]:
    return {
        "kind": {k: str(v) for k, v in KIND_LABELS.items()},
        **{a.name: dict(Plot._meta.get_field(a.name).choices) for a in FACETED},
        "zone_kind": dict(Zone.ZoneKind.choices),
        "ownership": dict(Enterprise.Ownership.choices),
        "org_kind": {**dict(RDOrganisation.OrgKind.choices), **dict(Incubator.OrgKind.choices)},
        "challenge_status": dict(Challenge.Status.choices),
        "challenge_kind": dict(Challenge.ChallengeKind.choices),
        "expert_title": dict(Expert.Title.choices),
        "accepts_questions": {"true": _("Accepts questions")},
    }


def facet_groups(results, query, lang: str) -> list[dict]:
    labels = choice_labels()

    def shown(facet) -> set:
        """The values a facet lists: those with results and those ticked (even with none)."""
        return set(results.facets.get(facet, {})) | set(query.facet_values(facet) if query else ())

    technology_names = {
        t["code"]: localized(t, "name", lang) or t["code"]
        for t in Technology.objects.filter(code__in=shown("technology")).values()
    }
    zone_names = {
        z["ref"]: localized(z, "name", lang)
        for z in Zone.objects.published()
        .filter(ref__in=shown("zone"))
        .values("ref", "name", "name_en")
    }
    groups = []
    for facet, title in FACET_TITLES.items():
        selected = set(query.facet_values(facet)) if query else set()
        # A ticked value that no longer has results still shows (with 0), so it can be unticked.
        counts = results.facets.get(facet, {}) | {
            value: 0 for value in sorted(selected) if value not in results.facets.get(facet, {})
        }
        names = {"technology": technology_names, "zone": zone_names}.get(
            facet, labels.get(facet, {})
        )
        options = [
            {"value": value, "label": names.get(value, value), "count": count,
             "checked": value in selected, "depth": value.count(".")}
            for value, count in counts.items()
        ]  # fmt: skip
        if facet != "technology":
            options.sort(key=lambda o: (-o["count"], str(o["label"])))
        if options:
            groups.append({"name": facet, "title": title, "options": options})
    return groups


RANGE_LABELS = {
    "min_area_m2": _("Plot area at least %(value)s m²"),
    "min_power_mw": _("Power at least %(value)s MW"),
    "airport_km": _("Within %(value)s km of Long Thành airport"),
    "port_km": _("Within %(value)s km of Cái Mép – Thị Vải port"),
}


def active_filters(get, facets: list[dict]) -> list[dict]:
    """Every filter in force, each with a link that drops just it and keeps the rest."""

    def without(name, value) -> str:
        params = get.copy()
        params.setlist(name, [v for v in params.getlist(name) if v != value])
        params.pop("page", None)
        return f"?{params.urlencode()}"

    active = []
    for group in facets:
        for option in group["options"]:
            if option["checked"]:
                active.append(
                    {
                        "label": f"{group['title']}: {capfirst(option['label'])}",
                        "remove": without(group["name"], option["value"]),
                    }
                )
    for name, text in RANGE_LABELS.items():
        for value in get.getlist(name):
            if value.strip():
                active.append({"label": text % {"value": value}, "remove": without(name, value)})
    return active


def map_labels() -> dict:
    """The map legend's words in the page's language, handed to portal.js as JSON data."""
    return {
        "kinds": {
            kind: str(capfirst(model._meta.verbose_name_plural)) for kind, model in KINDS.items()
        },
        "landmarks": {value: str(label) for value, label in Landmark.LandmarkKind.choices},
    }


def run_search(get):
    """(query, results, errors): the page's parameters read and searched, or what is wrong."""
    try:
        query = parse(api_params(get))
        return query, service.search(query), {}
    except InvalidQuery as invalid:
        return None, None, invalid.errors


def hit_rows(results, lang: str) -> list[dict]:
    """The results as the list shows them: names in the page's language, plots with their
    zone and figures."""
    zone_refs = {hit.zone for hit in results.hits if hit.zone and hit.kind != "zone"}
    zone_names = {
        z["ref"]: localized(z, "name", lang)
        for z in Zone.objects.published().filter(ref__in=zone_refs).values("ref", "name", "name_en")
    }
    statuses = dict(Plot.Status.choices)
    rows = []
    for hit in results.hits:
        plot = hit.kind == "plot"
        rows.append(
            {
                "hit": hit,
                "name": localized(hit, "name", lang),
                "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
                "url": record_url(hit.kind, hit.ref),
                "description": localized(hit, "description", lang),
                "zone_name": zone_names.get(hit.zone) if hit.kind != "zone" else None,
                "zone_url": record_url("zone", hit.zone) if hit.zone else None,
                "status_label": statuses.get(hit.status) if plot else None,
                # Lot codes repeat from zone to zone: a plot is named by both.
                "plot_label": plot_label(zone_names.get(hit.zone), hit.code, "") if plot else None,
                "plot_facts": plot_facts(hit) if plot else None,
            }
        )
    return rows


def pagination(query, results) -> dict | None:
    """Previous, next and last page, within the 10,000 results a search can page through."""
    if results.count <= query.page_size:
        return None
    last = min((results.count - 1) // query.page_size + 1, 10_000 // query.page_size)
    return {
        "current": query.page,
        "last": last,
        "previous": query.page - 1 if query.page > 1 else None,
        "next": query.page + 1 if query.page < last else None,
    }


def geojson_url(get) -> str:
    """The map's data: the same search, every page of it, with the zones' outlines and the
    landmarks."""
    params = api_params(get)
    for name in ("page", "page_size", "sort"):
        params.pop(name, None)
    params["include"] = "landmarks,zones"
    return f"{reverse('api-geojson')}?{params.urlencode()}"


def serve_search(page, request):
    lang = request.LANGUAGE_CODE
    query, results, errors = run_search(request.GET)
    facets = facet_groups(results, query, lang) if results else []
    context = {
        "page": page,
        "self": page,
        "request": request,
        "query": query,
        "q": request.GET.get("q", ""),
        "errors": errors,
        "results": results,
        "hits": hit_rows(results, lang) if results is not None else [],
        "facets": facets,
        "active_filters": active_filters(request.GET, facets),
        "pages": pagination(query, results) if results is not None else None,
        "sorts": [(value, SORT_LABELS[value]) for value in SORTS],
        "sort": request.GET.get("sort", "relevance"),
        "distance_filters": {name: request.GET.get(name, "") for name in DISTANCE_FILTERS},
        "min_area_m2": request.GET.get("min_area_m2", ""),
        "min_power_mw": request.GET.get("min_power_mw", ""),
        "geojson_url": geojson_url(request.GET),
        "map_labels": map_labels(),
    }
    return TemplateResponse(request, "cms/search_page.html", context, status=400 if errors else 200)
