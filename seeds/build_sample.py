"""Regenerate the invented part of the seed data:

    python seeds/build_sample.py > seeds/10_sample.jsonl


Deterministic (fixed random seed). Every record it makes is sample data: it carries
`"sample": true`, its ref starts with 'sample-' and its names end in '(mẫu)' / '(sample)'.
"""

import json
import math
import random
import sys
from pathlib import Path

from sample_vocabulary import (
    ENTERPRISE_KINDS,
    FOREIGN,
    INCUBATORS,
    LABS,
    LAND_USE,
    LOTS,
    PLACES,
    PLOT_ZONES,
    PROFILES,
    RD,
    SAMPLE_NOTE,
    STAGES,
    USES,
    VIBRATION,
)

SEED = 57  # after Resolution 57-NQ/TW
ZONES_FILE = Path(__file__).with_name("02_zones.jsonl")
# Where a zone states no area: records are placed this close to its point.
DEFAULT_ZONE_RADIUS_M = 300
EARTH_RADIUS_M = 6_371_008.8


def random_for(name: str) -> random.Random:
    """One generator per kind of record, so that changing one kind leaves the others as they are."""
    return random.Random(f"{SEED}-{name}")


def zones() -> dict[str, dict]:
    with ZONES_FILE.open(encoding="utf-8") as lines:
        return {zone["ref"]: zone for zone in map(json.loads, lines)}


def zone_radius_m(zone: dict) -> float:
    """The radius of a circle as large as the zone: its stated area, centred on its point."""
    area_ha = zone.get("total_area_ha")
    return math.sqrt(area_ha * 10_000 / math.pi) if area_ha else DEFAULT_ZONE_RADIUS_M


def inside_polygon(lat: float, lon: float, polygon: dict) -> bool:
    """Ray casting over the outer ring of a GeoJSON Polygon ([lon, lat] pairs)."""
    ring = polygon["coordinates"][0]
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def position_in(zone: dict, rng: random.Random) -> dict:
    """A point inside the zone: inside its boundary when it has one, else within the circle of
    its area around its point (uniform over the disc, kept off the edge)."""
    centre = zone["location"]
    boundary = zone.get("boundary")
    if boundary:
        ring = boundary["coordinates"][0]
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        while True:
            lat, lon = rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons))
            if inside_polygon(lat, lon, boundary):
                return {"lat": round(lat, 5), "lon": round(lon, 5)}
    distance = 0.85 * zone_radius_m(zone) * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(bearing) / EARTH_RADIUS_M
    dlon = distance * math.sin(bearing) / (EARTH_RADIUS_M * math.cos(math.radians(centre["lat"])))
    return {
        "lat": round(centre["lat"] + math.degrees(dlat), 5),
        "lon": round(centre["lon"] + math.degrees(dlon), 5),
    }


def jitter(rng, value, spread=0.03):
    return round(value + rng.uniform(-spread, spread), 5)


def number_vi(value) -> str:
    """12000 -> '12.000', 4.2 -> '4,2': Vietnamese digit grouping and decimal comma."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def number_en(value) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}".rstrip("0").rstrip(".")


def joined(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def describe(record: dict, lot: dict) -> dict:
    """Two or three plain sentences in each language, from the lot's own figures."""
    _name_vi, _name_en, opening_vi, opening_en = LAND_USE[record["land_use"]]
    area_ha = record["area_m2"] / 10_000
    uses = [USES[code] for code in record["suitable_for"]]
    vi = [
        f"{opening_vi} rộng {number_vi(area_ha)} ha, phù hợp cho "
        f"{joined([u[0] for u in uses], 'và')}."
    ]
    en = [
        f"{opening_en} of {number_en(area_ha)} ha, suited to {joined([u[1] for u in uses], 'and')}."
    ]
    feeds = record["power_feeds"]
    facts_vi = [
        f"điện {number_vi(record['power_capacity_mw'])} MW từ "
        + ("một nguồn" if feeds == 1 else f"{feeds} nguồn độc lập")
    ]
    facts_en = [
        f"{number_en(record['power_capacity_mw'])} MW of power from "
        + ("a single feed" if feeds == 1 else f"{feeds} independent feeds")
    ]
    if "fibre_pop_distance_km" in record:
        km, gbps = record["fibre_pop_distance_km"], record["fibre_bandwidth_gbps"]
        facts_vi.append(f"cáp quang {gbps} Gbps cách điểm kết nối {number_vi(km)} km")
        facts_en.append(f"{gbps} Gbps fibre {number_en(km)} km from the point of presence")
    if "water_supply_m3_day" in record:
        water = record["water_supply_m3_day"]
        facts_vi.append(f"nước {number_vi(water)} m³/ngày")
        facts_en.append(f"{number_en(water)} m³ of water a day")
    vi.append(f"Lô có {joined(facts_vi, 'và')}.")
    en.append(f"It has {joined(facts_en, 'and')}.")
    if lot.get("vibration"):
        vi.append(VIBRATION[0])
        en.append(VIBRATION[1])
    vi.append(SAMPLE_NOTE[0])
    en.append(SAMPLE_NOTE[1])
    return {"vi": " ".join(vi), "en": " ".join(en)}


