"""GET /api/v1/geojson/: the search's records as an RFC 7946 FeatureCollection, for GIS tools
(GDAL, QGIS) and the portal's maps.

What GIS tools need, and why it is built this way:
- one named layer (`name`: GDAL's layer name), WGS 84 [lon, lat] rounded to 6 decimals, no `crs`;
- the same properties on every feature, each always of one JSON type or null: GDAL infers one
  column type per property from the values it sees (whole numbers are written without `.0`, as
  in every output: a column of whole numbers is Integer, one with a fraction anywhere is Real);
  a list is a list of strings or null, never empty (GDAL 3.6 makes a column whose first value
  is [] a JSON string column);
- zone outlines (`include=zones`) and landmarks (`include=landmarks`) as features of their own,
  told apart by the `layer` property; the outlines are Polygons wound by the right-hand rule;
- `count` is the number of features in this answer; the records the search matched but that have
  no location are counted in `without_location`; pages of up to 2,000 records, linked by `next`.

The properties come from the database's published rows (what the record pages show), for the
records the search found, in its order.
"""

from dataclasses import dataclass, replace

from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from registry.addresses import absolute_url, record_url
from registry.interchange.mapping import through_pairs
from registry.labels import plot_facts, plot_label
from registry.language import language, localized
from registry.models import KINDS, Technology
from registry.polygons import DECIMALS, rfc7946_polygon

from .query import MAX_WINDOW, InvalidQuery, SearchQuery, SearchResults, parse

MEDIA_TYPE = "application/geo+json"
LAYER_NAME = "dnhub_registry"
PAGE_SIZE = 2000
INCLUDES = ("landmarks", "zones")
# Every feature's properties, in this order; None (JSON null) where a kind has no such value.
PROPERTIES = (
    "layer",  # "records", "landmarks" or "zones" (a zone's outline)
    "kind",
    "ref",
    "name",
    "label",
    "url",
    "status",
    "code",
    "area_m2",
    "power_capacity_mw",
    "lease_price_usd_m2",
    "zone",
    "zone_name",
    "technologies",
    "suitable_for",  # a plot's: what it suits, from the same taxonomy
    "landmark_kind",
    "sample",
    "verified_on",
    "facts",
)
NUMBERS = ("area_m2", "power_capacity_mw", "lease_price_usd_m2")
KIND_COLUMNS = ("status", "code", *NUMBERS, "landmark_kind", "boundary")


@dataclass(frozen=True)
class GeoRequest:
    query: SearchQuery
    include: tuple[str, ...]
    lang: str


def _include(params, errors: dict) -> tuple[str, ...]:
    given = [v.strip() for raw in params.getlist("include") for v in raw.split(",") if v.strip()]
    unknown = [v for v in given if v not in INCLUDES]
    if unknown:
        errors["include"] = _("unknown value %(values)s; expected one of: %(allowed)s") % {
            "values": ", ".join(value[:40] for value in unknown[:5]),  # never echo a flood
            "allowed": ", ".join(INCLUDES),
        }
    return tuple(v for v in INCLUDES if v in given)


def read(params) -> GeoRequest:
    """The search's parameters, plus `page`, `page_size` (up to 2,000) and `include`; raises
    InvalidQuery naming every bad parameter."""
    errors: dict[str, str] = {}
    include = _include(params, errors)
    search_params = params.copy()
    for name in ("include", "sort"):  # a map is in name order
        search_params.pop(name, None)
    query = None
    try:
        query = parse(search_params, page_size=PAGE_SIZE, max_page_size=PAGE_SIZE)
    except InvalidQuery as problem:
        errors = {**problem.errors, **errors}
    if errors:
        raise InvalidQuery(errors)
    query = replace(query, sort="name", with_facets=False)
    return GeoRequest(query, include, language(params.get("lang")))


def _rows(kind: str, codes: dict[int, str], refs=None) -> dict[str, dict]:
    """Published rows of `kind` by ref (all of them when `refs` is None), with their zone's ref,
    technology codes (from `codes`: id -> code) and whether they are sample data: a few queries
    per kind."""
    model = KINDS[kind]
    names = {f.name for f in model._meta.fields}
    columns = ["pk", "ref", "name", "name_en", "lat", "lon", "verified_on"]
    columns += [column for column in KIND_COLUMNS if column in names]
    extra = {"zone_ref": F("zone__ref")} if "zone" in names else {}
    found = model.objects.published()
    if refs is not None:
        found = found.filter(ref__in=refs)
    rows = {row["ref"]: row for row in found.values(*columns, **extra)}
    samples = set(found.samples().values_list("ref", flat=True))
    by_pk = {row["pk"]: row for row in rows.values()}
    for row in rows.values():
        row["sample"] = row["ref"] in samples
        row["technologies"], row["suitable_for"] = [], []
    for field in model._meta.many_to_many:  # technologies, and a plot's suitable_for
        if field.name not in ("technologies", "suitable_for"):
            continue
        for record_id, tech_id in through_pairs(field, list(by_pk)):
            by_pk[record_id][field.name].append(codes[tech_id])
    for row in rows.values():
        row["technologies"].sort()
        row["suitable_for"].sort()
    return rows


