"""The Resolution 57 monitor's one way to read indicators: what each stands at now, its history
and its status against the path to its targets. The portal page, the API, the downloads and the
quarterly report all read through here.

Interface (stable; the internals are being refined):
- `readings()` -> list[Reading], every indicator in page order;
- `reading(code)` -> Reading (raises Indicator.DoesNotExist);
- `history(indicator)` -> list[Point], oldest first (snapshots or reported values);
- `take_snapshot(today=None)` -> list[IndicatorSnapshot], one per registry-computed indicator;
- `breakdowns()` -> dict (see `registry.indicators.breakdowns`).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from registry.language import localized
from registry.models.indicator import Indicator, IndicatorSnapshot

from .breakdowns import breakdowns as breakdowns
from .compute import COMPUTATIONS, Measure

POPULATION_CODE = "population"


class Status:
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Point:
    as_of: date
    value: float | None
    source: str
    records_counted: int | None = None
    records_unknown: int | None = None


@dataclass(frozen=True)
class Reading:
    indicator: Indicator
    value: float | None
    as_of: date | None
    source: str  # in the active language
    records_counted: int | None
    records_unknown: int | None
    status: str  # a Status value

    @property
    def origin(self) -> str:
        return self.indicator.origin


def registry_source() -> str:
    from django.utils.translation import gettext

    return gettext("Computed from the published records of the registry")


def population() -> float | None:
    latest = (
        Indicator.objects.filter(code=POPULATION_CODE)
        .values_list("reported_values__value", flat=True)
        .order_by("-reported_values__as_of")
        .first()
    )
    return latest or None


def measure(indicator: Indicator) -> Measure:
    """The registry's value of a registry-computed indicator, live."""
    return COMPUTATIONS[indicator.code](population=population())


def history(indicator: Indicator) -> list[Point]:
    if indicator.origin == Indicator.Origin.REGISTRY:
        source = registry_source()
        return [
            Point(s.taken_on, s.value, source, s.records_counted, s.records_unknown)
            for s in indicator.snapshots.order_by("taken_on")
        ]
    return [
        Point(v.as_of, v.value, v.source)
        for v in indicator.reported_values.order_by("as_of", "sort_order")
    ]


def status_of(indicator: Indicator, value: float | None) -> str:
    """Placeholder rule, being refined: no value is "no data"."""
    return Status.NO_DATA if value is None else Status.ON_TRACK


def _reading(indicator: Indicator) -> Reading:
    if indicator.origin == Indicator.Origin.REGISTRY:
        m = measure(indicator)
        return Reading(
            indicator,
            m.value,
            timezone.localdate(),
            registry_source(),
            m.records_counted,
            m.records_unknown,
            status_of(indicator, m.value),
        )
    latest = indicator.reported_values.order_by("-as_of", "-sort_order").first()
    if latest is None:
        return Reading(indicator, None, None, "", None, None, Status.NO_DATA)
    return Reading(
        indicator,
        latest.value,
        latest.as_of,
        latest.source,
        None,
        None,
        status_of(indicator, latest.value),
    )


def readings() -> list[Reading]:
    return [_reading(i) for i in Indicator.objects.prefetch_related("targets")]


def reading(code: str) -> Reading:
    return _reading(Indicator.objects.get(code=code))


def take_snapshot(today: date | None = None) -> list[IndicatorSnapshot]:
    today = today or timezone.localdate()
    now = timezone.now()
    taken = []
    for indicator in Indicator.objects.filter(origin=Indicator.Origin.REGISTRY):
        m = measure(indicator)
        snapshot, _ = IndicatorSnapshot.objects.update_or_create(
            indicator=indicator,
            taken_on=today,
            defaults={
                "taken_at": now,
                "value": m.value,
                "records_counted": m.records_counted,
                "records_unknown": m.records_unknown,
            },
        )
        taken.append(snapshot)
    return taken


def name(indicator: Indicator, lang: str | None = None) -> str:
    return localized(indicator, "name", lang)
