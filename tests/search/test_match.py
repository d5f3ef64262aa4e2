"""Investor matching (POST /api/v1/match/) on both backends, checked against a reference computed
here from the raw records: which plots qualify, their scores and their order."""

import json
import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import match_profiles
from search.matching import checks, engine
from search.matching.reading import read_request
from search.models import MatchProfile
from search.query import InvalidQuery

from .conftest import seed_records

pytestmark = pytest.mark.django_db

LANDMARKS = [
    {"kind": "landmark", "ref": "m-airport", "name": "Sân bay thử", "landmark_kind": "airport",
     "location": {"lat": 10.77, "lon": 107.05}},
    {"kind": "landmark", "ref": "m-port", "name": "Cảng thử", "landmark_kind": "seaport",
     "location": {"lat": 10.54, "lon": 107.02}},
]  # fmt: skip
ZONES = [
    {"kind": "zone", "ref": "m-it", "name": "Khu CNTT thử", "zone_kind": "it_park",
     "location": {"lat": 10.8, "lon": 106.98}},
    {"kind": "zone", "ref": "m-ip", "name": "KCN thử", "zone_kind": "industrial_park",
     "location": {"lat": 10.74, "lon": 107.12}},
]  # fmt: skip
CODES = ["semiconductor.packaging_testing", "semiconductor.chip_design", "data_centre.hyperscale",
         "ai.compute", "semiconductor"]  # fmt: skip
FLOOD = {"low": 0, "medium": 1, "high": 2}
EARTH_KM = 6371.0087714


def generated_plots(n=140, seed=4):
    """Plots with every field sometimes unknown, values on coarse grids (so that scores tie)."""
    rng = random.Random(seed)

    def maybe(value):
        return value if rng.random() < 0.8 else None

    plots = []
    for i in range(n):
        zone = rng.choice(ZONES)
        plot = {
            "kind": "plot",
            "ref": f"m-plot-{i:03d}",
            "zone": zone["ref"],
            "code": f"M{i}",
            "name": f"Lô thử {i}",
            "status": rng.choice(["available", "available", "reserved", "leased"]),
            "area_m2": rng.choice([2000, 5000, 10000, 20000, 40000, 80000]),
            "lease_price_usd_m2": maybe(rng.choice([90, 120, 150, 180])),
            "lease_term_end_year": maybe(rng.choice([2055, 2065, 2070])),
            "power_capacity_mw": maybe(rng.choice([1, 5, 10, 20, 40, 80, 150])),
            "power_feeds": maybe(rng.randint(1, 4)),
            "water_supply_m3_day": maybe(rng.choice([100, 500, 2000, 9000])),
            "fibre_pop_distance_km": maybe(round(rng.uniform(0, 12), 1)),
            "fibre_bandwidth_gbps": maybe(rng.choice([10, 40, 100, 400])),
            "flood_risk": maybe(rng.choice(["low", "low", "medium", "high"])),
            "cleanroom_ready": maybe(rng.random() < 0.4),
            "ready_built_factory": maybe(rng.random() < 0.3),
            "suitable_for": rng.sample(CODES, rng.randint(0, 2)),
            "location": {
                "lat": round(zone["location"]["lat"] + rng.uniform(-0.08, 0.08), 5),
                "lon": round(zone["location"]["lon"] + rng.uniform(-0.08, 0.08), 5),
            },
        }
        plots.append({k: v for k, v in plot.items() if v is not None and v != []})
    return plots


PLOTS = generated_plots()


# -- the reference, written from the spec, not from the engine ------------------------------------
def km_between(a, b):
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b["lon"] - a["lon"]) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def centre(area):
    if "landmark" in area:
        return next(lm["location"] for lm in LANDMARKS if lm["ref"] == area["landmark"])
    return area["point"]


def suits(plot, codes):
    own = set(plot.get("suitable_for", []))
    return any(c in own or any(o.startswith(c + ".") for o in own) for c in codes)


NUMBER_FIELDS = {
    "min_area_m2": "area_m2",
    "min_power_mw": "power_capacity_mw",
    "min_power_feeds": "power_feeds",
    "min_water_m3_day": "water_supply_m3_day",
    "max_fibre_pop_distance_km": "fibre_pop_distance_km",
    "min_fibre_bandwidth_gbps": "fibre_bandwidth_gbps",
    "max_lease_price_usd_m2": "lease_price_usd_m2",
    "min_lease_term_end_year": "lease_term_end_year",
}


