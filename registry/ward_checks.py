"""Records whose ward code and coordinates disagree, flagged for curators (never refused).

The project has no map of ward boundaries or centroids (and none is invented): a record's
position is compared with where the registry's other published records of the same ward lie —
the median of their latitudes and of their longitudes, which one misplaced neighbour does not
move. Farther than FAR_KM from it, the record is flagged in the admin (a warning on the record,
a list filter). A ward with no other located record tells nothing, so nothing is flagged there.
"""

from dataclasses import dataclass
from statistics import median

from vietnam_provinces import Ward

from .geo import haversine_km
from .models import KINDS

# A merged commune of 2025 reaches some 10 km from its middle; past 15 km from where the
# others of its ward lie, the ward or the coordinates are most likely wrong.
FAR_KM = 15


@dataclass(frozen=True)
class WardFlag:
    ward_code: int
    ward_name: str
    distance_km: float
    others: int  # the published records of the ward it was compared with


Position = tuple[float, float]


def _flag(ward_code: int, lat: float, lon: float, others: list[Position]) -> WardFlag | None:
    if not others:
        return None
    middle = (median(p[0] for p in others), median(p[1] for p in others))
    distance = haversine_km(lat, lon, *middle)
    if distance <= FAR_KM:
        return None
    try:
        name = Ward.from_code(ward_code).name
    except (ValueError, KeyError):
        name = str(ward_code)
    return WardFlag(ward_code, name, round(distance, 1), len(others))


def _located(model, published: bool = True):
    records = model.objects.published() if published else model.objects.all()
    return records.exclude(ward_code=None).exclude(lat=None).exclude(lon=None)


def published_positions(ward_codes=None) -> dict[int, list[tuple[str, int, Position]]]:
    """(kind, pk, position) of the published located records, by ward (of `ward_codes`, or all)."""
    by_ward: dict[int, list[tuple[str, int, Position]]] = {}
    for kind, model in KINDS.items():
        records = _located(model)
        if ward_codes is not None:
            records = records.filter(ward_code__in=ward_codes)
        for pk, ward, lat, lon in records.values_list("pk", "ward_code", "lat", "lon"):
            by_ward.setdefault(ward, []).append((kind, pk, (lat, lon)))
    return by_ward


def ward_flag(record) -> WardFlag | None:
    """The flag of one record (a draft's too), from its current fields."""
    if record.ward_code is None or record.lat is None or record.lon is None:
        return None
    positions = published_positions([record.ward_code]).get(record.ward_code, [])
    others = [p for kind, pk, p in positions if (kind, pk) != (record.kind, record.pk)]
    return _flag(record.ward_code, record.lat, record.lon, others)


def flagged(kind: str) -> dict[int, WardFlag]:
    """The flagged records of a kind (drafts included), by primary key: a few queries."""
    by_ward = published_positions()
    found = {}
    rows = _located(KINDS[kind], published=False).values_list("pk", "ward_code", "lat", "lon")
    for pk, ward, lat, lon in rows:
        others = [p for k, other, p in by_ward.get(ward, []) if (k, other) != (kind, pk)]
        flag = _flag(ward, lat, lon, others)
        if flag is not None:
            found[pk] = flag
    return found