def plots():
    rng = random_for("plots")
    zone_records = zones()
    for zone_ref, count, profile in PLOT_ZONES:
        zone = zone_records[zone_ref]
        for i in range(1, count + 1):
            code = f"{'ABCD'[(i - 1) // 8]}{i:02d}"
            lot = LOTS[rng.choice(PROFILES[profile])]
            use = lot["land_use"]
            record = {
                "kind": "plot",
                "ref": f"sample-{zone_ref}-{code.lower()}",
                "zone": zone_ref,
                "code": code,
                "name": f"Lô {code} – {LAND_USE[use][0]} (mẫu)",
                "name_en": f"Lot {code} – {LAND_USE[use][1]} (sample)",
                "status": rng.choices(["available", "reserved", "leased"], [6, 2, 2])[0],
                "land_use": use,
                "area_m2": rng.choice(lot["area_m2"]),
                "lease_price_usd_m2": rng.choice([95, 110, 120, 135, 150, 165, 180, 210]),
                "lease_term_end_year": rng.choice([2057, 2068, 2070, 2075]),
                "power_capacity_mw": rng.choice(lot["power_mw"]),
                "power_feeds": rng.choice(lot["feeds"]),
                "flood_risk": rng.choice(lot["flood"]),
                "cleanroom_ready": rng.random() < lot.get("cleanroom", 0),
                "ready_built_factory": rng.random() < lot.get("ready_built", 0),
                "suitable_for": rng.choice(lot["suits"]),
                "location": position_in(zone, rng),
            }
            # Unknown stays absent: an office or warehouse lot may not know its water or fibre
            # yet; a data-centre or fab lot always does (its investors ask first).
            if rng.random() >= lot.get("unknown", 0):
                record["water_supply_m3_day"] = rng.choice(lot["water"])
            if "fibre_km" in lot and rng.random() >= lot.get("unknown", 0):
                record["fibre_pop_distance_km"] = round(rng.uniform(*lot["fibre_km"]), 1)
                record["fibre_bandwidth_gbps"] = rng.choice(lot["gbps"])
            if record["status"] != "leased":
                record["available_from"] = rng.choice(["2026-12-01", "2027-06-01", "2028-01-01"])
            record["description"] = describe(record, lot)
            yield record


def place_of(n: int, rng: random.Random, zone_records: dict) -> tuple[str, str, str | None, dict]:
    """The n-th place's names, zone and a position: inside the zone when there is one."""
    place_vi, place_en, zone, lat, lon = PLACES[n % len(PLACES)]
    if zone:
        return place_vi, place_en, zone, position_in(zone_records[zone], rng)
    return place_vi, place_en, None, {"lat": jitter(rng, lat), "lon": jitter(rng, lon)}


