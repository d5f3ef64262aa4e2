"""Zone outlines as GeoJSON Polygons: what a valid one is (checked when a curator or an import
saves it) and its RFC 7946 form for the open data (rounded, closed, wound by the right-hand rule).

Coordinates are [longitude, latitude] in WGS 84, as GeoJSON has them; areas and windings are
computed on that plane, which is right for the sign of a ring's area at any size a zone has."""

import math

from django.utils.translation import gettext as _

from .validators import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

DECIMALS = 6  # about 0.1 m: far finer than any outline the registry holds
MAX_POSITIONS = 1000  # an approximate outline; also bounds the quadratic self-crossing check


def _position(value) -> tuple[float, float] | None:
    """(lon, lat) of a GeoJSON position inside Vietnam's box, else None (altitude dropped)."""
    if not isinstance(value, list | tuple) or len(value) not in (2, 3):
        return None
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in value):
        return None
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    if not (LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX):
        return None
    return lon, lat


def signed_area(ring: list[tuple[float, float]]) -> float:
    """The shoelace sum of a closed ring: positive when it runs counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _orientation(a, b, c) -> int:
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (cross > 0) - (cross < 0)


def _on_segment(a, b, p) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _segments_cross(a, b, c, d) -> bool:
    o1, o2, o3, o4 = (
        _orientation(a, b, c),
        _orientation(a, b, d),
        _orientation(c, d, a),
        _orientation(c, d, b),
    )
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(a, b, c))
        or (o2 == 0 and _on_segment(a, b, d))
        or (o3 == 0 and _on_segment(c, d, a))
        or (o4 == 0 and _on_segment(c, d, b))
    )


def crosses_itself(ring: list[tuple[float, float]]) -> bool:
    """Whether two edges of a closed ring that are not neighbours touch or cross."""
    edges = list(zip(ring, ring[1:], strict=False))
    count = len(edges)
    for i in range(count):
        for j in range(i + 2, count):
            if i == 0 and j == count - 1:
                continue  # the first and last edges share the closing position
            if _segments_cross(*edges[i], *edges[j]):
                return True
    return False


def _rings(value) -> list[list[tuple[float, float]]] | None:
    if not isinstance(value, dict) or value.get("type") != "Polygon":
        return None
    coordinates = value.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        return None
    rings = []
    for raw in coordinates:
        if not isinstance(raw, list):
            return None
        ring = [_position(p) for p in raw]
        if None in ring:
            return None
        rings.append(ring)
    return rings


def polygon_problem(value) -> str | None:
    """What is wrong with a zone's outline, in words a curator acts on; None when it is valid."""
    rings = _rings(value)
    if rings is None:
        return _(
            "Expected a GeoJSON Polygon: rings of [longitude, latitude] positions inside Vietnam."
        )
    if sum(len(ring) for ring in rings) > MAX_POSITIONS:
        return _("An approximate outline needs at most %(max)d positions.") % {"max": MAX_POSITIONS}
    for ring in rings:
        if len(ring) < 4 or ring[0] != ring[-1]:
            return _("Each ring needs at least 4 positions, the last equal to the first.")
        if signed_area(ring) == 0:
            return _("A ring encloses no area.")
        if crosses_itself(ring):
            return _("A ring crosses itself.")
    return None


def _rounded_ring(ring) -> list[list[float]]:
    rounded = []
    for lon, lat in ring:
        position = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not rounded or rounded[-1] != position:
            rounded.append(position)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def rfc7946_polygon(value) -> dict | None:
    """The outline as RFC 7946 asks: rounded to 6 decimals, rings closed, the outer ring
    counter-clockwise and holes clockwise (the right-hand rule); None when nothing valid is left
    (an outline saved before the checks above, or one that rounding collapses)."""
    rings = _rings(value)
    if rings is None:
        return None
    out = []
    for index, raw in enumerate(rings):
        if len(raw) < 3:
            return None
        ring = _rounded_ring(raw)
        area = signed_area(ring)
        if len(ring) < 4 or area == 0:
            return None
        if (area > 0) != (index == 0):
            ring.reverse()
        out.append(ring)
    return {"type": "Polygon", "coordinates": out}


def _inside_ring(ring: list[tuple[float, float]], x: float, y: float) -> bool:
    """Even-odd ray casting: whether (x, y) lies inside a closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(value, lon: float, lat: float) -> bool | None:
    """Whether a GeoJSON Polygon holds the point (inside its outer ring, outside its holes);
    None when `value` is not a polygon."""
    rings = _rings(value)
    if not rings:
        return None
    outer, *holes = rings
    return _inside_ring(outer, lon, lat) and not any(_inside_ring(h, lon, lat) for h in holes)