def meets(plot, key, value) -> bool:
    if key == "status":
        return plot["status"] in value
    if key == "zone_kind":
        return {z["ref"]: z["zone_kind"] for z in ZONES}[plot["zone"]] in value
    if key == "suitable_for":
        return suits(plot, value)
    if key in ("cleanroom_ready", "ready_built_factory"):
        return not value or plot.get(key) is True
    if key == "max_flood_risk":
        return "flood_risk" in plot and FLOOD[plot["flood_risk"]] <= FLOOD[value]
    if key == "within_km":
        areas = value if isinstance(value, list) else [value]
        return all(km_between(plot["location"], centre(a)) <= a["km"] for a in areas)
    have = plot.get(NUMBER_FIELDS[key])
    if have is None:
        return False
    return have >= value if key.startswith("min_") else have <= value


def qualifies(plot, require):
    return all(meets(plot, key, value) for key, value in require.items())


def reference_score(plot, prefer):
    total = sum(p["weight"] for p in prefer.values())
    score = 0.0
    for key, p in prefer.items():
        share = 100 * p["weight"] / total
        if key in ("cleanroom_ready", "ready_built_factory"):
            fraction = 1.0 if plot.get(key) is True else 0.0
        elif key == "suitable_for":
            fraction = 1.0 if suits(plot, p["codes"]) else 0.0
        elif key == "flood_risk":
            fraction = {"low": 1, "medium": 0.5, "high": 0}.get(plot.get("flood_risk"), 0)
        else:
            if key.startswith("km_to:"):
                landmark = key.removeprefix("km_to:")
                value = km_between(plot["location"], centre({"landmark": landmark}))
            else:
                value = plot.get(key)
            if value is None:
                fraction = 0.0
            else:
                fraction = (value - p["zero_at"]) / (p["target"] - p["zero_at"])
                fraction = min(1.0, max(0.0, fraction))
        score += round(share * fraction, 2)
    return round(score, 2)


def reference(require, prefer, limit):
    require = {"status": ["available"], **require}
    qualifying = [p for p in PLOTS if qualifies(p, require)]
    ranked = sorted(qualifying, key=lambda p: (-reference_score(p, prefer), p["ref"]))
    return len(qualifying), [(p["ref"], reference_score(p, prefer)) for p in ranked[:limit]]


# -- fixtures --------------------------------------------------------------------------------------
@pytest.fixture
def plots(publish):
    publish(*LANDMARKS, *ZONES, *PLOTS)


def spec_for(body):
    return read_request(
        body, match_profiles.presets(), checks.landmark_points(), checks.technology_codes()
    )


def ranked(backend, body):
    if backend.name == "elasticsearch":
        backend.refresh()
    count, matches = engine.rank(backend, spec_for(body))
    return count, [(m.doc["ref"], m.score) for m in matches], matches


def post(client, body, lang=""):
    return client.post(
        f"/api/v1/match/?lang={lang}" if lang else "/api/v1/match/",
        json.dumps(body),
        content_type="application/json",
    )


CASES = [
    ({}, {}),
    ({"min_power_mw": 20, "min_power_feeds": 2}, {"power_capacity_mw": {"weight": 2, "target": 150, "zero_at": 20}}),
    ({"max_flood_risk": "low", "cleanroom_ready": True}, {"fibre_pop_distance_km": {"weight": 1, "target": 1, "zero_at": 10}}),
    ({"suitable_for": ["semiconductor"], "zone_kind": ["industrial_park"]}, {"cleanroom_ready": {"weight": 3}, "flood_risk": {"weight": 1}}),
    ({"within_km": {"landmark": "m-airport", "km": 9.5}}, {"km_to:m-port": {"weight": 1, "target": 20, "zero_at": 40}}),
    ({"within_km": [{"landmark": "m-airport", "km": 12.5}, {"point": {"lat": 10.8, "lon": 107.0}, "km": 7.5}]}, {}),
    ({"status": ["available", "reserved"], "max_lease_price_usd_m2": 150, "min_lease_term_end_year": 2065},
     {"lease_price_usd_m2": {"weight": 1, "target": 90, "zero_at": 180}, "area_m2": {"weight": 1, "target": 80000, "zero_at": 2000}}),
    ({"min_water_m3_day": 500, "min_fibre_bandwidth_gbps": 40, "max_fibre_pop_distance_km": 6},
     {"suitable_for": {"weight": 2, "codes": ["data_centre"]}, "water_supply_m3_day": {"weight": 1, "target": 9000, "zero_at": 100},
      "ready_built_factory": {"weight": 1}, "power_feeds": {"weight": 1, "target": 4, "zero_at": 1}}),
]  # fmt: skip