def enterprises(count=135):
    rng = random_for("enterprises")
    zone_records = zones()
    for n in range(1, count + 1):
        role, techs, (stem_vi, stem_en), (field_vi, field_en) = ENTERPRISE_KINDS[
            n % len(ENTERPRISE_KINDS)
        ]
        place_vi, place_en, zone, location = place_of(n, rng, zone_records)
        # Domestic firms are at least 40 % of the ecosystem in the plan's targets; samples too.
        ownership = rng.choices(
            ["domestic", "fdi", "joint_venture", "state_owned"], [55, 35, 8, 2]
        )[0]
        startup = ownership == "domestic" and rng.random() < 0.5
        record = {"kind": "enterprise", "ref": f"sample-ent-{n:03d}", "ownership": ownership}
        if ownership in ("fdi", "joint_venture"):
            code, country_vi, country_en = rng.choice(FOREIGN)
            record["origin_country"] = code
            record["name"] = f"Công ty TNHH {stem_vi} {country_vi} {place_vi} {n} (mẫu)"
            record["name_en"] = f"{country_en} {stem_en} {place_en} {n} Co., Ltd. (sample)"
            record["is_global_tech_leader"] = rng.random() < 0.15
        else:
            record["origin_country"] = "VN"
            prefix = "Công ty Cổ phần" if ownership == "state_owned" else "Công ty TNHH"
            record["name"] = f"{prefix} {stem_vi} {place_vi} {n} (mẫu)"
            form = "JSC" if ownership == "state_owned" else "Co., Ltd."
            record["name_en"] = f"{place_en} {stem_en} {n} {form} (sample)"
            record["is_global_tech_leader"] = False
        record.update(
            {
                "value_chain_roles": [role],
                "technologies": techs,
                "employees": rng.choice([4, 8, 15, 30, 60])
                if startup
                else rng.choice([80, 150, 400, 1200, 3000]),
                "founded_year": rng.randint(2019, 2025) if startup else rng.randint(1995, 2022),
                "description": {
                    "vi": f"Doanh nghiệp mẫu minh họa trong lĩnh vực {field_vi}.",
                    "en": f"Illustrative sample company in {field_en}.",
                },
            }
        )
        record["rnd_staff"] = max(1, record["employees"] // rng.choice([2, 5, 10, 20]))
        if rng.random() < 0.3:
            record["patents"] = rng.randint(0, 12)
        if zone:
            record["zone"] = zone
        record["location"] = location
        if startup:
            record["startup_stage"] = rng.choice(STAGES)
            record["looking_for"] = sorted(
                rng.sample(
                    ["investment", "partners", "customers", "talent", "land", "rnd_collaboration"],
                    2,
                )
            )
        yield record


def rd_organisations(count=18):
    rng = random_for("rd_organisations")
    for n in range(1, count + 1):
        kind, vi, en, techs, offers = RD[n % len(RD)]
        place_vi, place_en, _zone, lat, lon = PLACES[n % len(PLACES)]
        yield {
            "kind": "rd_organisation",
            "ref": f"sample-rd-{n:02d}",
            "name": f"{vi} {place_vi} {n} (mẫu)",
            "name_en": f"{place_en} {en} {n} (sample)",
            "org_kind": kind,
            "researchers": rng.choice([8, 15, 30, 60, 120]),
            "offers": offers,
            "labs": rng.sample(LABS, 2),
            "technologies": techs,
            "location": {"lat": jitter(rng, lat), "lon": jitter(rng, lon)},
        }


def incubators(count=16):
    rng = random_for("incubators")
    zone_records = zones()
    for n in range(1, count + 1):
        kind, vi, en = INCUBATORS[n % len(INCUBATORS)]
        place_vi, place_en, zone, location = place_of(n, rng, zone_records)
        record = {
            "kind": "incubator",
            "ref": f"sample-inc-{n:02d}",
            "name": f"{vi} {place_vi} {n} (mẫu)",
            "name_en": f"{place_en} {en} {n} (sample)",
            "org_kind": kind,
            "applications_open": rng.random() < 0.6,
            "technologies": rng.choice(
                [
                    ["semiconductor"],
                    ["ai", "software"],
                    ["iot", "agritech"],
                    ["fintech", "blockchain"],
                ]
            ),
            "location": location,
        }
        if zone:
            record["zone"] = zone
        if kind == "venture_fund":
            low = rng.choice([50_000, 100_000, 250_000])
            record.update(
                {
                    "fund_size_usd": rng.choice([5, 10, 20, 50]) * 1_000_000,
                    "ticket_min_usd": low,
                    "ticket_max_usd": low * rng.choice([4, 8, 10]),
                }
            )
        else:
            record.update(
                {
                    "capacity_startups": rng.choice([10, 20, 30, 50]),
                    "startups_supported": rng.randint(5, 120),
                }
            )
        yield record


def main(out=sys.stdout):
    for generator in (plots, enterprises, rd_organisations, incubators):
        for record in generator():
            record["sample"] = True  # the format's flag: the portal says these are invented
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
