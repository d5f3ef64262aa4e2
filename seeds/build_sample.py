"""Regenerate the invented part of the seed data:

    python seeds/build_sample.py > seeds/10_sample.jsonl


Deterministic (fixed random seed). Every record it makes is sample data: its ref starts with
'sample-' and its names end in '(mẫu)' / '(sample)'.
"""

import json
import math
import random
import sys
from pathlib import Path

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


# Zones with land on offer in the samples: (ref, number of plots, profile). Plot refs are
# sample-<zone>-<code> with codes A01, A02, ...: links to them must keep working.
PLOT_ZONES = [
    ("lt-digital-park", 24, "digital"),
    ("bau-can-tan-hiep-ip", 16, "semiconductor"),
    ("dn-innovation-zone", 10, "rnd"),
    ("amata-city-long-thanh", 10, "semiconductor"),
    ("xuan-que-song-nhan-ip", 10, "industrial"),
    ("loc-an-binh-son-ip", 8, "industrial"),
    ("long-duc-3-ip", 6, "industrial"),
    ("becamex-binh-phuoc-ip", 6, "industrial"),
]

# What each kind of lot is for, and figures that fit that use. A lot's land use and what it
# suits always agree: a data-centre lot is suitable for data centres, with the power (10 MW at
# least, 40 MW for hyperscale), two feeds and fibre they need; a wafer fab has the water, the power
# and the firm, quiet ground it needs. Ranges follow the matching presets' sources
# (search/migrations/0003_seed_match_profiles.py).
LOTS = {
    "hyperscale": {
        "land_use": "data_centre",
        "suits": [["data_centre.hyperscale", "cloud"], ["data_centre.hyperscale", "ai.compute"]],
        "area_m2": [20000, 30000, 42000, 60000],
        "power_mw": [40, 60, 80, 120, 140],
        "feeds": [2, 2, 3],
        "water": [1500, 3000, 5000],
        "fibre_km": (0.2, 1.6),
        "gbps": [100, 400],
        "flood": ["low"],
    },
    "colocation": {
        "land_use": "data_centre",
        "suits": [["data_centre.colocation", "cloud"], ["data_centre.colocation", "ai.compute"]],
        "area_m2": [8000, 12000, 20000],
        "power_mw": [10, 15, 22, 30],
        "feeds": [2, 2, 3],
        "water": [500, 1000, 1500],
        "fibre_km": (0.2, 2.0),
        "gbps": [40, 100, 400],
        "flood": ["low"],
    },
    "edge": {
        "land_use": "data_centre",
        "suits": [["data_centre.edge", "iot.platforms"], ["data_centre.edge", "data_centre.green"]],
        "area_m2": [3000, 5000, 8000],
        "power_mw": [10, 12, 15],
        "feeds": [2],
        "water": [100, 200, 300],
        "fibre_km": (0.1, 1.0),
        "gbps": [40, 100],
        "flood": ["low"],
    },
    "fab": {
        "land_use": "industrial",
        "suits": [["semiconductor.fabrication"]],
        "area_m2": [60000, 80000, 100000],
        "power_mw": [40, 60, 80, 120],
        "feeds": [2, 3],
        "water": [8000, 12000, 19000],
        "flood": ["low"],
        "vibration": True,
    },
    "mems": {
        "land_use": "industrial",
        "suits": [["semiconductor.mems_sensors", "semiconductor.iot_chips"]],
        "area_m2": [12000, 20000, 30000],
        "power_mw": [10, 15, 22, 40],
        "feeds": [2, 3],
        "water": [1500, 3000, 5000],
        "flood": ["low"],
        "vibration": True,
        "cleanroom": 0.5,
    },
    "osat": {
        "land_use": "industrial",
        "suits": [
            ["semiconductor.packaging_testing"],
            ["semiconductor.packaging_testing", "electronics"],
        ],
        "area_m2": [10000, 12000, 20000, 30000, 42000],
        "power_mw": [5, 8, 10, 15, 22],
        "feeds": [2, 2, 3],
        "water": [500, 1000, 1500, 3000],
        "flood": ["low", "low", "medium"],
        "cleanroom": 0.4,
        "ready_built": 0.3,
    },
    "materials": {
        "land_use": "industrial",
        "suits": [["semiconductor.equipment_materials"]],
        "area_m2": [8000, 12000, 20000, 30000],
        "power_mw": [3, 5, 8, 10],
        "feeds": [1, 2],
        "water": [200, 500, 1000],
        "flood": ["low", "medium"],
        "ready_built": 0.3,
    },
    "electronics": {
        "land_use": "industrial",
        "suits": [["electronics", "manufacturing"]],
        "area_m2": [5000, 8000, 12000, 20000],
        "power_mw": [2, 3, 5, 8],
        "feeds": [1, 1, 2],
        "water": [100, 200, 500],
        "flood": ["low", "low", "medium", "high"],
        "ready_built": 0.4,
        "unknown": 0.2,
    },
    "logistics": {
        "land_use": "commercial",
        "suits": [["logistics"]],
        "area_m2": [5000, 8000, 12000, 20000, 30000],
        "power_mw": [1, 2, 3],
        "feeds": [1],
        "water": [50, 100, 200],
        "flood": ["low", "medium", "high"],
        "ready_built": 0.3,
        "unknown": 0.2,
    },
    "chip_design": {
        "land_use": "rnd_office",
        "suits": [
            ["semiconductor.chip_design", "ai.ml_platform"],
            ["semiconductor.chip_design", "software"],
        ],
        "area_m2": [3000, 5000, 8000],
        "power_mw": [1, 2, 3],
        "feeds": [1, 2],
        "water": [50, 100],
        "fibre_km": (0.1, 3.0),
        "gbps": [10, 40, 100],
        "flood": ["low", "medium"],
        "unknown": 0.2,
    },
    "software": {
        "land_use": "rnd_office",
        "suits": [["ai.applied", "software"], ["ai.language", "software"]],
        "area_m2": [3000, 5000, 8000, 12000],
        "power_mw": [1, 2, 3, 5],
        "feeds": [1, 2],
        "water": [50, 100],
        "fibre_km": (0.1, 3.0),
        "gbps": [10, 40, 100],
        "flood": ["low", "medium"],
        "unknown": 0.2,
    },
    "iot_lab": {
        "land_use": "mixed",
        "suits": [["iot.devices", "iot.platforms"], ["iot.devices", "software"]],
        "area_m2": [3000, 5000, 8000, 12000],
        "power_mw": [1, 2, 3, 5],
        "feeds": [1, 2],
        "water": [50, 100, 200],
        "fibre_km": (0.1, 4.0),
        "gbps": [10, 40, 100],
        "flood": ["low", "medium"],
        "unknown": 0.2,
    },
}
# The lots each kind of zone offers, drawn in these proportions.
PROFILES = {
    "digital": ["hyperscale", "colocation", "colocation", "edge", "software", "iot_lab"],
    "semiconductor": ["fab", "mems", "osat", "osat", "materials", "hyperscale"],
    "rnd": ["chip_design", "software", "iot_lab"],
    "industrial": ["electronics", "electronics", "osat", "materials", "logistics"],
}
LAND_USE = {  # name part, description opening
    "data_centre": (
        "trung tâm dữ liệu",
        "data centre",
        "Lô đất trung tâm dữ liệu",
        "Data-centre lot",
    ),
    "industrial": ("công nghiệp", "industrial", "Lô đất công nghiệp", "Industrial lot"),
    "rnd_office": ("văn phòng R&D", "R&D office", "Lô đất văn phòng R&D", "R&D office lot"),
    "mixed": ("hỗn hợp", "mixed use", "Lô đất hỗn hợp", "Mixed-use lot"),
    "commercial": ("thương mại", "commercial", "Lô đất thương mại", "Commercial lot"),
}
USES = {  # what a lot suits, as the description says it (Vietnamese, English)
    "data_centre.hyperscale": ("trung tâm dữ liệu siêu quy mô", "a hyperscale data centre"),
    "data_centre.colocation": ("trung tâm dữ liệu cho thuê chỗ đặt", "a colocation data centre"),
    "data_centre.edge": ("trung tâm dữ liệu biên", "an edge data centre"),
    "data_centre.green": ("trung tâm dữ liệu xanh", "a green data centre"),
    "cloud": ("hạ tầng điện toán đám mây", "cloud infrastructure"),
    "ai.compute": ("cụm tính toán AI", "an AI compute cluster"),
    "iot.platforms": ("nền tảng IoT", "IoT platforms"),
    "semiconductor.fabrication": ("nhà máy chế tạo wafer bán dẫn", "a semiconductor wafer fab"),
    "semiconductor.mems_sensors": ("dây chuyền cảm biến MEMS", "a MEMS sensor line"),
    "semiconductor.iot_chips": ("sản xuất chip IoT", "IoT chip production"),
    "semiconductor.packaging_testing": (
        "nhà máy đóng gói và kiểm thử bán dẫn (OSAT)",
        "a semiconductor packaging and testing (OSAT) plant",
    ),
    "semiconductor.equipment_materials": (
        "sản xuất thiết bị và vật liệu bán dẫn",
        "semiconductor equipment and materials production",
    ),
    "electronics": ("lắp ráp điện tử", "electronics assembly"),
    "manufacturing": ("các ngành sản xuất khác", "other manufacturing"),
    "logistics": ("kho bãi và logistics", "warehousing and logistics"),
    "semiconductor.chip_design": ("trung tâm thiết kế vi mạch", "a chip design centre"),
    "ai.ml_platform": ("nền tảng học máy", "machine-learning platforms"),
    "ai.applied": ("phát triển ứng dụng AI", "applied AI development"),
    "ai.language": ("phát triển AI ngôn ngữ", "language AI development"),
    "software": ("phát triển phần mềm", "software development"),
    "iot.devices": ("phát triển thiết bị IoT", "IoT device development"),
}
VIBRATION = (
    "Nền đất ổn định, cách xa đường cao tốc và xe tải nặng, phù hợp với thiết bị nhạy rung.",
    "Firm ground away from the expressway and heavy traffic, suited to vibration-sensitive tools.",
)
SAMPLE_NOTE = ("Dữ liệu mẫu minh họa.", "Illustrative sample data.")


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


