"""The registry-computed indicators' daily snapshots, so their trends exist: one row per
indicator and day, written as one upsert so two processes taking the day's snapshot at once
(the worker's nightly job, a first read of the day, `manage.py indicators snapshot`) leave one
row, the later figures winning."""

import logging
from datetime import date

from django.db import DatabaseError, transaction
from django.utils import timezone

from registry.models.indicator import Indicator, IndicatorSnapshot

from .compute import Measure, measure_all, population

logger = logging.getLogger("dnhub.indicators")

SNAPSHOT_FIELDS = ["taken_at", "value", "records_counted", "records_unknown"]


def store(
    indicators: list[Indicator], measures: dict[str, Measure], today: date
) -> list[IndicatorSnapshot]:
    now = timezone.now()
    rows = [
        IndicatorSnapshot(
            indicator=indicator,
            taken_on=today,
            taken_at=now,
            value=measures[indicator.code].value,
            records_counted=measures[indicator.code].records_counted,
            records_unknown=measures[indicator.code].records_unknown,
        )
        for indicator in indicators
        if indicator.origin == Indicator.Origin.REGISTRY
    ]
    if not rows:
        return []
    return IndicatorSnapshot.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["indicator", "taken_on"],
        update_fields=SNAPSHOT_FIELDS,
    )


def take(today: date | None = None) -> list[IndicatorSnapshot]:
    """Store the day's snapshot of every registry-computed indicator (replacing one of the
    same day)."""
    indicators = list(Indicator.objects.filter(origin=Indicator.Origin.REGISTRY))
    measures = measure_all(population()) if indicators else {}
    return store(indicators, measures, today or timezone.localdate())


def store_if_none_today(indicators: list[Indicator], measures: dict[str, Measure]) -> bool:
    """Store today's snapshot of these indicators unless one exists: the first read of a day
    keeps the day's figures even where no worker runs (the embedded default). A reader never
    fails for it: a refused write is logged and the next read tries again."""
    today = timezone.localdate()
    computed = [i for i in indicators if i.origin == Indicator.Origin.REGISTRY]
    if not computed:
        return False
    taken = IndicatorSnapshot.objects.filter(taken_on=today, indicator__in=computed).count()
    if taken >= len(computed):
        return False
    try:
        with transaction.atomic():
            store(computed, measures, today)
    except DatabaseError:
        logger.exception("Could not store today's indicator snapshot")
        return False
    return True
