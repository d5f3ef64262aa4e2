"""Distances on the Earth's surface, computed the same way everywhere (record pages, the API,
exports, both search backends), so that a distance shown never disagrees with a distance filter."""

import math

EARTH_RADIUS_KM = 6371.0087714  # the mean radius Elasticsearch's arc distance uses


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