ENTERPRISE_KINDS = [
    # (role, technologies, Vietnamese and English name stems, what the firm does in each language)
    (
        "chip_design",
        ["semiconductor.chip_design", "semiconductor.fabless"],
        ("Thiết kế Vi mạch", "Chip Design"),
        ("thiết kế vi mạch", "chip design"),
    ),
    (
        "packaging_testing",
        ["semiconductor.packaging_testing"],
        ("Đóng gói Bán dẫn", "Semiconductor Packaging"),
        ("đóng gói và kiểm thử bán dẫn", "semiconductor packaging and testing"),
    ),
    (
        "equipment_materials",
        ["semiconductor.equipment_materials"],
        ("Vật liệu Bán dẫn", "Semiconductor Materials"),
        ("thiết bị và vật liệu bán dẫn", "semiconductor equipment and materials"),
    ),
    (
        "electronics_manufacturing",
        ["electronics", "iot.devices"],
        ("Điện tử", "Electronics"),
        ("sản xuất điện tử và thiết bị IoT", "electronics and IoT device manufacturing"),
    ),
    (
        "dc_operator",
        ["data_centre.colocation", "data_centre.green"],
        ("Dữ liệu", "Data Centre"),
        ("vận hành trung tâm dữ liệu xanh", "green data-centre operation"),
    ),
    (
        "cloud_provider",
        ["cloud", "big_data"],
        ("Điện toán Đám mây", "Cloud"),
        ("điện toán đám mây và dữ liệu lớn", "cloud computing and big data"),
    ),
    (
        "ai_developer",
        ["ai.computer_vision", "ai.applied"],
        ("Trí tuệ Nhân tạo", "AI"),
        ("thị giác máy tính và ứng dụng AI", "computer vision and applied AI"),
    ),
    (
        "ai_developer",
        ["ai.language"],
        ("Ngôn ngữ AI", "Language AI"),
        ("AI xử lý ngôn ngữ", "language AI"),
    ),
    (
        "software",
        ["software", "fintech"],
        ("Phần mềm", "Software"),
        ("phần mềm và công nghệ tài chính", "software and fintech"),
    ),
    (
        "software",
        ["software", "iot.smart_city"],
        ("Đô thị Thông minh", "Smart City"),
        ("phần mềm đô thị thông minh", "smart-city software"),
    ),
    (
        "system_integrator",
        ["iot.platforms", "cloud"],
        ("Tích hợp Hệ thống", "Systems Integration"),
        ("tích hợp hệ thống IoT và đám mây", "IoT and cloud systems integration"),
    ),
    ("telecom", ["telecom"], ("Viễn thông", "Telecom"), ("viễn thông", "telecommunications")),
    (
        "software",
        ["blockchain", "logistics"],
        ("Chuỗi khối", "Blockchain"),
        ("chuỗi khối cho logistics", "blockchain for logistics"),
    ),
    (
        "software",
        ["agritech", "iot.devices"],
        ("Nông nghiệp Số", "Digital Agriculture"),
        ("nông nghiệp số", "digital agriculture"),
    ),
]
PLACES = [
    ("Long Thành", "Long Thanh", "lt-digital-park", 10.8, 106.98),
    ("Nhơn Trạch", "Nhon Trach", "nhon-trach-3-ip", 10.71, 106.92),
    ("Biên Hòa", "Bien Hoa", "bien-hoa-2-ip", 10.935, 106.87),
    ("Trảng Bom", "Trang Bom", "giang-dien-ip", 10.92, 106.97),
    ("Đồng Xoài", "Dong Xoai", "dong-xoai-sti-zone", 11.54, 106.9),
    ("Xuân Lộc", "Xuan Loc", None, 10.93, 107.4),
    ("Bình An", "Binh An", "dn-innovation-zone", 10.82, 107.01),
    ("Chơn Thành", "Chon Thanh", "becamex-binh-phuoc-ip", 11.45, 106.63),
]
FOREIGN = [
    ("KR", "Hàn Quốc", "Korea"),
    ("JP", "Nhật Bản", "Japan"),
    ("TW", "Đài Loan", "Taiwan"),
    ("SG", "Singapore", "Singapore"),
    ("US", "Hoa Kỳ", "US"),
    ("DE", "Đức", "Germany"),
    ("NL", "Hà Lan", "Netherlands"),
]
STAGES = ["idea", "pre_seed", "seed", "seed", "series_a", "series_b_plus", "growth"]


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


