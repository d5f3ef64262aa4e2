import io
import json
import math
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from registry.geo import haversine_km
from registry.models import Enterprise, Incubator, Landmark, Plot, RDOrganisation, Zone

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeded():
    call_command("load_initial_data", stdout=io.StringIO(), stderr=io.StringIO())


def test_seed_data_meets_the_minimum_counts(seeded):
    assert Plot.objects.published().count() >= 80
    assert Enterprise.objects.published().count() >= 150
    assert RDOrganisation.objects.published().count() >= 20
    assert Incubator.objects.published().count() >= 15
    parks = Zone.objects.published().filter(zone_kind__in=["industrial_park", "high_tech_park"])
    assert parks.exclude(ref__startswith="sample-").count() >= 10


def test_seed_has_the_landmarks_investors_measure_from(seeded):
    kinds = set(Landmark.objects.published().values_list("landmark_kind", flat=True))
    assert {"airport", "seaport", "city_centre", "pop"} <= kinds
    assert Zone.objects.get(ref="lt-digital-park").zone_kind == "it_park"
    assert Zone.objects.filter(zone_kind="innovation_zone").exists()


def test_invented_records_are_marked_as_sample_and_real_ones_are_not():
    for path in sorted(SEEDS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            invented = path.name.startswith(("10_", "11_"))
            assert record["ref"].startswith("sample-") == invented, record["ref"]
            assert record.get("sample", False) == invented, record["ref"]
            if invented:
                assert record["name"].endswith("(mẫu)") and record["name_en"].endswith("(sample)")


def test_sample_challenges_and_experts_cover_the_linkage(seeded):
    from registry.models import Challenge, Expert

    challenges = Challenge.objects.published()
    assert set(challenges.values_list("challenge_kind", flat=True)) == {
        "commissioned_task",
        "enterprise_need",
        "training_need",
    }
    assert challenges.filter(challenge_kind="enterprise_need").count() >= 2
    assert challenges.filter(challenge_kind="training_need").count() >= 2
    decided = [c for c in challenges if c.is_decided and c.awarded_to]
    assert decided and all(r.sample for c in decided for r in c.awarded_to)
    assert all(c.poster is None or c.poster.sample for c in challenges)
    experts = Expert.objects.published()
    assert 6 <= experts.count() <= 8 and experts.filter(accepts_questions=True).count() >= 4
    assert all(e.consent_on and e.languages for e in experts)
    covered = set(experts.values_list("technologies__code", flat=True))
    for field in ("semiconductor", "ai", "iot", "data_centre"):
        assert any(code.split(".")[0] == field for code in covered), field


def test_vietnamese_names_keep_their_diacritics_and_have_english_names(seeded):
    zone = Zone.objects.get(ref="lt-digital-park")
    assert zone.name == "Khu công nghệ số tập trung Long Thành"
    assert not Zone.objects.filter(name_en="").exists()


def test_loading_the_seeds_twice_changes_nothing(seeded):
    out = io.StringIO()
    call_command("load_initial_data", stdout=out, stderr=io.StringIO())
    assert "0 created, 0 updated" in out.getvalue()


def seed_file_records(*names) -> list[dict]:
    return [
        json.loads(line)
        for name in names
        for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()
    ]


SAMPLE_PLOTS = [r for r in seed_file_records("10_sample.jsonl") if r["kind"] == "plot"]
WAFER_FABS = ("semiconductor.fabrication", "semiconductor.mems_sensors")


def suits(plot, code) -> bool:
    return any(c == code or c.startswith(f"{code}.") for c in plot.get("suitable_for", []))


@pytest.mark.parametrize("plot", SAMPLE_PLOTS, ids=[p["ref"] for p in SAMPLE_PLOTS])
def test_sample_plot_figures_fit_their_land_use_and_suitability(plot):
    # A data-centre lot is for data centres, and the other way round.
    assert (plot.get("land_use") == "data_centre") == suits(plot, "data_centre")
    if suits(plot, "data_centre"):
        assert plot["power_capacity_mw"] >= 10 and plot["power_feeds"] >= 2
        assert plot["fibre_pop_distance_km"] <= 2 and plot["fibre_bandwidth_gbps"] >= 40
        assert plot["flood_risk"] == "low"
    if suits(plot, "data_centre.hyperscale"):
        assert plot["power_capacity_mw"] >= 40 and plot["area_m2"] >= 20000
    if any(suits(plot, code) for code in WAFER_FABS):
        assert plot["land_use"] == "industrial"
        assert plot["power_capacity_mw"] >= 10 and plot["power_feeds"] >= 2
        assert plot["water_supply_m3_day"] >= 500 and plot["flood_risk"] == "low"
        assert "vibration" in plot["description"]["en"] and "rung" in plot["description"]["vi"]
    if suits(plot, "semiconductor.fabrication"):
        # A fab draws 30-60 MW and thousands of m³ of (ultrapure) water a day.
        assert plot["power_capacity_mw"] >= 30 and plot["water_supply_m3_day"] >= 5000
    if suits(plot, "semiconductor.packaging_testing"):
        assert plot["land_use"] == "industrial" and plot["power_feeds"] >= 2


BY_REF = {r["ref"]: r for r in seed_file_records("10_sample.jsonl")}
ZONES = {r["ref"]: r for r in seed_file_records("02_zones.jsonl")}


def test_sample_descriptions_read_as_sentences_in_both_languages():
    described = [r for r in BY_REF.values() if "description" in r]
    assert len(described) > 200
    for record in described:
        for lang, text in record["description"].items():
            assert text[0].isupper() and text.endswith(".") and "  " not in text, text
            if lang == "en":
                assert not re.search(r"\ba [aeiouAEIO]|\ban [b-df-hj-np-tv-z]", text), text
            else:
                assert re.search("[ăâđêôơưạảãáàệếềểễộốồổỗợớờởỡựứừửữịíìỉĩ]", text), text
            if "land_use" in record:
                # The land use its name gives ("Lot A01 – data centre (sample)") opens it.
                name = record["name"] if lang == "vi" else record["name_en"]
                land_use = name.split("– ")[1].removesuffix(" (mẫu)").removesuffix(" (sample)")
                assert land_use.lower().replace("-", " ") in text.lower().replace("-", " "), text


def inside(lat, lon, polygon) -> bool:
    ring = polygon["coordinates"][0]
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_sample_records_lie_inside_their_zone():
    """Inside the boundary when the zone has one, else within the circle of the zone's area
    around its point (300 m where no area is known)."""
    placed = [r for r in BY_REF.values() if r.get("zone") and r.get("location")]
    assert len(placed) > 90
    for record in placed:
        zone, point = ZONES[record["zone"]], record["location"]
        if zone.get("boundary"):
            assert inside(point["lat"], point["lon"], zone["boundary"]), record["ref"]
            continue
        radius_km = (
            math.sqrt(zone["total_area_ha"] / 100 / math.pi) if zone.get("total_area_ha") else 0.3
        )
        centre = zone["location"]
        distance = haversine_km(centre["lat"], centre["lon"], point["lat"], point["lon"])
        assert distance <= radius_km, (record["ref"], round(distance, 2), round(radius_km, 2))
