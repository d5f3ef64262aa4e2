"""Ranking and explaining: the backend finds the candidates and orders them by its own score;
the score a user sees, and each criterion's explanation, are computed here, once, in Python.

So both backends give the same scores to the last decimal. A backend's own score (float32 in
Elasticsearch) can differ from ours by a hair; `rank` fetches a window wider than asked and,
when a plot beyond the window could still tie the last result, fetches the whole band of
scores near the boundary, so the order is exactly "score, then ref" on both.
"""

from dataclasses import dataclass

from registry.geo import haversine_km
from registry.plot_attributes import RANK, attributes

from .spec import Condition, MatchSpec, Preference

# Flood risk is held as its rank and shown by name: {"flood_rank": {0: "low", …}}.
RANK_NAMES = {a.field: dict(enumerate(a.ranks)) for a in attributes(kind=RANK)}
RANKED_KEYS = {a.name for a in attributes(kind=RANK)}
WINDOW_MARGIN = 20
BAND_LIMIT = 10_000  # Elasticsearch's result window


@dataclass
class Candidate:
    """A plot's search document as a backend returns it, with the backend's own score."""

    doc: dict
    backend_score: float


@dataclass
class Match:
    doc: dict
    score: float
    criteria: list[dict]


def tolerance(spec: MatchSpec) -> float:
    """How far a backend's score may stray from ours: float32 sums, plus the rounding of each
    preference's points to hundredths."""
    return 0.01 + 0.005 * len(spec.preferences)


def ramp(value, target: float, zero_at: float) -> float:
    """0 at `zero_at`, 1 at `target` and beyond, linear between; unknown earns nothing."""
    if value is None:
        return 0.0
    fraction = (value - zero_at) / (target - zero_at)
    return min(1.0, max(0.0, fraction))


def distance_km(doc: dict, point: tuple[float, float]) -> float:
    location = doc["location"]
    return haversine_km(point[0], point[1], location["lat"], location["lon"])


def meets(condition: Condition, doc: dict) -> bool:
    value = doc.get(condition.field) if condition.op != "within" else None
    match condition.op:
        case "gte":
            return value is not None and value >= condition.value
        case "lte":
            return value is not None and value <= condition.value
        case "in":
            return value in condition.value
        case "true":
            return value is True
        case "codes":
            return bool(set(value or ()) & set(condition.value))
        case "within":
            area = condition.value
            return distance_km(doc, (area.lat, area.lon)) <= area.km
    raise ValueError(condition.op)


def shown_value(field: str, doc: dict):
    """A document value as the investor reads it."""
    value = doc.get(field)
    if field in RANK_NAMES:
        return RANK_NAMES[field].get(value)
    if field == "technologies":
        codes = value or []
        # The plot's own codes: ancestors were added for filtering, not for reading.
        return sorted(c for c in codes if not any(o.startswith(c + ".") for o in codes))
    if field == "plot_zone_kind":
        return value or None
    return value


def explain(spec: MatchSpec, doc: dict) -> Match:
    criteria = []
    for condition in spec.conditions:
        if condition.op == "within":
            area = condition.value
            value = round(distance_km(doc, (area.lat, area.lon)), 3)
        else:
            value = shown_value(condition.field, doc)
        criteria.append(
            {
                "key": condition.key,
                "required": True,
                "target": condition.target,
                "value": value,
                "met": meets(condition, doc),
            }
        )
    score = 0.0
    for preference in spec.preferences:
        fraction, value = preference_fraction(preference, doc)
        points = round(preference.points * fraction, 2)
        score += points
        explanation = {
            "key": preference.key,
            "required": False,
            "weight": preference.weight,
            "target": preference.shown_target,
            "value": value,
            "points": points,
            "max_points": round(preference.points, 2),
        }
        if preference.op == "ramp" and preference.key not in RANKED_KEYS:
            explanation["zero_at"] = preference.zero_at
        criteria.append(explanation)
    return Match(doc, round(score, 2), criteria)


def preference_fraction(preference: Preference, doc: dict) -> tuple[float, object]:
    if preference.op == "when":
        return (1.0 if meets(preference.condition, doc) else 0.0), shown_value(
            preference.field, doc
        )
    if preference.point is not None:
        value = distance_km(doc, preference.point)
        return ramp(value, preference.target, preference.zero_at), round(value, 3)
    value = doc.get(preference.field)
    return ramp(value, preference.target, preference.zero_at), shown_value(preference.field, doc)


def rank(backend, spec: MatchSpec) -> tuple[int, list[Match]]:
    """The candidates' count and the best `spec.limit` of them, by score then ref."""
    count, candidates = backend.match(spec, size=spec.limit + WINDOW_MARGIN)
    matches = _ordered(spec, candidates)
    # Without preferences every score is exactly 0 on both sides: the backend's ref order holds.
    if spec.preferences and len(candidates) < count and len(matches) >= spec.limit:
        boundary = matches[spec.limit - 1].score
        if candidates[-1].backend_score >= boundary - tolerance(spec):
            # A plot past the window may still tie or beat the last result: take the band.
            _count, candidates = backend.match(
                spec, size=BAND_LIMIT, min_score=boundary - tolerance(spec)
            )
            matches = _ordered(spec, candidates)
    return count, matches[: spec.limit]


def _ordered(spec: MatchSpec, candidates: list[Candidate]) -> list[Match]:
    matches = [explain(spec, c.doc) for c in candidates]
    return sorted(matches, key=lambda m: (-m.score, m.doc["ref"]))
