"""The site finder: a sector preset, its thresholds and weights adjustable in a plain GET form
(so the URL is the shareable state), ranked plots with every criterion explained, and partners."""

from dataclasses import dataclass, field

from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from registry.addresses import absolute_url, record_url
from registry.labels import plot_facts, plot_label
from registry.language import in_language, localized
from registry.models import Landmark, Plot, Technology, Zone
from registry.plot_attributes import attributes, label_of_requirement
from search import match_partners, match_profiles, service
from search.matching import checks
from search.matching.reading import read_request
from search.matching.spec import (
    FLAG_KEYS,
    NUMBER_REQUIREMENTS,
    RANK_REQUIREMENTS,
    MatchSpec,
)
from search.models import MatchProfile
from search.query import InvalidQuery

# The criteria's names: the plot attributes' from their declaration (a flag's requirement and
# preference share a key, and the requirement's wording), then the two that are not attributes.
LABELS = {
    **{attribute.name: capfirst(attribute.label) for attribute in attributes(preference=True)},
    **{
        attribute.requirement: label_of_requirement(attribute)
        for attribute in attributes(requirement=True)
    },
    "zone_kind": _("Zone type"),
    "within_km": _("Within (km) of"),
}
AIRPORT = "lt-airport"


def label(key: str, landmark_names: dict | None = None) -> str:
    if key.startswith("km_to:"):
        ref = key.removeprefix("km_to:")
        return _("Distance to %(place)s (km)") % {"place": (landmark_names or {}).get(ref, ref)}
    return str(LABELS.get(key.split("[")[0], key))


def zone_names(refs: set) -> dict[str, str]:
    return {
        ref: in_language(name, name_en)
        for ref, name, name_en in Zone.objects.published()
        .filter(ref__in=refs)
        .values_list("ref", "name", "name_en")
    }


def landmark_names() -> dict[str, str]:
    return {
        ref: in_language(name, name_en)
        for ref, name, name_en in Landmark.objects.published().values_list("ref", "name", "name_en")
    }


def rank_choices(attribute) -> list[tuple[str, str]]:
    """ "any", then the ranks in order, named as the model names them."""
    names = dict(Plot._meta.get_field(attribute.name).choices)
    return [("", _("any")), *((rank, names.get(rank, rank)) for rank in attribute.ranks)]


def plain(value):
    """5.0 -> 5: what a person would type."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def number(raw: str):
    try:
        value = float(raw)
    except ValueError:
        return raw  # read_request names it as not a number
    return int(value) if value.is_integer() else value


def readable_values(names: dict) -> dict:
    """Codes -> words for the explanation table: statuses, flood risk, zone kinds, technologies."""
    words = {
        **dict(Plot.Status.choices),
        **dict(Plot.FloodRisk.choices),
        **dict(Zone.ZoneKind.choices),
    }
    for code, name, name_en in Technology.objects.values_list("code", "name", "name_en"):
        words[code] = in_language(name, name_en) or code
    return {key: str(value) for key, value in words.items()} | {"_landmarks": names}


def readable(value, words: dict, key: str = "") -> str:
    """A criterion's target or value as a person reads it (years never grouped)."""
    from django.utils import formats
    from django.utils.translation import gettext

    if value is None:
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(readable(v, words) for v in value)
    if isinstance(value, dict):  # an area of within_km
        place = words["_landmarks"].get(value.get("landmark"), value.get("landmark") or "")
        if not place and "point" in value:
            place = f"{value['point']['lat']}, {value['point']['lon']}"
        return gettext("≤ %(km)s km of %(place)s") % {
            "km": readable(value["km"], words),
            "place": place,
        }
    if isinstance(value, int | float) and key.endswith("_year"):
        return str(int(value))
    if isinstance(value, int | float):
        value = round(value, 2)
        value = int(value) if float(value).is_integer() else value
        return formats.number_format(value, force_grouping=True)
    return words.get(value, str(value))


def fields_count(get) -> bool:
    """Whether the form's requirement and weight fields are the visitor's own settings. The form
    says which preset its fields show (`loaded`): when the visitor picks another sector, that
    sector's preset applies at once. A shared link without `loaded` counts its fields when it
    sets any."""
    if "go" not in get:
        return False
    if "loaded" in get:
        return get.get("loaded", "") == get.get("profile", "")
    return any(
        value.strip()
        for key, values in get.lists()
        if key.startswith(("r.", "w."))
        for value in values
    )


def request_body(get, preset: dict | None) -> dict:
    """The match request the form describes. Before the form is first submitted, or when it
    switches sector, the preset alone; afterwards every field counts, and an emptied one removes
    the preset's criterion."""
    body = {"limit": 20}
    if get.get("profile"):
        body["profile"] = get["profile"]
    if not fields_count(get):
        return body
    require, prefer = {}, {}
    for key in NUMBER_REQUIREMENTS:
        raw = get.get(f"r.{key}", "").strip()
        require[key] = number(raw) if raw else None
    for key in RANK_REQUIREMENTS:
        require[key] = get.get(f"r.{key}") or None
    for key in FLAG_KEYS:
        require[key] = True if get.get(f"r.{key}") else None
    airport = get.get("r.airport_km", "").strip()
    require["within_km"] = {"landmark": AIRPORT, "km": number(airport)} if airport else None
    for key in (preset or {}).get("prefer", {}):
        raw = get.get(f"w.{key}", "").strip()
        weight = number(raw) if raw else 0
        prefer[key] = {"weight": weight} if weight != 0 else None
    body["require"], body["prefer"] = require, prefer
    return body


