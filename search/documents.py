"""The search document of a registry record: one shape for both backends.

Text is folded in Python (registry.textfold.fold) before it reaches either backend, so Elasticsearch
needs only its built-in standard analyzer: no analysis plugin, no painless.
"""

import hashlib
import json
from collections.abc import Iterator

from django.db.models import CharField, F, Max, Value
from django.db.models.functions import Coalesce
from elasticsearch_dsl import Boolean, Document, Double, GeoPoint, Integer, Keyword, Text

from registry.interchange.mapping import through_pairs
from registry.models import KINDS, Technology
from registry.models.questions import ExpertAnswer, ExpertQuestion
from registry.plot_attributes import FLAG, NUMBER, RANK, WHOLE, attributes
from registry.textfold import fold

# Landmarks are reference points for distances, not search results.
SEARCHABLE_KINDS = (
    "zone",
    "plot",
    "enterprise",
    "rd_organisation",
    "incubator",
    "challenge",
    "expert",
)
# Found by the portal's search, but no registry kind: never in the interchange format (KINDS),
# the exports or the open-data catalogue. The published Q&A pages of "ask an expert".
SEARCH_ONLY_MODELS = {"question": ExpertQuestion}
INDEXED_KINDS = (*SEARCHABLE_KINDS, *SEARCH_ONLY_MODELS)
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


# Facets of the other kinds' own fields; with the plot attributes' facets, "" becomes None.
FACET_COLUMNS = (
    "ownership",
    *(attribute.name for attribute in attributes(indexed=True, facet=True)),
    "org_kind",
    "zone_kind",
    # A challenge's own status is not a plot's: its own facet, so neither mixes with the other.
    "challenge_status",
    "challenge_kind",
    "expert_title",
    "accepts_questions",  # "true", else none: a facet of one value
)
FACETS = ("kind", "technology", "zone", *FACET_COLUMNS)
# The facets of challenges and experts, which their search results also carry.
OWN_FACETS = ("challenge_status", "challenge_kind", "expert_title", "accepts_questions")
# The plot attributes copied as they are (null when unknown): matching filters and scores on
# them, results show some; a zone has a power capacity too.
VALUE_COLUMNS = tuple(a.name for a in attributes(indexed=True) if not a.facet and a.kind != RANK)
# Attributes held as a rank (flood risk), so that a requirement is a range, a preference a ramp.
RANKED = attributes(indexed=True, kind=RANK)


