"""Freshness ("sống"): how long a record stays trusted after it was verified, which published
records are past their kind's rule, and marking records verified (a revision and a log entry,
like an edit in the admin).

The rules are FreshnessRule rows set by curators; a kind without one follows DEFAULT_MONTHS."""

import calendar
import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import DEFAULT_MONTHS, KINDS, FreshnessRule, Record
from .signals import bulk_write_committed, records_published_in_bulk

# What verified_by says when the owner confirmed the record through the e-mailed link; shown
# translated on public pages (cms), stored as is in files.
OWNER_CONFIRMATION = "owner's confirmation"


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, or that month's last day (31 August - 6 = 28 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def rules() -> dict[str, int]:
    """kind -> months, for every kind."""
    months = dict(DEFAULT_MONTHS)
    months.update(FreshnessRule.objects.values_list("kind", "months"))
    return months


def cutoff(kind: str, today: datetime.date | None = None, months: int | None = None):
    """Records of `kind` verified before this day are stale."""
    today = today or timezone.localdate()
    return months_before(today, rules()[kind] if months is None else months)


def is_stale(record: Record, today: datetime.date | None = None) -> bool:
    """Never verified counts as stale."""
    return record.verified_on is None or record.verified_on < cutoff(record.kind, today)


def stale_querysets(today: datetime.date | None = None) -> dict[str, object]:
    """kind -> the published records of that kind past its rule, oldest verification first."""
    months = rules()
    querysets = {}
    for kind, model in KINDS.items():
        limit = cutoff(kind, today, months[kind])
        querysets[kind] = (
            model.objects.published()
            .filter(Q(verified_on__isnull=True) | Q(verified_on__lt=limit))
            .order_by(F("verified_on").asc(nulls_first=True), "name", "pk")
        )
    return querysets


def oldest_first(record: Record):
    never = record.verified_on is None
    return (not never, record.verified_on or datetime.date.min, record.kind, record.name)


def stale_records(today: datetime.date | None = None) -> list[Record]:
    """The published records of every kind past their kind's rule; never verified first, then
    the longest unverified."""
    records = [record for qs in stale_querysets(today).values() for record in qs]
    return sorted(records, key=oldest_first)


def oldest_stale(count: int, today: datetime.date | None = None) -> list[Record]:
    """The `count` records longest past their rule, never verified first."""
    candidates = [r for qs in stale_querysets(today).values() for r in qs[:count]]
    return sorted(candidates, key=oldest_first)[:count]


def mark_verified(record: Record, by: str, user=None, on: datetime.date | None = None) -> None:
    """Set verified_on/verified_by as an edit would: a new revision (logged as an edit), published
    at once when the record was live with nothing else pending. Pending draft changes keep
    waiting for review; they carry the verification too, and so does the live row."""
    on = on or timezone.localdate()
    with transaction.atomic():
        record = type(record).objects.select_for_update().get(pk=record.pk)
        pending = record.has_unpublished_changes or not record.live
        latest = record.get_latest_revision_as_object() if record.latest_revision_id else record
        latest.verified_on, latest.verified_by = on, by
        revision = latest.save_revision(user=user, log_action=True, clean=False)
        if not pending:
            revision.publish(user=user)
            return
        type(record).objects.filter(pk=record.pk).update(verified_on=on, verified_by=by)
        if record.live:
            # The live row changed outside a publish: the search index hears of it like a
            # bulk write's.
            records_published_in_bulk.send(
                sender=type(record), kind=record.kind, records=[(record.pk, record.ref)]
            )
            transaction.on_commit(lambda: bulk_write_committed.send(sender=type(record)))
