"""How fresh the public data is, for HTTP validators (ETag, Last-Modified): one query that
reads when the registry, the search outbox and the matching profiles last changed.

Every public change leaves a trace here: a record's save touches its `updated_at` (unpublishing
too), a publish, unpublish or delete writes an outbox row in the change's own transaction, and
the drain stamps `processed_at` once the indices hold it. So the latest of these times is when
what the API serves last changed, and nothing can change without it moving."""

import functools
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Count, DateTimeField, Max, Q, Value
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from registry.models import KINDS

from .models import IndexTask, MatchProfile

# A change is shown as Last-Modified only once this old: Elasticsearch makes indexed documents
# searchable within a second (its refresh interval), and an HTTP date has whole seconds only,
# so a later change in the same second could not be told apart.
SETTLE = timedelta(seconds=2)
NO_TIME = Value(None, output_field=DateTimeField())


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
    sql, params = _statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(s, _aware(a), _aware(b), n) for s, a, b, n in cursor.fetchall()]


@functools.cache
def _statement(vendor: str) -> tuple[str, tuple]:
    """The query's SQL, built once: it runs on every API request, and building it through the
    ORM each time cost ten times its execution."""
    parts = [
        model.objects.order_by()
        .annotate(state_part=Value(kind))
        .values("state_part")
        .annotate(
            state_latest=Max("updated_at"),
            state_other=Max("last_published_at"),
            state_count=Count("id"),
        )
        .values_list("state_part", "state_latest", "state_other", "state_count")
        for kind, model in KINDS.items()
    ]
    parts.append(
        IndexTask.objects.order_by()
        .annotate(state_part=Value("outbox"))
        .values("state_part")
        .annotate(
            state_latest=Max("created_at"),
            state_other=Max("processed_at"),
            state_count=Count("id", filter=Q(processed_at__isnull=True)),
        )
        .values_list("state_part", "state_latest", "state_other", "state_count")
    )
    parts.append(
        MatchProfile.objects.order_by()
        .annotate(state_part=Value("profiles"))
        .values("state_part")
        .annotate(state_latest=Max("updated_at"), state_other=NO_TIME, state_count=Count("id"))
        .values_list("state_part", "state_latest", "state_other", "state_count")
    )
    union = parts[0].union(*parts[1:], all=True)
    return union.query.get_compiler(connection=connection).as_sql()


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
