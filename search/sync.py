"""Keeps the search index in step with what is published.

Called after the transaction commits (never inside it), on publish, unpublish and delete, and
after imports. A failing Elasticsearch is logged and never breaks the write that triggered it.
"""

import logging

from registry.models import Record

from .backends import get_backend

logger = logging.getLogger("dnhub.search")


def records_changed(model: type[Record], ids: list[int]) -> None:
    """Index the published ones among these records; remove the ones no longer published."""
    backend = get_backend()
    if not backend.keeps_own_index:
        return
    try:
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            rows = list(
                model.objects.filter(pk__in=chunk).select_related(
                    *(["zone"] if any(f.name == "zone" for f in model._meta.fields) else [])
                )
            )
            backend.index_records([r for r in rows if r.live])
            backend.remove(model.kind, [r.ref for r in rows if not r.live])
    except Exception:
        logger.exception("Search index update failed for %s %s", model.kind, ids[:10])


def record_removed(kind: str, ref: str) -> None:
    try:
        get_backend().remove(kind, [ref])
    except Exception:
        logger.exception("Search index removal failed for %s:%s", kind, ref)
