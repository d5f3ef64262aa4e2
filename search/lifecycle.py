"""Rebuild, status and verification of the search indices (`manage.py search_index`)."""

from dataclasses import dataclass, field

from django.utils import timezone

from registry.models import KINDS

from . import sync
from .backends import configured_backends
from .backends.base import SearchBackend
from .documents import SEARCHABLE_KINDS, all_documents, doc_id, documents_for
from .models import IndexRebuild, IndexTask


def rebuild(backend: SearchBackend, progress=None) -> IndexRebuild:
    """A complete new index from the database; writes made meanwhile are replayed from the
    outbox before the old index is dropped."""
    started = timezone.now()
    run = IndexRebuild.objects.create(backend=backend.name, index_name="", started_at=started)

    def batches():
        for docs in all_documents():
            if progress:
                progress(len(docs))
            yield docs

    outcome = backend.rebuild(batches(), lambda: sync.replay_since(started, [backend]))
    run.index_name = outcome["index"]
    run.documents = outcome["documents"]
    run.finished_at = timezone.now()
    run.save()
    return run


def published_count() -> int:
    return sum(KINDS[kind].objects.published().count() for kind in SEARCHABLE_KINDS)


def status() -> dict:
    return {
        "published_records": published_count(),
        "backends": [
            {
                "backend": b.name,
                **b.describe(),
                "last_rebuild": IndexRebuild.objects.filter(backend=b.name).first(),
            }
            for b in configured_backends()
        ],
        "outbox_pending": sync.pending_count(),
        "outbox_failing": IndexTask.objects.filter(
            processed_at__isnull=True, attempts__gt=0
        ).count(),
    }


@dataclass
class Drift:
    backend: str
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def expected_fingerprints() -> dict[str, str]:
    return {doc_id(d["kind"], d["ref"]): d["fingerprint"] for docs in all_documents() for d in docs}


def verify(backend: SearchBackend, expected: dict[str, str]) -> Drift:
    actual = backend.fingerprints()
    return Drift(
        backend=backend.name,
        missing=sorted(set(expected) - set(actual)),
        extra=sorted(set(actual) - set(expected)),
        stale=sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k]),
    )


def repair(backend: SearchBackend, drift: Drift) -> None:
    backend.remove(drift.extra)
    wanted: dict[str, list[str]] = {}
    for key in drift.missing + drift.stale:
        kind, ref = key.split(":", 1)
        wanted.setdefault(kind, []).append(ref)
    for kind, refs in wanted.items():
        model = KINDS[kind]
        for start in range(0, len(refs), 1000):
            ids = list(
                model.objects.filter(ref__in=refs[start : start + 1000]).values_list(
                    "pk", flat=True
                )
            )
            backend.index(documents_for(kind, ids)[0])
