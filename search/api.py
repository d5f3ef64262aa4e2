"""The public search API (shared/spec/api.md): JSON only, published records only, never a 500
for bad input."""

import csv
import io
import json
from dataclasses import replace

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import JsonResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from registry.addresses import record_url
from registry.geo import haversine_km
from registry.interchange.exporter import csv_columns, csv_row, iter_records, record_for_api
from registry.labels import plot_facts, plot_label
from registry.language import in_language, language, localized
from registry.models import KINDS, Landmark, Zone
from registry.validators import validate_ref

from . import match_partners, match_profiles, service
from .api_http import InvalidBody, allow, error, invalid, read_json, too_large
from .excerpts import excerpt
from .links import pagination_links
from .matching import checks
from .matching.reading import read_request
from .query import InvalidQuery, parse


def _language(request) -> str:
    return language(request.GET.get("lang"))


@allow("GET")
def search_view(request):
    try:
        query = parse(request.GET)
        results = service.search(query)
    except InvalidQuery as problem:
        return invalid(problem)
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
                }
                for hit in results.hits
            ],
            "facets": results.facets,
            "links": pagination_links(request, query.page, query.page_size, results.count),
        },
        json_dumps_params={"ensure_ascii": False},
    )


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
        json_dumps_params={"ensure_ascii": False},
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
        return error(
            404,
            "not_found",
            _("No published %(kind)s with ref %(ref)s.") % {"kind": kind, "ref": ref},
        )
    data = record_for_api(record)
    data["url"] = record_url(kind, ref)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@allow("GET")
def export_view(request):
    """Published records in the interchange format, streamed: JSON Lines of any kinds, or CSV
    of one kind (open data: nothing private, nothing unpublished)."""
    kinds = request.GET.getlist("kind") or list(KINDS)
    fmt = request.GET.get("format", "jsonl")
    fields = {}
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        fields["kind"] = _("unknown value %(values)s; expected one of: %(allowed)s") % {
            "values": ", ".join(unknown),
            "allowed": ", ".join(KINDS),
        }
    if fmt not in ("jsonl", "csv"):
        fields["format"] = _("expected one of: %(allowed)s") % {"allowed": "jsonl, csv"}
    elif fmt == "csv" and len(kinds) != 1:
        fields["kind"] = _("CSV holds one kind: give exactly one kind")
    if fields:
        return error(400, "invalid_parameter", _("Invalid parameters."), fields)
    if fmt == "jsonl":
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in iter_records(kinds))
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
        filename = "dnhub-registry.jsonl"
    else:
        response = StreamingHttpResponse(
            _csv_lines(kinds[0]), content_type="text/csv; charset=utf-8"
        )
        filename = f"dnhub-{kinds[0]}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_lines(kind: str):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(kind))
    yield "\ufeff"
    writer.writeheader()
    for record in iter_records([kind]):
        writer.writerow(csv_row(record))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


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
                    "location": m.doc["location"],
                    "score": m.score,
                    "criteria": m.criteria,
                    "distances_km": {
                        ref: round(
                            haversine_km(
                                *point, m.doc["location"]["lat"], m.doc["location"]["lon"]
                            ),
                            3,
                        )
                        for ref, point in landmarks.items()
                    },
                }
                for m in matches
            ],
            "partners": suggested,
            "warnings": spec.warnings,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@allow("GET")
def match_profiles_view(request):
    """GET /api/v1/match/profiles/: the presets, with the reasoning and source of each figure."""
    return JsonResponse(
        match_profiles.listing(_language(request)), json_dumps_params={"ensure_ascii": False}
    )


GEOJSON_LIMIT = 2000


def landmark_features(lang: str) -> list[dict]:
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "kind": "landmark",
                "landmark_kind": landmark_kind,
                "ref": ref,
                "name": in_language(name, name_en, lang),
                "url": record_url("landmark", ref, lang),
            },
        }
        for ref, name, name_en, landmark_kind, lat, lon in Landmark.objects.published()
        .exclude(lat=None)
        .exclude(lon=None)
        .order_by("ref")
        .values_list("ref", "name", "name_en", "landmark_kind", "lat", "lon")
    ]


@allow("GET")
def geojson_view(request):
    """GET /api/v1/geojson/: the search's records with a location, as GeoJSON points (for the
    portal's map; the same parameters as /search/, without paging)."""
    params = request.GET.copy()
    for name in ("page", "page_size", "sort"):
        params.pop(name, None)
    try:
        query = parse(params)
        query = replace(query, page=1, page_size=GEOJSON_LIMIT, sort="name", with_facets=False)
        results = service.search(query)
    except InvalidQuery as problem:
        return invalid(problem)
    lang = _language(request)
    zone_names, zone_boundaries = _zones_of(results.hits, lang)
    with translation.override(lang):
        features = [
            _hit_feature(h, lang, zone_names, zone_boundaries) for h in results.hits if h.location
        ]
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "backend": results.backend,
            "count": results.count,
            "truncated": results.count > GEOJSON_LIMIT,
            "features": features,
            # The points people find their way by (airport, seaport, universities…), on every
            # map whatever was searched: landmarks are not search results.
            "landmarks": landmark_features(lang),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _zones_of(hits, lang: str) -> tuple[dict, dict]:
    """Names and outlines of the zones named by plots and firms, and of the zones found
    themselves (for their outlines)."""
    zone_refs = {h.zone for h in hits if h.zone} | {h.ref for h in hits if h.kind == "zone"}
    zone_names, zone_boundaries = {}, {}
    for ref, name, name_en, boundary in (
        Zone.objects.published()
        .filter(ref__in=zone_refs)
        .values_list("ref", "name", "name_en", "boundary")
    ):
        zone_names[ref] = in_language(name, name_en, lang)
        zone_boundaries[ref] = boundary
    return zone_names, zone_boundaries


def _hit_feature(h, lang: str, zone_names: dict, zone_boundaries: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [h.location["lon"], h.location["lat"]],
        },
        "properties": {
            "kind": h.kind,
            "ref": h.ref,
            "name": localized(h, "name", lang),
            "url": record_url(h.kind, h.ref, lang),
            "zone_name": zone_names.get(h.zone) if h.kind != "zone" else None,
            # What a popup shows: lot codes repeat, so a plot is named with its zone.
            "label": plot_label(zone_names.get(h.zone), h.code, h.name)
            if h.kind == "plot"
            else localized(h, "name", lang),
            "facts": plot_facts(h) if h.kind == "plot" else "",
            # A zone's approximate outline (a GeoJSON Polygon), where one is recorded.
            "boundary": zone_boundaries.get(h.ref) if h.kind == "zone" else None,
        },
    }