def form_values(body: dict, preset: dict | None, names: dict) -> dict:
    require = {**(preset or {}).get("require", {}), **body.get("require", {})}
    prefer = {**(preset or {}).get("prefer", {})}
    for key, given in body.get("prefer", {}).items():
        prefer[key] = {**prefer.get(key, {}), **given} if given else None
    within = require.get("within_km")
    return {
        "numbers": [
            {"key": key, "name": f"r.{key}", "label": label(key),
             "value": "" if require.get(key) is None else plain(require[key])}
            for key in NUMBER_REQUIREMENTS
        ],
        # Flood risk at most: a choice among the ranks.
        "ranks": [
            {"key": key, "name": f"r.{key}", "label": label(key),
             "value": require.get(key) or "", "choices": rank_choices(attribute)}
            for key, attribute in RANK_REQUIREMENTS.items()
        ],
        "flags": [
            {"key": key, "name": f"r.{key}", "label": label(key), "checked": bool(require.get(key))}
            for key in FLAG_KEYS
        ],
        "airport_km": within["km"] if isinstance(within, dict) and within.get("landmark") == AIRPORT
        else "",
        "weights": [
            {"key": key, "name": f"w.{key}", "label": label(key, names),
             "value": plain((given or {}).get("weight", 0))}
            for key, given in ((preset or {}).get("prefer", {}) | {
                k: v for k, v in prefer.items() if k in (preset or {}).get("prefer", {})
            }).items()
        ],
    }  # fmt: skip


def loosening_hints(body: dict, spec, presets, landmarks, codes) -> list[dict]:
    """With no result: how many plots each requirement alone keeps out."""
    hints = []
    for condition in spec.conditions:
        key = condition.key.split("[")[0]
        if key == "status":
            continue
        looser = {**body, "require": {**body.get("require", {}), key: None}, "limit": 1}
        try:
            _backend, count, _matches = service.match(
                read_request(looser, presets, landmarks, codes)
            )
        except InvalidQuery:
            continue
        if count:
            hints.append({"label": label(key), "count": count})
    return sorted(hints, key=lambda h: -h["count"])


@dataclass
class FinderRun:
    """What one submission of the form found: the spec read from it (None when it is invalid,
    with `errors` by form field), the ranked plots and the partners to suggest."""

    spec: MatchSpec | None = None
    errors: dict = field(default_factory=dict)
    backend: str = ""
    count: int = 0
    matches: list = field(default_factory=list)
    zones: dict = field(default_factory=dict)
    partners: dict | list = field(default_factory=dict)


def run_finder(body: dict, presets, landmarks: dict, codes: set) -> FinderRun:
    try:
        spec = read_request(body, presets, landmarks, codes)
        backend, count, matches = service.match(spec)
        zones = zone_names({match.doc.get("zone") for match in matches})
        return FinderRun(
            spec, {}, backend, count, matches, zones, match_partners.suggest(spec, matches, zones)
        )
    except InvalidQuery as invalid:
        # The API's paths (require.min_power_mw) named as the form's fields (r.min_power_mw).
        errors = {
            path.replace("require.", "r.").split("[")[0]: m for path, m in invalid.errors.items()
        }
        return FinderRun(errors=errors)


def result_rows(run: FinderRun, names: dict, lang: str) -> list[dict]:
    """The ranked plots as the page lists them, each criterion in words."""
    words = readable_values(names)
    rows = []
    for rank, match in enumerate(run.matches, 1):
        doc = match.doc
        rows.append(
            {
                "rank": rank,
                "ref": doc["ref"],
                "name": localized(doc, "name", lang),
                # Lot codes repeat from zone to zone: a plot is named by both.
                "label": plot_label(run.zones.get(doc.get("zone")), doc.get("code"), doc["name"]),
                "facts": plot_facts(doc),
                "url": record_url("plot", doc["ref"]),
                "zone": doc.get("zone"),
                "score": match.score,
                "criteria": [
                    {
                        **c,
                        "label": label(c["key"], names),
                        "target_text": readable(c["target"], words, c["key"]),
                        "value_text": readable(c["value"], words, c["key"]),
                    }
                    for c in match.criteria
                ],
            }
        )
    return rows


def serve_finder(page, request):
    presets = match_profiles.presets()
    choices = list(MatchProfile.objects.order_by("sort_order", "code"))
    selected = request.GET.get("profile", "")
    preset = presets.get(selected) if selected else None
    body = request_body(request.GET, preset)
    landmarks = checks.landmark_points()
    codes = checks.technology_codes()
    names = landmark_names()
    run = run_finder(body, presets, landmarks, codes)
    results, hints = [], []
    if run.spec is not None:
        results = result_rows(run, names, request.LANGUAGE_CODE)
        if run.count == 0 and run.spec.conditions:
            hints = loosening_hints(body, run.spec, presets, landmarks, codes)
    context = {
        "page": page,
        "self": page,
        "request": request,
        "profiles": choices,
        "selected": selected,
        "preset": next((p for p in choices if p.code == selected), None),
        "form": form_values(body, preset, names),
        "errors": run.errors,
        "results": results,
        # With no preference every score is 0: a list, not a ranking.
        "ranked": any(result["score"] for result in results),
        "count": run.count,
        "backend": run.backend,
        "partners": run.partners,
        "hints": hints,
        "warnings": run.spec.warnings if run.spec else [],
        "share_url": absolute_url(request.get_full_path()),
    }
    return TemplateResponse(
        request, "cms/site_finder_page.html", context, status=400 if run.errors else 200
    )
