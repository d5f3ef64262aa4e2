"""The admin's search over registry records: by name (Vietnamese or English), ref, a plot's lot
code, an enterprise's tax code or legal name, with text folded as the portal's search folds it
("dong nai" finds "Đồng Nai").

Drafts are records too for curators, and the search index holds published records only, so this
reads the records' own rows: a few short text columns per record, folded in Python (the same
`fold` as the index; SQLite has no such function and PostgreSQL's `unaccent` is an extension).
"""

from django.db.models import QuerySet

from .models import KINDS, Record
from .textfold import fold

# Beyond every kind's ref and names: the keys curators look records up by.
KIND_SEARCH_FIELDS = {"plot": ("code",), "enterprise": ("legal_name", "tax_code")}


def search_fields(model: type[Record]) -> tuple[str, ...]:
    return ("ref", "name", "name_en", *KIND_SEARCH_FIELDS.get(model.kind, ()))


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """The records of `queryset` in whose keys every word of the query appears, folded."""
    words = fold(query).split()
    if not words:
        return queryset
    fields = search_fields(queryset.model)
    ids = [
        row[0]
        for row in queryset.values_list("id", *fields)
        if _has_every_word(" ".join(value for value in row[1:] if value), words)
    ]
    return queryset.filter(id__in=ids)


def _has_every_word(text: str, words: list[str]) -> bool:
    folded = fold(text)
    return all(word in folded for word in words)


def search_registry(query: str, kinds=None) -> dict[str, QuerySet]:
    """Every kind's matching records (drafts included), by kind, in name order."""
    return {
        kind: matching(KINDS[kind].objects.all(), query).order_by("name", "ref")
        for kind in kinds or KINDS
    }
