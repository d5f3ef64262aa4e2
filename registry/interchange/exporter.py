"""Export of registry records in the interchange format, streamed in chunks.

Export holds published records only unless drafts are asked for (a full backup). Records
come out in the same shape import takes, so export(import(f)) holds the same records as f.
"""

import csv
import json
from collections.abc import Iterator
from typing import IO

from registry.geo import haversine_km
from registry.models import KINDS, Landmark, Technology

from .mapping import LANGS, KindMapping, bilingual_column, mapping_for, through_pairs

CHUNK = 2000


def record_dict(mapping: KindMapping, obj, codes: dict[str, list[str]], refs: dict) -> dict:
    """One record in the interchange shape; unknown (empty) values are left out."""
    data = {"kind": mapping.kind}
    for field in mapping.plain:
        value = getattr(obj, field.attname)
        if value is None or value == "" or value == []:
            continue
        data[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
    for field in mapping.foreign:
        target_id = getattr(obj, field.attname)
        if target_id is not None:
            data[field.name] = refs[field.name][target_id]
    for field in mapping.many:
        if codes.get(field.name):
            data[field.name] = codes[field.name]
    for key in mapping.bilingual:
        texts = {lang: getattr(obj, bilingual_column(key, lang)) for lang in LANGS}
        texts = {lang: text for lang, text in texts.items() if text}
        if texts:
            data[key] = texts
    if obj.lat is not None:
        data["location"] = {"lat": obj.lat, "lon": obj.lon}
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
    data = record_dict(mapping, obj, codes, refs)
    if obj.lat is not None:
        landmarks = Landmark.objects.published().values_list("ref", "lat", "lon")
        data["distances_km"] = {
            ref: round(haversine_km(obj.lat, obj.lon, lat, lon), 2)
            for ref, lat, lon in landmarks
            if not (obj.kind == "landmark" and ref == obj.ref)
        }
    return data


def iter_records(kinds=None, include_drafts=False) -> Iterator[dict]:
    """Every record of the given kinds, ordered by kind then ref, a few queries per chunk."""
    codes_by_id = dict(Technology.objects.values_list("id", "code"))
    for kind in kinds or KINDS:
        mapping = mapping_for(kind)
        queryset = mapping.model.objects.all()
        if not include_drafts:
            queryset = queryset.published()
        refs = {
            fk.name: dict(fk.related_model.objects.values_list("id", "ref"))
            for fk in mapping.foreign
        }
        ids = list(queryset.order_by("ref").values_list("id", flat=True))
        for start in range(0, len(ids), CHUNK):
            chunk_ids = ids[start : start + CHUNK]
            objects = mapping.model.objects.filter(id__in=chunk_ids).order_by("ref")
            codes: dict[tuple[str, int], list[str]] = {}
            for field in mapping.many:
                for record_id, tech_id in through_pairs(field, chunk_ids):
                    codes.setdefault((field.name, record_id), []).append(codes_by_id[tech_id])
            for obj in objects:
                own = {f.name: sorted(codes.get((f.name, obj.id), [])) for f in mapping.many}
                yield record_dict(mapping, obj, own, refs)


def write_jsonl(records: Iterator[dict], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_columns(kind: str) -> list[str]:
    """Flat columns for spreadsheets: nested objects become dotted columns."""
    mapping = mapping_for(kind)
    columns = ["kind", "ref"]
    for field in (*mapping.plain, *mapping.foreign, *mapping.many):
        if field.name not in columns:
            columns.append(field.name)
    columns += [f"{key}.{lang}" for key in mapping.bilingual for lang in LANGS]
    columns += ["location.lat", "location.lon"]
    return columns


def csv_row(record: dict) -> dict:
    """A record flattened for a spreadsheet: nested objects as dotted columns, lists joined
    with '; '."""
    row = {}
    for key, value in record.items():
        if isinstance(value, dict) and key in ("description", "incentives", "location"):
            for sub, text in value.items():
                row[f"{key}.{sub}"] = text
        elif isinstance(value, list):
            row[key] = "; ".join(map(str, value))
        elif isinstance(value, dict):
            row[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[key] = "true" if value else "false"
        else:
            row[key] = value
    return row


def write_csv(kind: str, records: Iterator[dict], out: IO[str]) -> int:
    """One kind as CSV; a BOM lets spreadsheets detect UTF-8."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=csv_columns(kind), extrasaction="raise")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count