RD = [
    (
        "lab",
        "Phòng thí nghiệm Thiết kế Vi mạch",
        "Chip Design Lab",
        ["semiconductor.chip_design"],
        ["training", "shared_equipment"],
    ),
    (
        "testing_centre",
        "Trung tâm Đo kiểm Bán dẫn",
        "Semiconductor Test Centre",
        ["semiconductor.packaging_testing"],
        ["testing_certification"],
    ),
    (
        "research_institute",
        "Viện Nghiên cứu Trí tuệ Nhân tạo",
        "AI Research Institute",
        ["ai.ml_platform", "ai.language"],
        ["contract_research", "technology_transfer"],
    ),
    (
        "corporate_rnd_centre",
        "Trung tâm R&D IoT",
        "IoT R&D Centre",
        ["iot.devices", "semiconductor.iot_chips"],
        ["contract_research"],
    ),
    (
        "lab",
        "Phòng thí nghiệm Cảm biến MEMS",
        "MEMS Sensor Lab",
        ["semiconductor.mems_sensors"],
        ["shared_equipment", "training"],
    ),
    (
        "research_institute",
        "Viện Dữ liệu và Điện toán Đám mây",
        "Data and Cloud Institute",
        ["big_data", "cloud"],
        ["contract_research", "training"],
    ),
]
LABS = [
    "Thiết kế vi mạch",
    "Đo kiểm",
    "Phòng sạch",
    "Tính toán hiệu năng cao",
    "Cảm biến",
    "Thị giác máy tính",
]


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


INCUBATORS = [
    ("incubator", "Vườn ươm Khởi nghiệp Công nghệ", "Tech Startup Incubator"),
    ("accelerator", "Chương trình Tăng tốc Bán dẫn", "Semiconductor Accelerator"),
    ("innovation_centre", "Trung tâm Đổi mới Sáng tạo", "Innovation Centre"),
    ("coworking", "Không gian Làm việc Chung", "Co-working Space"),
    ("venture_fund", "Quỹ Đầu tư Mạo hiểm", "Venture Fund"),
]


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
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