@pytest.mark.parametrize(("require", "prefer"), CASES)
def test_candidates_scores_and_order_match_the_reference(backend, plots, require, prefer):
    count, results, _ = ranked(backend, {"require": require, "prefer": prefer, "limit": 100})
    expected_count, expected = reference(require, prefer, 100)
    assert count == expected_count
    assert results == expected
    assert expected_count > 0


def test_ties_past_the_window_are_ordered_by_ref(backend, plots):
    """Scores on a coarse grid tie by the dozen: the last results must still be the smallest refs
    among the tied, which needs the band beyond the window on Elasticsearch."""
    prefer = {"flood_risk": {"weight": 1}}
    count, results, _ = ranked(backend, {"prefer": prefer, "limit": 7})
    expected_count, expected = reference({}, prefer, 7)
    assert (count, results) == (expected_count, expected)
    assert len({score for _ref, score in expected}) < len(expected)  # there were ties


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    require=st.fixed_dictionaries(
        {},
        optional={
            "min_power_mw": st.sampled_from([0, 5, 15, 40, 100]),
            "min_power_feeds": st.integers(1, 4),
            "max_fibre_pop_distance_km": st.floats(0.05, 12, allow_nan=False).map(lambda x: round(x, 2) + 0.005),
            "max_flood_risk": st.sampled_from(["low", "medium", "high"]),
            "cleanroom_ready": st.booleans(),
            "suitable_for": st.lists(st.sampled_from(["semiconductor", "ai", "data_centre.hyperscale"]), min_size=1, max_size=2),
            "zone_kind": st.lists(st.sampled_from(["it_park", "industrial_park"]), min_size=1),
            "within_km": st.fixed_dictionaries({"landmark": st.sampled_from(["m-airport", "m-port"]), "km": st.sampled_from([5.5, 11.5, 25.5])}),
            "min_area_m2": st.sampled_from([1000, 10000, 30000]),
        },
    ),
    prefer=st.fixed_dictionaries(
        {},
        optional={
            "power_capacity_mw": st.fixed_dictionaries({"weight": st.integers(1, 5), "target": st.just(100), "zero_at": st.sampled_from([0, 10])}),
            "fibre_pop_distance_km": st.fixed_dictionaries({"weight": st.floats(0.5, 4), "target": st.just(0.5), "zero_at": st.just(8)}),
            "km_to:m-airport": st.fixed_dictionaries({"weight": st.integers(1, 3), "target": st.just(3), "zero_at": st.floats(10, 30)}),
            "cleanroom_ready": st.fixed_dictionaries({"weight": st.integers(1, 3)}),
            "flood_risk": st.fixed_dictionaries({"weight": st.integers(1, 3)}),
        },
    ),
    limit=st.integers(1, 30),
)  # fmt: skip
def test_property_no_result_breaks_a_requirement_and_none_is_missed(
    backend, plots, require, prefer, limit
):
    count, results, matches = ranked(
        backend, {"require": require, "prefer": prefer, "limit": limit}
    )
    expected_count, expected = reference(require, prefer, limit)
    assert count == expected_count  # no qualifying plot missed, none extra
    assert results == expected  # the same best plots, scores and order
    by_ref = {p["ref"]: p for p in PLOTS}
    for match in matches:
        assert qualifies(by_ref[match.doc["ref"]], {"status": ["available"], **require})
        assert all(c["met"] for c in match.criteria if c["required"])


