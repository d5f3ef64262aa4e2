"""The search document of a registry record: one shape for both backends.

Text is folded in Python (search.text.fold) before it reaches either backend, so Elasticsearch
needs only its built-in standard analyzer: no analysis plugin, no painless.
"""

import hashlib
import json
from collections.abc import Iterator

from elasticsearch_dsl import Document, Float, GeoPoint, Keyword, Text

from registry.interchange.mapping import through_pairs
from registry.models import KINDS, Record, Technology

from .text import fold

# Landmarks are reference points for distances, not search results.
SEARCHABLE_KINDS = ("zone", "plot", "enterprise", "rd_organisation", "incubator")
FACETS = ("kind", "technology", "zone", "ownership", "status", "org_kind", "zone_kind")
CHUNK = 1000


def doc_id(kind: str, ref: str) -> str:
    return f"{kind}:{ref}"


def spaced(text: str) -> str:
    """' word word ': a leading space lets ' wo' match whole words and prefixes only."""
    return f" {text} " if text else ""


def expand_codes(codes) -> list[str]:
    expanded = set()
    for code in codes:
        parts = code.split(".")
        expanded.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(expanded)


def build_document(record: Record, codes: list[str]) -> dict:
    names = fold(" ".join(filter(None, [record.name, record.name_en])))
    text = fold(
        " ".join(
            filter(
                None,
                [
                    record.ref,
                    record.name,
                    record.name_en,
                    record.description_vi,
                    record.description_en,
                ],
            )
        )
    )
    doc = {
        "kind": record.kind,
        "ref": record.ref,
        "name": record.name,
        "name_en": record.name_en,
        "name_sort": fold(record.name),
        "names": spaced(names),
        "text": spaced(text),
        "technologies": expand_codes(codes),
        "zone": record.zone_ref,
        "ownership": getattr(record, "ownership", None) or None,
        "status": getattr(record, "status", None) or None,
        "org_kind": getattr(record, "org_kind", None) or None,
        "zone_kind": getattr(record, "zone_kind", None) or None,
        "area_m2": getattr(record, "area_m2", None),
        "power_capacity_mw": getattr(record, "power_capacity_mw", None),
        "lease_price_usd_m2": getattr(record, "lease_price_usd_m2", None),
        "location": {"lat": record.lat, "lon": record.lon} if record.lat is not None else None,
        "description_vi": record.description_vi,
        "description_en": record.description_en,
    }
    doc["fingerprint"] = hashlib.sha1(  # noqa: S324 - a change detector, not security
        json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return doc


def documents_for(kind: str, ids: list[int]) -> tuple[list[dict], set[int]]:
    """Documents of the published records among `ids` (a few queries), and the ids not
    published."""
    model = KINDS[kind]
    related = ["zone"] if any(f.name == "zone" for f in model._meta.fields) else []
    records = list(model.objects.published().filter(pk__in=ids).select_related(*related))
    codes_by_id = dict(Technology.objects.values_list("id", "code"))
    codes: dict[int, list[str]] = {}
    # A plot is found by what it is suitable for as well as by its own technologies.
    for m2m in model._meta.many_to_many:
        for record_id, tech_id in through_pairs(m2m, ids):
            codes.setdefault(record_id, []).append(codes_by_id[tech_id])
    docs = [build_document(r, codes.get(r.pk, [])) for r in records]
    return docs, set(ids) - {r.pk for r in records}


def all_documents() -> Iterator[list[dict]]:
    """Every published searchable record, as documents, in chunks (a constant number of
    queries per chunk)."""
    for kind in SEARCHABLE_KINDS:
        ids = list(KINDS[kind].objects.published().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            docs, _missing = documents_for(kind, ids[start : start + CHUNK])
            yield docs


class RecordDocument(Document):
    """The Elasticsearch mapping of a search document (elasticsearch-dsl)."""

    kind = Keyword()
    ref = Keyword()
    name = Keyword(index=False)
    name_en = Keyword(index=False)
    name_sort = Keyword()
    names = Text(analyzer="standard")
    text = Text(analyzer="standard")
    technologies = Keyword()
    zone = Keyword()
    ownership = Keyword()
    status = Keyword()
    org_kind = Keyword()
    zone_kind = Keyword()
    area_m2 = Float()
    power_capacity_mw = Float()
    lease_price_usd_m2 = Float()
    location = GeoPoint()
    description_vi = Text(index=False)
    description_en = Text(index=False)
    fingerprint = Keyword()
