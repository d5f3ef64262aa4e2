"""Export of registry records in the interchange format, streamed in chunks.

Export holds published records only unless drafts are asked for (a full backup). Records
come out in the same shape import takes, so export(import(f)) holds the same records as f.
"""

import json
from collections.abc import Iterator
from typing import IO

from registry.geo import haversine_km
from registry.models import KINDS, Landmark, Technology
from registry.numbers import plain_number, plain_numbers

from .links import as_objects, kind_order
from .mapping import LANGS, KindMapping, bilingual_column, mapping_for, through_pairs

CHUNK = 2000


def record_dict(
    mapping: KindMapping, obj, codes: dict[str, list[str]], refs: dict, links=None
) -> dict:
    """One record in the interchange shape; unknown (empty) values are left out, whole
    numbers written as integers (`20000`, not `20000.0`). `refs` is field name -> {id: ref}
    (foreign keys and single links), `links` the `many` links' (kind, ref) pairs by key."""
    data = {"kind": mapping.kind}
    for field in mapping.plain:
        value = getattr(obj, field.attname)
        if value is None or value == "" or value == []:
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        data[field.name] = plain_numbers(value)
    for field in mapping.foreign:
        target_id = getattr(obj, field.attname)
        if target_id is not None:
            data[field.name] = refs[field.name][target_id]
    for field in mapping.many:
        if codes.get(field.name):
            data[field.name] = codes[field.name]
    for link in mapping.single_links:
        for kind, name in link.fields.items():
            target_id = getattr(obj, f"{name}_id")
            if target_id is not None:
                data[link.name] = {"kind": kind, "ref": refs[name][target_id]}
    for link in mapping.many_links:
        pairs = (links or {}).get(link.name)
        if pairs:
            data[link.name] = as_objects(kind_order(pairs))
    for key in mapping.bilingual:
        texts = {lang: getattr(obj, bilingual_column(key, lang)) for lang in LANGS}
        texts = {lang: text for lang, text in texts.items() if text}
        if texts:
            data[key] = texts
    if obj.lat is not None:
        data["location"] = {"lat": plain_number(obj.lat), "lon": plain_number(obj.lon)}
    return data


def record_for_api(obj) -> dict:
    """One published record in the interchange shape, with distances to every landmark."""
    mapping = mapping_for(obj.kind)
    refs = {
        fk.name: {getattr(obj, fk.attname): getattr(obj, fk.name).ref}
        for fk in mapping.foreign
        if getattr(obj, fk.attname) is not None
    }
    codes = {
        field.name: sorted(getattr(obj, field.name).values_list("code", flat=True))
        for field in mapping.many
    }
    refs |= link_refs(mapping, [obj.pk])
    links = record_links(mapping, [obj.pk])
    data = record_dict(mapping, obj, codes, refs, {k: v for (k, _pk), v in links.items()})
    if obj.lat is not None:
        landmarks = Landmark.objects.published().values_list("ref", "lat", "lon")
        data["distances_km"] = {
            ref: plain_number(round(haversine_km(obj.lat, obj.lon, lat, lon), 2))
            for ref, lat, lon in landmarks
            if not (obj.kind == "landmark" and ref == obj.ref)
        }
    return data


def iter_records(kinds=None, include_drafts=False, only=None) -> Iterator[dict]:
    """Every record of the given kinds, ordered by kind then ref, a few queries per chunk.
    `only`, a queryset of one kind's model, narrows it to those records (the admin's list)."""
    codes_by_id = dict(Technology.objects.values_list("id", "code"))
    for kind in kinds or KINDS:
        mapping = mapping_for(kind)
        queryset = mapping.model.objects.all()
        if not include_drafts:
            queryset = queryset.published()
        if only is not None:
            queryset = queryset.filter(id__in=only.values("id"))
        refs = {
            fk.name: dict(fk.related_model.objects.values_list("id", "ref"))
            for fk in mapping.foreign
        }
        ids = list(queryset.order_by("ref").values_list("id", flat=True))
        refs |= link_refs(mapping, ids)
        for start in range(0, len(ids), CHUNK):
            chunk_ids = ids[start : start + CHUNK]
            objects = mapping.model.objects.filter(id__in=chunk_ids).order_by("ref")
            codes: dict[tuple[str, int], list[str]] = {}
            for field in mapping.many:
                for record_id, tech_id in through_pairs(field, chunk_ids):
                    codes.setdefault((field.name, record_id), []).append(codes_by_id[tech_id])
            links = record_links(mapping, chunk_ids)
            for obj in objects:
                own = {f.name: sorted(codes.get((f.name, obj.id), [])) for f in mapping.many}
                own_links = {link.name: links.get((link.name, obj.id)) for link in mapping.links}
                yield record_dict(mapping, obj, own, refs, own_links)


def link_refs(mapping: KindMapping, ids) -> dict[str, dict[int, str]]:
    """Single links' model field name -> {id: ref} of the records the given ones point at."""
    refs = {}
    for link in mapping.single_links:
        for kind, name in link.fields.items():
            target_ids = mapping.model.objects.filter(id__in=ids).values(f"{name}_id")
            related = KINDS[kind].objects.filter(id__in=target_ids)
            refs[name] = dict(related.values_list("id", "ref"))
    return refs


def record_links(mapping: KindMapping, ids) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(many link key, record id) -> [(kind, ref)] for the given records."""
    links: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for link in mapping.many_links:
        for kind in link.fields:
            field = link.field(mapping.model, kind)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = through.objects.filter(**{f"{source}_id__in": ids}).values_list(
                f"{source}_id", f"{target}__ref"
            )
            for record_id, ref in rows:
                links.setdefault((link.name, record_id), []).append((kind, ref))
    return links


def write_jsonl(records: Iterator[dict], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