def test_every_result_explains_every_criterion(client, plots):
    require = {"min_power_mw": 10, "within_km": {"landmark": "m-airport", "km": 15}}
    prefer = {
        "power_capacity_mw": {"weight": 3, "target": 150, "zero_at": 10},
        "km_to:m-port": {"weight": 1, "target": 20, "zero_at": 40},
        "cleanroom_ready": {"weight": 1},
    }
    body = post(client, {"require": require, "prefer": prefer, "limit": 50}).json()
    assert body["count"] > 0 and body["results"]
    for result in body["results"]:
        keys = [c["key"] for c in result["criteria"]]
        assert keys == ["status", "min_power_mw", "within_km", *prefer]
        required = [c for c in result["criteria"] if c["required"]]
        assert all(c["met"] and c["value"] is not None for c in required)
        points = [c for c in result["criteria"] if not c["required"]]
        assert round(sum(c["points"] for c in points), 2) == result["score"]
        assert round(sum(c["max_points"] for c in points)) == 100
        for c in points:
            assert 0 <= c["points"] <= c["max_points"]
        assert set(result["distances_km"]) == {"m-airport", "m-port"}
        port = next(c for c in points if c["key"] == "km_to:m-port")
        assert abs(port["value"] - result["distances_km"]["m-port"]) < 0.05


def test_distances_agree_with_haversine_within_50_m(backend, plots):
    area = {"point": {"lat": 10.78, "lon": 107.03}, "km": 10.5}
    _count, results, matches = ranked(backend, {"require": {"within_km": area}, "limit": 100})
    by_ref = {p["ref"]: p for p in PLOTS}
    assert matches
    for match in matches:
        shown = match.criteria[1]["value"]
        assert abs(shown - km_between(by_ref[match.doc["ref"]]["location"], area["point"])) < 0.05


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"require": {"min_power": 5}}, "require.min_power"),
        ({"require": {"min_power_mw": "lots"}}, "require.min_power_mw"),
        ({"require": {"min_power_mw": True}}, "require.min_power_mw"),
        ({"require": {"max_flood_risk": "none"}}, "require.max_flood_risk"),
        ({"require": {"suitable_for": ["quantum"]}}, "require.suitable_for"),
        ({"require": {"within_km": {"landmark": "nowhere", "km": 5}}}, "require.within_km.landmark"),
        ({"require": {"within_km": [{"landmark": "m-port", "km": 5}, {"point": {"lat": 99, "lon": 1}, "km": 5}]}},
         "require.within_km[1].point.lat"),
        ({"prefer": {"power_capacity_mw": {"weight": 1, "target": 10}}}, "prefer.power_capacity_mw.zero_at"),
        ({"prefer": {"km_to:nowhere": {"weight": 1, "target": 1, "zero_at": 5}}}, "prefer.km_to:nowhere"),
        ({"prefer": {"sunshine": {"weight": 1}}}, "prefer.sunshine"),
        ({"profile": "fab_2nm"}, "profile"),
        ({"limit": 0}, "limit"),
        ({"filters": {}}, "filters"),
        ([1, 2], "body"),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_naming_the_field(client, plots, body, path):
    response = post(client, body)
    assert response.status_code == 400
    assert path in response.json()["error"]["fields"]


