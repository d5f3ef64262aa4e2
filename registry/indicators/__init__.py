"""The Resolution 57 monitor's one way to read indicators: what each stands at now, its history
and its status against the path to its targets. The portal page, the API, the downloads and the
quarterly report all read through here.

Interface (stable; the internals are being refined):
- `readings()` -> list[Reading], every indicator in page order (a bounded number of queries,
  whatever the size of the registry);
- `reading(code)` -> Reading (raises Indicator.DoesNotExist);
- `history(indicator)` -> list[Point], oldest first (snapshots or reported values);
- `take_snapshot(today=None)` -> list[IndicatorSnapshot], one per registry-computed indicator;
- `breakdowns()` -> dict (see `registry.indicators.breakdowns`);
- `STATUS_RULE`: the status rule in words (see `registry.indicators.status`).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from registry.language import localized
from registry.models.indicator import (
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
)

from . import snapshots, tasks
from .breakdowns import breakdowns as breakdowns
from .compute import COMPUTATIONS, Measure, measure_all
from .compute import POPULATION_CODE as POPULATION_CODE
from .compute import population as population
from .status import STATUS_RULE as STATUS_RULE
from .status import Status as Status
from .status import judge


@dataclass(frozen=True)
class Point:
    as_of: date
    value: float | None
    source: str
    records_counted: int | None = None
    records_unknown: int | None = None
    source_url: str = ""  # the address of a reported value's source, if it has one


@dataclass(frozen=True)
class Reading:
    indicator: Indicator
    value: float | None
    as_of: date | None
    source: str  # in the active language
    records_counted: int | None
    records_unknown: int | None
    status: str  # a Status value
    # The target the status was judged against, and where the straight path to it stood on
    # `as_of` (None when no path was drawn: see STATUS_RULE).
    target: IndicatorTarget | None = None
    path_value: float | None = None
    source_url: str = ""

    @property
    def origin(self) -> str:
        return self.indicator.origin


def registry_source() -> str:
    from django.utils.translation import gettext

    return gettext("Computed from the published records of the registry")


def measure(indicator: Indicator) -> Measure:
    """The registry's value of a registry-computed indicator, live."""
    return COMPUTATIONS[indicator.code](population=population())


def _points(indicator: Indicator) -> list[Point]:
    # .all() so that a prefetch (readings()) is used; the prefetches are ordered like these.
    if indicator.origin == Indicator.Origin.REGISTRY:
        source = registry_source()
        return [
            Point(s.taken_on, s.value, source, s.records_counted, s.records_unknown)
            for s in indicator.snapshots.all()
        ]
    return [
        Point(v.as_of, v.value, v.source, source_url=v.source_url)
        # Sorted here: outside readings() the relation follows the order of entry.
        # Values written outside the admin (the API, imports) have no sort_order: entry order.
        for v in sorted(
            indicator.reported_values.all(),
            key=lambda v: (v.as_of, v.sort_order if v.sort_order is not None else -1, v.pk or 0),
        )
    ]


def history(indicator: Indicator) -> list[Point]:
    return _points(indicator)


def status_of(indicator: Indicator, value: float | None) -> str:
    """The status of `value` today, judged against the targets alone (no history)."""
    today = timezone.localdate()
    latest = None if value is None else (today, value)
    return judge(indicator, indicator.targets.all(), None, latest, today).status


def _judged(indicator, points: list[Point], latest: Point | None) -> dict:
    today = timezone.localdate()
    first = next(((p.as_of, p.value) for p in points if p.value is not None), None)
    last = None if latest is None or latest.value is None else (latest.as_of, latest.value)
    judgement = judge(indicator, indicator.targets.all(), first, last, today)
    return {
        "status": judgement.status,
        "target": judgement.target,
        "path_value": judgement.path_value,
    }


def _reading(indicator: Indicator, measures: dict[str, Measure]) -> Reading:
    points = _points(indicator)
    if indicator.origin == Indicator.Origin.REGISTRY:
        m = measures[indicator.code]
        today = timezone.localdate()
        now = Point(today, m.value, registry_source(), m.records_counted, m.records_unknown)
        return Reading(
            indicator,
            m.value,
            today,
            now.source,
            m.records_counted,
            m.records_unknown,
            **_judged(indicator, points, now),
        )
    if not points:
        return Reading(indicator, None, None, "", None, None, **_judged(indicator, [], None))
    latest = points[-1]
    return Reading(
        indicator,
        latest.value,
        latest.as_of,
        latest.source,
        None,
        None,
        **_judged(indicator, points, latest),
        source_url=latest.source_url,
    )


def _indicators():
    return Indicator.objects.prefetch_related(
        "targets",
        Prefetch("reported_values", IndicatorValue.objects.order_by("as_of", "sort_order")),
        _ordered_snapshots(),
    )


def _ordered_snapshots() -> Prefetch:
    return Prefetch("snapshots", IndicatorSnapshot.objects.order_by("taken_on"))


def _measures(indicators: list[Indicator]) -> dict[str, Measure]:
    if not any(i.origin == Indicator.Origin.REGISTRY for i in indicators):
        return {}
    measures = measure_all(population())
    # The first read of a day keeps the day's figures, where no worker has done it yet.
    if snapshots.store_if_none_today(indicators, measures):
        computed = [i for i in indicators if i.origin == Indicator.Origin.REGISTRY]
        for indicator in computed:  # the history now ends with today's snapshot
            getattr(indicator, "_prefetched_objects_cache", {}).pop("snapshots", None)
        prefetch_related_objects(computed, _ordered_snapshots())
        tasks.schedule_next()  # where a worker runs, make sure its nightly job is queued
    return measures


def readings() -> list[Reading]:
    indicators = list(_indicators())
    measures = _measures(indicators)
    return [_reading(i, measures) for i in indicators]


def reading(code: str) -> Reading:
    indicator = _indicators().get(code=code)
    return _reading(indicator, _measures([indicator]))


def take_snapshot(today: date | None = None) -> list[IndicatorSnapshot]:
    return snapshots.take(today)


def name(indicator: Indicator, lang: str | None = None) -> str:
    return localized(indicator, "name", lang)
