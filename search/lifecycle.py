"""Rebuild, status and verification of the search indices (`manage.py search_index`)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from . import sync
from .backends import configured_backends
from .backends.base import SearchBackend
from .backends.elasticsearch import ES_FAILURES
from .documents import INDEXED_KINDS, all_documents, doc_id, documents_for, indexed_model
from .models import IndexRebuild, IndexTask

# A running rebuild records its progress with every batch of 1000 documents; one silent this
# long was killed (or its machine was), and its half-built index is an orphan.
QUIET = timedelta(minutes=10)


def _building(backend_name: str):
    quiet_since = timezone.now() - QUIET
    return IndexRebuild.objects.filter(
        backend=backend_name, status=IndexRebuild.Status.RUNNING, updated_at__gte=quiet_since
    )


def _interrupted(backend_name: str):
    quiet_since = timezone.now() - QUIET
    return IndexRebuild.objects.filter(
        backend=backend_name, status=IndexRebuild.Status.RUNNING, updated_at__lt=quiet_since
    )


def indices_being_built(backend_name: str) -> set[str]:
    return set(_building(backend_name).exclude(index_name="").values_list("index_name", flat=True))


def rebuild(backend: SearchBackend, progress=None) -> IndexRebuild:
    """A complete new index from the database; writes made meanwhile are replayed from the
    outbox before the old index is dropped. First removes what interrupted rebuilds left.
    Recorded as succeeded or failed (with the error); a failure is raised again."""
    started = timezone.now()
    _interrupted(backend.name).update(
        status=IndexRebuild.Status.FAILED, error="interrupted: no progress for a long time"
    )
    run = IndexRebuild.objects.create(backend=backend.name, index_name="", started_at=started)

    def batches():
        for docs in all_documents():
            if progress:
                progress(len(docs))
            run.documents += len(docs)
            run.save(update_fields=["documents", "updated_at"])  # the heartbeat
            yield docs

    def index_started(name: str) -> None:
        run.index_name = name
        run.save(update_fields=["index_name", "updated_at"])

    try:
        run.orphans_removed = backend.remove_orphans(keep=indices_being_built(backend.name))
        outcome = backend.rebuild(
            batches(), lambda: sync.replay_since(started, [backend]), started=index_started
        )
    except Exception as error:
        run.status = IndexRebuild.Status.FAILED
        run.error = (str(error) or type(error).__name__)[:1000]
        run.finished_at = timezone.now()
        run.save()
        raise
    run.index_name = outcome["index"]
    run.documents = outcome["documents"]
    run.status = IndexRebuild.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
    return run


def published_count() -> int:
    return sum(indexed_model(kind).objects.published().count() for kind in INDEXED_KINDS)


def _rebuilds(backend_name: str) -> dict:
    """The last successful rebuild, and the last attempt after it if that one failed."""
    runs = IndexRebuild.objects.filter(backend=backend_name)
    last = runs.filter(status=IndexRebuild.Status.SUCCEEDED).first()
    later = runs.filter(started_at__gt=last.started_at) if last else runs
    failed = later.filter(status=IndexRebuild.Status.FAILED).first()
    interrupted = _interrupted(backend_name).filter(pk__in=later.values("pk")).first()
    failures = [r for r in (failed, interrupted) if r]
    return {
        "last_rebuild": last,
        "last_failure": max(failures, key=lambda r: r.started_at) if failures else None,
        "rebuilding": _building(backend_name).first(),
    }


def status() -> dict:
    """Counts, indices, rebuilds and the outbox; a backend that cannot be reached gets an
    `unreachable` entry (the error) instead of its counts."""
    backends = []
    for backend in configured_backends():
        entry = {"backend": backend.name, **_rebuilds(backend.name)}
        try:
            entry |= backend.describe()
            entry["orphans"] = backend.orphan_indices(keep=indices_being_built(backend.name))
        except ES_FAILURES as error:
            entry["unreachable"] = str(error)[:300] or type(error).__name__
        backends.append(entry)
    return {
        "published_records": published_count(),
        "backends": backends,
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
        model = indexed_model(kind)
        for start in range(0, len(refs), 1000):
            ids = list(
                model.objects.filter(ref__in=refs[start : start + 1000]).values_list(
                    "pk", flat=True
                )
            )
            backend.index(documents_for(kind, ids)[0])
    # A trace in the outbox, done at once: what the indices hold changed without a record
    # changing, and the registry's state (search.freshness) must move with it.
    now = timezone.now()
    IndexTask.objects.bulk_create(
        IndexTask(kind=key.split(":", 1)[0], ref=key.split(":", 1)[1][:64], processed_at=now)
        for key in drift.missing + drift.stale + drift.extra
    )