def _properties(layer: str, kind: str, row: dict, lang: str, zone_names: dict) -> dict:
    name = localized(row, "name", lang)
    zone = row.get("zone_ref")
    values = {
        "layer": layer,
        "kind": kind,
        "ref": row["ref"],
        "name": name,
        # What a popup shows: lot codes repeat, so a plot is named with its zone.
        "label": plot_label(zone_names.get(zone), row.get("code"), name)
        if kind == "plot"
        else name,
        "url": absolute_url(record_url(kind, row["ref"], lang)),
        "zone": zone,
        "zone_name": zone_names.get(zone),
        "technologies": row["technologies"] or None,
        "suitable_for": row["suitable_for"] or None,
        "sample": row["sample"],
        "verified_on": row["verified_on"].isoformat() if row["verified_on"] else None,
        "facts": plot_facts(row) if kind == "plot" else "",
        **{n: row.get(n) for n in NUMBERS},
    }
    return {key: values.get(key, row.get(key)) for key in PROPERTIES}


def _point(row: dict) -> dict:
    return {
        "type": "Point",
        "coordinates": [round(row["lon"], DECIMALS), round(row["lat"], DECIMALS)],
    }


def _feature(feature_id: str, geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "id": feature_id, "geometry": geometry, "properties": properties}


def landmark_features(lang: str, codes: dict[int, str]) -> list[dict]:
    """Every published landmark with its location: the points people find their way by, on
    every map whatever was searched (landmarks are not search results)."""
    rows = sorted(_rows("landmark", codes).values(), key=lambda row: row["ref"])
    return [
        _feature(
            f"landmark:{row['ref']}",
            _point(row),
            _properties("landmarks", "landmark", row, lang, {}),
        )
        for row in rows
        if row["lat"] is not None
    ]


def _record_rows(results: SearchResults, codes: dict[int, str]) -> list[tuple[str, dict]]:
    """(kind, row) of the hits still published, in the search's order."""
    refs: dict[str, set[str]] = {}
    for hit in results.hits:
        if hit.kind in KINDS:  # a search-only kind (an answered question) has no place
            refs.setdefault(hit.kind, set()).add(hit.ref)
    rows = {kind: _rows(kind, codes, kind_refs) for kind, kind_refs in refs.items()}
    return [(h.kind, rows[h.kind][h.ref]) for h in results.hits if h.ref in rows.get(h.kind, {})]


def _zone_refs(records) -> set[str]:
    """The zones found, and the zones the records found lie in."""
    refs = {row.get("zone_ref") for _kind, row in records}
    refs |= {row["ref"] for kind, row in records if kind == "zone"}
    return refs - {None}


def _zone_features(zones: dict[str, dict], lang: str, zone_names: dict) -> list[dict]:
    """The outlines of these zones, where one is recorded."""
    features = []
    for ref, row in sorted(zones.items()):
        outline = rfc7946_polygon(row.get("boundary"))
        if outline is not None:
            properties = _properties("zones", "zone", row, lang, zone_names)
            features.append(_feature(f"zone:{ref}:boundary", outline, properties))
    return features


def _page_links(request, query: SearchQuery, matched: int) -> tuple[str | None, str | None]:
    def link(page: int) -> str:
        params = request.GET.copy()
        params["page"] = str(page)
        return absolute_url(f"{request.path}?{params.urlencode()}")

    more = query.page * query.page_size < matched
    reachable = (query.page + 1) * query.page_size <= MAX_WINDOW
    following = link(query.page + 1) if more and reachable else None
    return following, link(query.page - 1) if query.page > 1 else None


def collection(request, wanted: GeoRequest, results: SearchResults) -> dict:
    """The FeatureCollection of one page of results, with what `wanted.include` asks for."""
    lang = wanted.lang

    codes = dict(Technology.objects.values_list("id", "code"))
    records = _record_rows(results, codes)
    zones = _rows("zone", codes, _zone_refs(records))
    with translation.override(lang):
        zone_names = {ref: localized(row, "name", lang) for ref, row in zones.items()}
        features = [
            _feature(
                f"{kind}:{row['ref']}",
                _point(row),
                _properties("records", kind, row, lang, zone_names),
            )
            for kind, row in records
            if row["lat"] is not None
        ]
        without_location = len(records) - len(features)
        if "zones" in wanted.include:
            features += _zone_features(zones, lang, zone_names)
        landmarks = landmark_features(lang, codes)
    following, previous = _page_links(request, wanted.query, results.count)
    body = {
        "type": "FeatureCollection",
        "name": LAYER_NAME,
        "backend": results.backend,
        "count": 0,
        "matched": results.count,
        "without_location": without_location,
        "page": wanted.query.page,
        "page_size": wanted.query.page_size,
        "next": following,
        "previous": previous,
        "features": features,
    }
    if "landmarks" in wanted.include:
        features += landmarks
    else:
        body["landmarks"] = landmarks  # the answer's shape before `include` (a foreign member)
    body["count"] = len(features)
    return body
