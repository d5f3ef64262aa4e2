"""How fresh the public data is, for HTTP validators (ETag, Last-Modified) and the keys of the
search answers kept in the cache: one query that reads when the registry, the search outbox and
the matching profiles last changed.

Every public change leaves a trace here: a record's save touches its `updated_at` (unpublishing
too), a publish, unpublish or delete writes an outbox row in the change's own transaction, and
the drain stamps `processed_at` once the indices hold it. So the latest of these times is when
what the API serves last changed, and nothing can change without it moving.

It runs on every API request, so each figure is read from an index (registry migration
`record_change_time_indexes`): a fraction of a millisecond whatever the number of records."""

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from registry.models import KINDS

from .documents import INDEXED_KINDS
from .models import IndexRebuild, IndexTask, MatchProfile

# A change is shown as Last-Modified only once this old: Elasticsearch makes indexed documents
# searchable within a second (its refresh interval), and an HTTP date has whole seconds only,
# so a later change in the same second could not be told apart.
SETTLE = timedelta(seconds=2)
INDEXED = set(INDEXED_KINDS)


@dataclass(frozen=True)
class DataState:
    """`changed_at`: the latest change; `settled`: the indices hold every change and the latest
    is older than SETTLE; `token`: differs whenever anything public may have changed."""

    changed_at: datetime | None
    settled: bool
    token: str

    @property
    def last_modified(self) -> datetime | None:
        """What may be announced as Last-Modified: only a settled state, else nothing (a client
        must not revalidate by date against data the index may not show yet)."""
        return self.changed_at if self.settled else None


def _rows() -> list[tuple]:
    """(source, latest time, second latest time, count) per record kind, for the outbox (latest
    task, latest processing, tasks waiting) and for the matching profiles."""
    sql = _statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [(s, _aware(a), _aware(b), n) for s, a, b, n in cursor.fetchall()]


@functools.cache
def _statement(vendor: str) -> str:
    """The query's SQL, built once: it runs on every API request. Each figure is a subquery of
    its own, so that each MAX is read from the end of an index (one MAX beside other aggregates
    would scan the whole table), and the record tables are never counted: a deletion of an
    indexed kind writes the outbox (search.signals), which moves the outbox's figures. Only
    the kinds the outbox does not index (landmarks, a handful of rows) are counted."""
    quote = connection.ops.quote_name

    # Only the models' own table and column names go into the SQL: nothing from a request.
    def part(label: str, model, latest: str, other: str | None, count: str | None) -> str:
        table = quote(model._meta.db_table)
        figures = [f"(SELECT MAX({quote(latest)}) FROM {table})"]  # noqa: S608
        figures.append(f"(SELECT MAX({quote(other)}) FROM {table})" if other else "NULL")  # noqa: S608
        counted = f"(SELECT COUNT(*) FROM {table}{count})"  # noqa: S608
        figures.append(counted if count is not None else "NULL")
        return f"SELECT '{label}', {', '.join(figures)}"

    parts = [
        part(kind, model, "updated_at", "last_published_at", None if kind in INDEXED else "")
        for kind, model in KINDS.items()
    ]
    waiting = f" WHERE {quote('processed_at')} IS NULL"
    parts.append(part("outbox", IndexTask, "created_at", "processed_at", waiting))
    parts.append(part("profiles", MatchProfile, "updated_at", None, ""))
    # A rebuild or a repair changes what the indices hold without a record changing.
    parts.append(part("rebuilds", IndexRebuild, "updated_at", None, None))
    return " UNION ALL ".join(parts)


def _aware(value):
    """A time as the database gave it (SQLite: text in UTC) as an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def data_state() -> DataState:
    rows = _rows()
    times = [t for _source, *pair, _n in rows for t in pair if t is not None]
    changed_at = max(times) if times else None
    waiting = any(n for source, _first, _second, n in rows if source == "outbox")
    settled = not waiting and changed_at is not None and timezone.now() - changed_at >= SETTLE
    token = hashlib.sha256(repr(sorted(rows, key=lambda row: row[0])).encode()).hexdigest()
    return DataState(changed_at, settled, token)
