"""The public search API (docs/api.md): JSON only, published records only, never a 500
for bad input."""

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from registry.addresses import record_url
from registry.duplicates import survivor_of
from registry.geo import haversine_km
from registry.interchange.downloads import export_parameter_errors, export_response
from registry.interchange.exporter import record_for_api
from registry.language import language, localized
from registry.models import KINDS
from registry.numbers import PlainNumberJSONEncoder
from registry.validators import validate_ref

from . import answer_cache, geojson, match_partners, match_profiles, service
from .api_http import InvalidBody, allow, error, invalid, read_json, too_large
from .backends import elasticsearch_backend
from .excerpts import excerpt
from .links import pagination_links
from .matching import checks
from .matching.reading import read_request
from .query import InvalidQuery, parse

# Vietnamese as is, and whole numbers without ".0" (20000, not 20000.0).
JSON_OPTIONS = {"encoder": PlainNumberJSONEncoder, "json_dumps_params": {"ensure_ascii": False}}


def _language(request) -> str:
    return language(request.GET.get("lang"))


@allow("GET")
def search_view(request):
    kept = answer_cache.cached_answer(request, "search")
    if kept is not None:
        return kept
    try:
        query = parse(request.GET)
        results = service.search(query)
    except InvalidQuery as problem:
        return invalid(problem)
    response = _search_answer(request, query, results)
    primary = elasticsearch_backend() is None or results.backend == "elasticsearch"
    answer_cache.keep(request, "search", response, primary=primary)
    return response


def _search_answer(request, query, results) -> JsonResponse:
    lang = _language(request)
    words = query.words
    return JsonResponse(
        {
            "backend": results.backend,
            "count": results.count,
            "page": query.page,
            "page_size": query.page_size,
            "results": [
                {
                    "kind": hit.kind,
                    "ref": hit.ref,
                    "name": hit.name,
                    "name_en": hit.name_en,
                    "url": record_url(hit.kind, hit.ref, lang),
                    "score": hit.score,
                    "snippet": excerpt(
                        localized(hit, "description", lang),
                        words,
                    ),
                    "distance_km": hit.distance_km,
                    "sample": hit.sample,
                    **own_facts(hit),
                }
                for hit in results.hits
            ],
            "facets": results.facets,
            "links": pagination_links(request, query.page, query.page_size, results.count),
        },
        **JSON_OPTIONS,
    )


def own_facts(hit) -> dict:
    """A challenge's and an expert's own public values in a result (None for other kinds)."""
    return {
        "challenge_status": hit.facts.get("challenge_status"),
        "challenge_kind": hit.facts.get("challenge_kind"),
        "expert_title": hit.facts.get("expert_title"),
        "accepts_questions": hit.facts.get("accepts_questions") == "true"
        if hit.kind == "expert"
        else None,
    }


@allow("GET")
def suggest_view(request):
    text = request.GET.get("q", "")  # checked by its declaration (search/api_params.py)
    try:
        hits = service.suggest(text, 10)
    except InvalidQuery as problem:
        return invalid(problem)
    return JsonResponse(
        {
            "backend": service.backend_name_for_suggest(),
            "results": [
                {
                    "kind": h.kind,
                    "ref": h.ref,
                    "name": h.name,
                    "name_en": h.name_en,
                    "url": record_url(h.kind, h.ref),
                }
                for h in hits
            ],
        },
        **JSON_OPTIONS,
    )


@allow("GET")
def record_view(request, kind: str, ref: str):
    if kind not in KINDS:
        return error(404, "not_found", _("Unknown kind %(kind)s.") % {"kind": kind})
    try:
        validate_ref(ref)  # before the database sees it: PostgreSQL refuses NUL bytes
    except ValidationError:
        record = None
    else:
        record = KINDS[kind].objects.published().filter(ref=ref).first()
    if record is None:
        survivor = survivor_of(kind, ref)
        if survivor is not None:  # merged into another record: answer with that one, for good
            return HttpResponsePermanentRedirect(
                reverse("api-record", kwargs={"kind": kind, "ref": survivor.ref})
            )
        return error(
            404,
            "not_found",
            _("No published %(kind)s with ref %(ref)s.") % {"kind": kind, "ref": ref},
        )
    data = record_for_api(record)
    data["url"] = record_url(kind, ref)
    return JsonResponse(data, **JSON_OPTIONS)


@allow("GET")
def export_view(request):
    """Published records in the interchange format: JSON Lines of any kinds (streamed), CSV of
    one kind (streamed), or an XLSX workbook of any kinds (open data: nothing private, nothing
    unpublished)."""
    kinds = request.GET.getlist("kind") or list(KINDS)
    fmt = request.GET.get("format", "jsonl")
    fields = export_parameter_errors(kinds, fmt)
    if fields:
        return error(400, "invalid_parameter", _("Invalid parameters."), fields)
    return export_response(kinds, fmt)


MAX_MATCH_BODY = 64 * 1024


@allow("POST")
def match_view(request):
    """POST /api/v1/match/: plots ranked for an investor's requirements, every score explained."""
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_MATCH_BODY:  # refused before reading it
        return too_large(MAX_MATCH_BODY)
    try:
        raw = request.body
    except RequestDataTooBig:
        return too_large(MAX_MATCH_BODY)
    if len(raw) > MAX_MATCH_BODY:
        return too_large(MAX_MATCH_BODY)
    try:
        body = read_json(raw)
    except InvalidBody as problem:
        return error(400, "invalid_body", _("The body is not valid JSON."), {"body": str(problem)})
    landmarks = checks.landmark_points()
    try:
        spec = read_request(body, match_profiles.presets(), landmarks, checks.technology_codes())
        backend, count, matches = service.match(spec)
        with translation.override(_language(request)):
            suggested = match_partners.suggest(spec, matches)
    except InvalidQuery as problem:
        return invalid(problem)
    return JsonResponse(
        {
            "backend": backend,
            "profile": spec.profile,
            "count": count,
            "results": [
                {
                    "kind": "plot",
                    "ref": m.doc["ref"],
                    "code": m.doc.get("code"),
                    "name": m.doc["name"],
                    "name_en": m.doc["name_en"],
                    "zone": m.doc["zone"],
                    "url": record_url("plot", m.doc["ref"]),
                    "sample": bool(m.doc.get("sample")),
                    "location": m.doc["location"],
                    "score": m.score,
                    "criteria": m.criteria,
                    "distances_km": _distances_km(landmarks, m.doc["location"]),
                }
                for m in matches
            ],
            "partners": suggested,
            "warnings": spec.warnings,
        },
        **JSON_OPTIONS,
    )


def _distances_km(landmarks: dict, location: dict) -> dict[str, float]:
    return {
        ref: round(haversine_km(*point, location["lat"], location["lon"]), 3)
        for ref, point in landmarks.items()
    }


@allow("GET")
def match_profiles_view(request):
    """GET /api/v1/match/profiles/: the presets, with the reasoning and source of each figure."""
    return JsonResponse(match_profiles.listing(_language(request)), **JSON_OPTIONS)


@allow("GET")
def geojson_view(request):
    """GET /api/v1/geojson/: the search's records as GeoJSON (RFC 7946); see search/geojson.py."""
    try:
        wanted = geojson.read(request.GET)
        results = service.search(wanted.query)
    except InvalidQuery as problem:
        return invalid(problem)
    return JsonResponse(
        geojson.collection(request, wanted, results),
        content_type=geojson.MEDIA_TYPE,
        **JSON_OPTIONS,
    )