def build_document(kind: str, row: dict, codes: list[str]) -> dict:
    """The document of one record, from a row of `document_rows` (plain values, no model
    instances: building these is the hot path of imports and rebuilds)."""
    # Each text folded once (the hot path): folding the parts and joining the non-empty ones is
    # folding the joined text.
    name, name_en, description, description_en = (
        fold(row[key] or "") for key in ("name", "name_en", "description", "description_en")
    )
    # An expert is found by where they work ("Đại học Lạc Hồng"): the affiliation's names.
    affiliation = [row.get("affiliation_name"), row.get("affiliation_name_en")]
    text = [fold(row["ref"]), name, name_en, description, description_en]
    text += [fold(part) for part in affiliation if part]
    doc = {
        "kind": kind,
        "ref": row["ref"],
        "name": row["name"],
        "name_en": row["name_en"],
        "name_sort": name,
        "names": spaced(" ".join(filter(None, (name, name_en)))),
        "text": spaced(" ".join(filter(None, text))),
        "technologies": expand_codes(codes),
        "zone": row.get("zone_ref"),
        "code": row.get("code"),  # a plot's lot code
        "sample": row["sample"],  # invented: results and maps say so
        **{column: row.get(column) or None for column in FACET_COLUMNS},
        "accepts_questions": "true" if row.get("accepts_questions") else None,
        **{column: row.get(column) for column in VALUE_COLUMNS},
        **{attribute.field: attribute.rank(row.get(attribute.name)) for attribute in RANKED},
        # The kind of the zone a plot lies in (`zone_kind` itself stays a zone's own facet).
        "plot_zone_kind": row.get("plot_zone_kind"),
        "location": {"lat": row["lat"], "lon": row["lon"]} if row["lat"] is not None else None,
        "description": row["description"],
        "description_en": row["description_en"],
    }
    doc["fingerprint"] = hashlib.sha1(  # noqa: S324 - a change detector, not security
        json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return doc


def document_rows(kind: str, ids: list[int]) -> list[dict]:
    return list(rows_query(kind).filter(pk__in=ids))


def rows_query(kind: str):
    """The published records of a kind as `document_rows` reads them: plain values, the zone's
    ref and kind joined in (no query per row)."""
    model = KINDS[kind]
    names = {f.name for f in model._meta.fields}
    columns = [
        "pk",
        "ref",
        "name",
        "name_en",
        "description",
        "description_en",
        "lat",
        "lon",
        "sample",
    ]
    wanted = ("code", *FACET_COLUMNS, *VALUE_COLUMNS, *(attribute.name for attribute in RANKED))
    columns += [
        column for column in wanted if column in names and column not in OWN_COLUMNS.get(kind, ())
    ]
    extra = own_values(kind)
    if kind == "zone":
        extra["zone_ref"] = F("ref")
    elif "zone" in names:
        extra["zone_ref"] = F("zone__ref")
    else:
        extra["zone_ref"] = Value(None, output_field=CharField())
    if kind == "plot":
        extra["plot_zone_kind"] = F("zone__zone_kind")
    return model.objects.published().values(*columns, **extra)


def indexed_model(kind: str):
    return SEARCH_ONLY_MODELS.get(kind) or KINDS[kind]


def question_documents(ids: list[int]) -> tuple[list[dict], set[int]]:
    """A published Q&A page: found by its question and its approved answers, under its topic."""
    questions = list(ExpertQuestion.objects.published().filter(pk__in=ids).select_related("topic"))
    answers: dict[int, list[str]] = {}
    for question_id, text in ExpertAnswer.objects.filter(
        question__in=questions, status=ExpertAnswer.Status.APPROVED
    ).values_list("question_id", "answer"):
        answers.setdefault(question_id, []).append(text)
    docs = []
    for question in questions:
        text = "\n".join([question.question, *answers.get(question.pk, [])])
        row = {"ref": question.ref, "name": question.question[:200], "name_en": "",
               "description": text, "description_en": "", "sample": question.sample,
               "lat": None, "lon": None}  # fmt: skip
        docs.append(
            build_document("question", row, [question.topic.code] if question.topic else [])
        )
    return docs, set(ids) - {question.pk for question in questions}


# Fields of a kind that share a name with another kind's facet, and the facet they fill instead.
OWN_COLUMNS = {"challenge": {"status"}}
AFFILIATIONS = ("affiliation_enterprise", "affiliation_rd_organisation", "affiliation_incubator")


def own_values(kind: str) -> dict:
    """The columns a kind fills from fields of its own (public fields only: never an expert's
    account or a challenge's officer and responses)."""
    if kind == "challenge":
        return {"challenge_status": F("status")}
    if kind == "expert":
        return {
            "affiliation_name": Coalesce(*(F(f"{key}__name") for key in AFFILIATIONS)),
            "affiliation_name_en": Coalesce(*(F(f"{key}__name_en") for key in AFFILIATIONS)),
        }
    return {}


def documents_for(kind: str, ids: list[int]) -> tuple[list[dict], set[int]]:
    """Documents of the published records among `ids` (a few queries), and the ids not
    published."""
    if kind in SEARCH_ONLY_MODELS:
        return question_documents(ids)
    return documents_of_rows(kind, document_rows(kind, ids), technology_codes(), ids)


def documents_of_rows(kind: str, rows: list[dict], codes_by_id: dict[int, str], ids=None):
    """The documents of rows from `rows_query`, with their technologies (one query per
    many-to-many field), and which of `ids` (default: the rows') have no row."""
    model = KINDS[kind]
    ids = [row["pk"] for row in rows] if ids is None else ids
    codes: dict[int, list[str]] = {}
    # A plot is found by what it is suitable for as well as by its own technologies.
    for m2m in model._meta.many_to_many:
        if m2m.related_model is not Technology:  # a challenge's awardees are not its topics
            continue
        for record_id, tech_id in through_pairs(m2m, ids):
            if tech_id not in codes_by_id:  # added to the taxonomy since the codes were read
                codes_by_id.update(technology_codes())
            codes.setdefault(record_id, []).append(codes_by_id[tech_id])
    docs = [build_document(kind, row, codes.get(row["pk"], [])) for row in rows]
    return docs, set(ids) - {row["pk"] for row in rows}


def technology_codes() -> dict[int, str]:
    return dict(Technology.objects.values_list("id", "code"))


def all_documents() -> Iterator[list[dict]]:
    """Every published searchable record, as documents, in chunks (a constant number of
    queries per chunk). Read in id order from the last id read (no OFFSET, no list of every
    id in memory), with the technology codes read once. Records published after the first
    read are left to the caller's catch-up, as a list of ids read first would leave them."""
    codes_by_id = technology_codes()
    last_ids = {kind: last_published_id(kind) for kind in INDEXED_KINDS}
    for kind in INDEXED_KINDS:
        if kind in SEARCH_ONLY_MODELS:  # a few hundred pages at most, each with its answers
            ids = list(SEARCH_ONLY_MODELS[kind].objects.published().values_list("pk", flat=True))
            for start in range(0, len(ids), CHUNK):
                yield documents_for(kind, ids[start : start + CHUNK])[0]
            continue
        after, rows_of_kind = 0, rows_query(kind).filter(pk__lte=last_ids[kind]).order_by("pk")
        while rows := list(rows_of_kind.filter(pk__gt=after)[:CHUNK]):
            after = rows[-1]["pk"]
            yield documents_of_rows(kind, rows, codes_by_id)[0]


def last_published_id(kind: str) -> int:
    return indexed_model(kind).objects.published().aggregate(last=Max("pk"))["last"] or 0


class RecordDocument(Document):
    """The Elasticsearch mapping of a search document (elasticsearch-dsl).

    Numbers are doubles, as in the database: a float would make a threshold compare
    differently on the two backends."""

    kind = Keyword()
    ref = Keyword()
    # Shown, never searched, sorted or counted: in the source only (no doc values).
    name = Keyword(index=False, doc_values=False)
    name_en = Keyword(index=False, doc_values=False)
    name_sort = Keyword()
    # Matched word by word and by prefix, never as a phrase: no positions.
    names = Text(analyzer="standard", index_options="freqs")
    text = Text(analyzer="standard")
    technologies = Keyword()
    zone = Keyword()
    ownership = Keyword()
    org_kind = Keyword()
    zone_kind = Keyword()
    challenge_status = Keyword()
    challenge_kind = Keyword()
    expert_title = Keyword()
    accepts_questions = Keyword()
    code = Keyword(index=False, doc_values=False)
    sample = Boolean()
    plot_zone_kind = Keyword()
    location = GeoPoint()
    description = Text(index=False)
    description_en = Text(index=False)
    fingerprint = Keyword(index=False, doc_values=False)  # read back from the source only


def attribute_mapping(attribute):
    """The Elasticsearch field of an indexed plot attribute."""
    if attribute.facet:
        return Keyword()
    return {NUMBER: Double, WHOLE: Integer, RANK: Integer, FLAG: Boolean}[attribute.kind]()


for _attribute in attributes(indexed=True):
    RecordDocument._doc_type.mapping.field(_attribute.field, attribute_mapping(_attribute))
# The folded texts are built from the stored fields and only searched: stored, they were the
# biggest part of every document's source.
RecordDocument._doc_type.mapping.meta("_source", excludes=["names", "text"])
