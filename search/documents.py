"""The Elasticsearch document for every registry kind, built with elasticsearch-dsl.

Text is folded in Python (search.text.fold) before it reaches Elasticsearch, so the mapping
uses only the built-in standard analyzer: the server needs no analysis plugin.
"""

from elasticsearch_dsl import Document, GeoPoint, Keyword, Text

from registry.models import Record

from .text import fold


class RecordDocument(Document):
    kind = Keyword()
    ref = Keyword()
    name = Keyword(index=False)
    name_en = Keyword(index=False)
    name_sort = Keyword()
    text = Text(analyzer="standard")
    technologies = Keyword()  # each code with its ancestors, so a parent filter matches children
    zone = Keyword()
    location = GeoPoint()

    @classmethod
    def doc_id(cls, kind: str, ref: str) -> str:
        return f"{kind}:{ref}"

    @classmethod
    def from_record(cls, record: Record, technology_codes: list[str]) -> "RecordDocument":
        expanded = set()
        for code in technology_codes:
            parts = code.split(".")
            expanded.update(".".join(parts[: i + 1]) for i in range(len(parts)))
        zone = getattr(record, "zone", None)
        doc = cls(
            meta={"id": cls.doc_id(record.kind, record.ref)},
            kind=record.kind,
            ref=record.ref,
            name=record.name,
            name_en=record.name_en,
            name_sort=fold(record.name),
            text=record.search_text,
            technologies=sorted(expanded),
            zone=record.ref if record.kind == "zone" else (zone.ref if zone else None),
        )
        if record.lat is not None:
            doc.location = {"lat": record.lat, "lon": record.lon}
        return doc
