"""GET /api/v1/geojson/ as a GIS tool reads it (RFC 7946): typed properties, one type per
property, a named layer, counts that add up, pages, zone outlines and landmarks as features.
GDAL itself reads the live endpoint in test_geojson_gdal.py."""

import pytest

from registry.polygons import signed_area
from search.geojson import PROPERTIES

pytestmark = pytest.mark.django_db

PLOT = "sample-lt-digital-park-a01"
OUTLINE_CLOCKWISE = [[107.1, 10.7], [107.1, 10.8], [107.2, 10.8], [107.2, 10.7], [107.1, 10.7]]


def geojson(client, **params):
    response = client.get("/api/v1/geojson/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def json_type(value) -> str | None:
    if value is None:
        return None
    # JSON has one number type: 20000 and 20000.5 are both numbers (whole ones are written
    # without ".0"), and GDAL types a column holding both as Real.
    return {bool: "bool", int: "number", float: "number", str: "str", list: "list"}[type(value)]


def test_every_feature_has_the_same_typed_properties(client, seeded):
    body = geojson(client, include="landmarks,zones")
    assert body["type"] == "FeatureCollection" and body["name"] == "dnhub_registry"
    assert "crs" not in body
    types: dict[str, set] = {}
    for feature in body["features"]:
        assert tuple(feature["properties"]) == PROPERTIES
        for key, value in feature["properties"].items():
            types.setdefault(key, set()).add(json_type(value))
        lon, lat = feature["geometry"]["coordinates"][:2]
        assert 102 <= lon <= 110 and 8 <= lat <= 24  # longitude first
    # One JSON type per property, whatever the kind: GDAL gives each property one column type.
    assert all(len(found - {None}) <= 1 for found in types.values()), types
    assert types["area_m2"] - {None} == {"number"} and types["sample"] == {"bool"}
    # Lists of codes, or null: never [], which GDAL would read as a JSON column.
    assert types["technologies"] == types["suitable_for"] == {"list", None}


def test_a_plot_carries_its_figures_zone_and_sample_flag(client, seeded, settings):
    plot = next(r for r in seeded if r["ref"] == PLOT)
    body = geojson(client, kind="plot", lang="en")
    feature = next(f for f in body["features"] if f["properties"]["ref"] == PLOT)
    assert feature["id"] == f"plot:{PLOT}"
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [plot["location"]["lon"], plot["location"]["lat"]],
    }
    properties = feature["properties"]
    assert properties["area_m2"] == float(plot["area_m2"])
    assert properties["power_capacity_mw"] == float(plot["power_capacity_mw"])
    assert properties["lease_price_usd_m2"] == float(plot["lease_price_usd_m2"])
    assert properties["status"] == plot["status"] and properties["code"] == plot["code"]
    assert properties["zone"] == "lt-digital-park"
    assert properties["zone_name"] == "Long Thanh Concentrated Digital Technology Park"
    assert properties["suitable_for"] == sorted(plot["suitable_for"])
    assert properties["sample"] is True and properties["verified_on"] is None
    assert properties["url"] == f"{settings.SITE_URL}/en/registry/plot/{PLOT}/"


def test_count_is_the_features_and_records_without_a_location_are_counted_apart(client, seeded):
    body = geojson(client)
    unlocated = sum(1 for r in seeded if r["kind"] != "landmark" and "location" not in r)
    searchable = sum(1 for r in seeded if r["kind"] != "landmark")
    assert unlocated > 0
    assert body["count"] == len(body["features"]) == searchable - unlocated
    assert body["without_location"] == unlocated and body["matched"] == searchable
    assert body["next"] is None and body["previous"] is None


def test_pages_link_to_each_other_and_together_hold_every_record(client, seeded):
    first = geojson(client, kind="plot", page_size=40)
    plots = sum(1 for r in seeded if r["kind"] == "plot")
    assert first["matched"] == plots > 40 and first["count"] == 40
    assert first["previous"] is None
    refs, page, pages = [], first, 0
    while page is not None:
        pages += 1
        refs += [f["properties"]["ref"] for f in page["features"]]
        following = page["next"]
        page = client.get(following).json() if following else None
        if page is not None:
            assert page["previous"] is not None
    assert pages == -(-plots // 40) and len(refs) == len(set(refs)) == plots


def test_more_than_two_thousand_records_come_in_two_pages(client, publish):
    zones = [
        {
            "kind": "zone",
            "ref": f"bulk-{n:04d}",
            "name": f"Khu {n:04d}",
            "zone_kind": "industrial_park",
            "location": {"lat": 10.5 + n / 10_000, "lon": 107.0},
        }
        for n in range(2_003)
    ]
    publish(*zones)
    first = geojson(client)
    assert first["count"] == 2_000 and first["matched"] == 2_003 and first["next"]
    second = client.get(first["next"]).json()
    assert second["count"] == 3 and second["next"] is None
    refs = {f["properties"]["ref"] for f in first["features"] + second["features"]}
    assert refs == {z["ref"] for z in zones}


def test_zone_outlines_are_features_wound_by_the_right_hand_rule(client, seeded, publish):
    zone = next(r for r in seeded if r["ref"] == "lt-digital-park")
    publish({**zone, "boundary": {"type": "Polygon", "coordinates": [OUTLINE_CLOCKWISE]}})
    body = geojson(client, kind="plot", zone="lt-digital-park", include="zones")
    outlines = [f for f in body["features"] if f["geometry"]["type"] == "Polygon"]
    assert len(outlines) == 1  # the zone its plots lie in
    outline = outlines[0]
    assert outline["id"] == "zone:lt-digital-park:boundary"
    assert outline["properties"]["layer"] == "zones"
    assert outline["properties"]["ref"] == "lt-digital-park"
    ring = outline["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and signed_area(ring) > 0  # counter-clockwise outside
    assert sorted(map(tuple, ring)) == sorted(map(tuple, OUTLINE_CLOCKWISE))
    assert body["count"] == len(body["features"])
    assert not any("boundary" in f["properties"] for f in body["features"])


def test_landmarks_are_features_when_included_and_a_list_beside_them_otherwise(client, seeded):
    located = {r["ref"] for r in seeded if r["kind"] == "landmark" and "location" in r}
    plain = geojson(client, kind="zone")
    assert {f["properties"]["ref"] for f in plain["landmarks"]} == located
    assert not any(f["properties"]["kind"] == "landmark" for f in plain["features"])
    included = geojson(client, kind="zone", include="landmarks")
    assert "landmarks" not in included
    landmarks = [f for f in included["features"] if f["properties"]["layer"] == "landmarks"]
    assert {f["properties"]["ref"] for f in landmarks} == located
    assert included["count"] == plain["count"] + len(located)
    airport = next(f for f in landmarks if f["properties"]["landmark_kind"] == "airport")
    assert airport["properties"]["kind"] == "landmark" and airport["id"].startswith("landmark:")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"include": "roads"}, "include"),
        ({"page_size": "2001"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"page": "6"}, "page"),  # beyond the 10,000 records a search can page through
        ({"kind": "castle"}, "kind"),
    ],
)
def test_bad_parameters_are_named_in_a_json_400(client, db, params, field):
    response = client.get("/api/v1/geojson/", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