def test_malformed_json_is_a_400(client, db):
    response = client.post("/api/v1/match/", "{nope", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"


def test_profiles_cite_a_source_and_reasoning_for_every_threshold(client, db):
    body = client.get("/api/v1/match/profiles/?lang=en").json()
    codes = {p["code"] for p in body["profiles"]}
    assert codes >= {
        "semiconductor_osat",
        "semiconductor_design",
        "mems_iot_chips",
        "data_centre_hyperscale",
        "data_centre_edge",
        "ai_compute",
        "ai_rnd_centre",
    }
    for profile in body["profiles"]:
        assert profile["require"] and profile["prefer"] and profile["technologies"]
        assert len(profile["criteria"]) == len(profile["require"]) + len(profile["prefer"])
        for criterion in profile["criteria"]:
            assert len(criterion["reasoning"]) > 10, criterion
            assert len(criterion["source"]) > 10, criterion
    assert "weights" in body["prefer"] and "km_to:<landmark>" in body["prefer"]["keys"]


def test_every_preset_is_valid_against_the_seed_landmarks(client, seeded):
    for profile in MatchProfile.objects.all():
        response = post(client, {"profile": profile.code, "limit": 5})
        assert response.status_code == 200, response.content
        assert response.json()["warnings"] == [], profile.code


def test_investor_keys_override_the_preset(client, plots):
    preset = post(client, {"profile": "data_centre_hyperscale", "limit": 100}).json()
    looser = post(
        client,
        {
            "profile": "data_centre_hyperscale",
            "require": {"min_power_mw": 5, "min_area_m2": None},
            "prefer": {"power_capacity_mw": {"weight": 10}},
            "limit": 100,
        },
    ).json()
    assert looser["count"] > preset["count"]
    result = looser["results"][0]
    keys = [c["key"] for c in result["criteria"] if c["required"]]
    assert "min_area_m2" not in keys
    power = next(c for c in result["criteria"] if c["key"] == "power_capacity_mw")
    assert (power["weight"], power["target"]) == (10, 140)  # the preset's target kept


def test_partners_are_relevant_and_say_why(client, seeded):
    body = post(client, {"profile": "semiconductor_osat", "limit": 5}, lang="en").json()
    assert body["results"]
    enterprises = body["partners"]["enterprise"]
    assert enterprises
    lots = {r["code"] for r in body["results"][:3]}
    for partner in enterprises:
        role, _sep, where = partner["reason"].partition(", ")
        # The plot is named with its zone: lot codes repeat from zone to zone.
        assert role and " km from " in where, partner
        assert where.endswith(tuple(f" · lot {lot}" for lot in lots)), partner
    # OSAT's partner roles first: a materials or packaging firm heads the list.
    assert enterprises[0]["reason"].startswith(("Packaging", "Equipment", "Electronics"))
    technologies_of = {r["ref"]: r for r in seed_records() if r["kind"] == "enterprise"}
    for partner in enterprises:
        codes = technologies_of[partner["ref"]].get("technologies", [])
        assert any(c.startswith("semiconductor") for c in codes), partner
    distances = [p["distance_km"] for p in enterprises]
    assert all(d is not None for d in distances)


def test_match_never_shows_unpublished_plots(backend, publish):
    publish(*LANDMARKS, *ZONES)
    publish(*PLOTS[:10], draft=True)
    count, results, _ = ranked(
        backend, {"require": {"status": ["available", "reserved", "leased"]}}
    )
    assert (count, results) == (0, [])


def test_whole_number_keys_refuse_fractions(db):
    with pytest.raises(InvalidQuery) as raised:
        spec_for({"require": {"min_power_feeds": 2.5}})
    assert "require.min_power_feeds" in raised.value.errors


def form_data(form) -> dict:
    """What a browser would post back for an unchanged Wagtail admin form and its formsets."""

    def fields(bound_form, data):
        for bound in bound_form:
            value = bound.value()
            if value is None:
                continue
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            else:
                data[bound.html_name] = value
        return data

    data = fields(form, {})
    for formset in form.formsets.values():
        fields(formset.management_form, data)
        for child in formset.forms:
            fields(child, data)
    return data


def test_a_curator_edits_a_preset_in_the_admin_with_a_revision(client, plots):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    curator = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    client.force_login(curator)
    profile = MatchProfile.objects.get(code="data_centre_hyperscale")
    edit = reverse("wagtailsnippets_search_matchprofile:edit", args=[profile.pk])
    form = client.get(edit).context["form"]
    data = form_data(form)
    index = next(
        i for i, child in enumerate(form.formsets["criteria"].forms)
        if child.instance.key == "min_power_mw"
    )  # fmt: skip
    before = post(client, {"profile": profile.code, "limit": 100}).json()["count"]

    data[f"criteria-{index}-value"] = '"lots"'
    response = client.post(edit, data)
    assert response.status_code == 200  # the form again, with the error on the criterion
    assert "value" in response.context["form"].formsets["criteria"].forms[index].errors

    data[f"criteria-{index}-value"] = "10"
    response = client.post(edit, data)
    assert response.status_code == 302
    assert post(client, {"profile": profile.code, "limit": 100}).json()["count"] > before
    assert profile.revisions.count() == 1
