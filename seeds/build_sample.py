"""Regenerate the invented part of the seed data:

    python seeds/build_sample.py > seeds/10_sample.jsonl


Deterministic (fixed random seed). Every record it makes is sample data: its ref starts with
'sample-' and its names end in '(mẫu)' / '(sample)'.
"""

import json
import random
import sys

rng = random.Random(57)  # after Resolution 57-NQ/TW

# Zones with land on offer in the samples: (ref, lat, lon, plots, profile)
PLOT_ZONES = [
    ("lt-digital-park", 10.8, 106.98, 24, "digital"),
    ("bau-can-tan-hiep-ip", 10.74, 107.12, 16, "semiconductor"),
    ("dn-innovation-zone", 10.82, 107.01, 10, "rnd"),
    ("amata-city-long-thanh", 10.79, 107.07, 10, "semiconductor"),
    ("xuan-que-song-nhan-ip", 10.88, 107.15, 10, "industrial"),
    ("loc-an-binh-son-ip", 10.8, 107.08, 8, "industrial"),
    ("long-duc-3-ip", 10.785, 106.955, 6, "industrial"),
    ("becamex-binh-phuoc-ip", 11.45, 106.63, 6, "industrial"),
]
PROFILES = {
    "digital": (
        ["data_centre", "rnd_office", "mixed"],
        [
            ["data_centre.hyperscale", "ai.compute"],
            ["data_centre.colocation", "cloud"],
            ["data_centre.edge", "iot.platforms"],
            ["ai.applied", "software"],
        ],
    ),
    "semiconductor": (
        ["industrial", "industrial", "data_centre"],
        [
            ["semiconductor.packaging_testing"],
            ["semiconductor.fabrication"],
            ["semiconductor.mems_sensors", "semiconductor.iot_chips"],
            ["data_centre.hyperscale"],
        ],
    ),
    "rnd": (
        ["rnd_office", "mixed"],
        [
            ["semiconductor.chip_design", "ai.ml_platform"],
            ["ai.language", "software"],
            ["iot.devices", "semiconductor.iot_chips"],
        ],
    ),
    "industrial": (
        ["industrial", "mixed", "commercial"],
        [
            ["electronics", "manufacturing"],
            ["semiconductor.equipment_materials"],
            ["logistics"],
            ["semiconductor.packaging_testing", "electronics"],
        ],
    ),
}
LAND_USE_VI = {
    "data_centre": "trung tâm dữ liệu",
    "rnd_office": "văn phòng R&D",
    "mixed": "hỗn hợp",
    "industrial": "công nghiệp",
    "commercial": "thương mại",
}
LAND_USE_EN = {
    "data_centre": "data-centre",
    "rnd_office": "R&D office",
    "mixed": "mixed-use",
    "industrial": "industrial",
    "commercial": "commercial",
}


def jitter(value, spread=0.012):
    return round(value + rng.uniform(-spread, spread), 5)


def plots():
    for zone, lat, lon, count, profile in PLOT_ZONES:
        uses, suits = PROFILES[profile]
        for i in range(1, count + 1):
            block = "ABCD"[(i - 1) // 8]
            code = f"{block}{i:02d}"
            use = rng.choice(uses)
            big = use == "data_centre" or profile == "semiconductor"
            area = (
                rng.choice([8000, 12000, 20000, 30000, 42000, 60000, 100000])
                if big
                else rng.choice([3000, 5000, 8000, 12000, 20000])
            )
            record = {
                "kind": "plot",
                "ref": f"sample-{zone}-{code.lower()}",
                "zone": zone,
                "code": code,
                "name": f"Lô {code} – {LAND_USE_VI[use]} (mẫu)",
                "name_en": f"Lot {code} – {LAND_USE_EN[use]} (sample)",
                "status": rng.choices(["available", "reserved", "leased"], [6, 2, 2])[0],
                "land_use": use,
                "area_m2": area,
                "lease_price_usd_m2": rng.choice([95, 110, 120, 135, 150, 165, 180, 210]),
                "lease_term_end_year": rng.choice([2057, 2068, 2070, 2075]),
                "power_capacity_mw": rng.choice([2, 5, 10, 22, 40, 60, 120])
                if big
                else rng.choice([1, 2, 3, 5, 8]),
                "power_feeds": rng.choice([1, 2, 2, 3]) if big else rng.choice([1, 1, 2]),
                "flood_risk": rng.choices(["low", "medium", "high"], [7, 2, 1])[0],
                "cleanroom_ready": profile == "semiconductor" and rng.random() < 0.4,
                "ready_built_factory": use == "industrial" and rng.random() < 0.3,
                "suitable_for": rng.choice(suits),
                "location": {"lat": jitter(lat), "lon": jitter(lon)},
                "description": {
                    "vi": f"Dữ liệu mẫu minh họa: lô {LAND_USE_VI[use]} trong khu.",
                    "en": f"Illustrative sample data: a {LAND_USE_EN[use]} lot in the zone.",
                },
            }
            # Unknown stays absent: not every sample lot knows its water, fibre or start date.
            if rng.random() < 0.8:
                record["water_supply_m3_day"] = rng.choice([200, 500, 1500, 3000, 8000, 19000])
            if rng.random() < 0.8:
                record["fibre_pop_distance_km"] = round(rng.uniform(0.2, 12), 1)
                record["fibre_bandwidth_gbps"] = rng.choice([10, 40, 100, 400])
            if record["status"] != "leased":
                record["available_from"] = rng.choice(["2026-12-01", "2027-06-01", "2028-01-01"])
            yield record


ENTERPRISE_KINDS = [
    # (role, technologies, Vietnamese stem, English stem)
    (
        "chip_design",
        ["semiconductor.chip_design", "semiconductor.fabless"],
        "Thiết kế Vi mạch",
        "Chip Design",
    ),
    (
        "packaging_testing",
        ["semiconductor.packaging_testing"],
        "Đóng gói Bán dẫn",
        "Semiconductor Packaging",
    ),
    (
        "equipment_materials",
        ["semiconductor.equipment_materials"],
        "Vật liệu Bán dẫn",
        "Semiconductor Materials",
    ),
    ("electronics_manufacturing", ["electronics", "iot.devices"], "Điện tử", "Electronics"),
    ("dc_operator", ["data_centre.colocation", "data_centre.green"], "Dữ liệu", "Data Centre"),
    ("cloud_provider", ["cloud", "big_data"], "Điện toán Đám mây", "Cloud"),
    ("ai_developer", ["ai.computer_vision", "ai.applied"], "Trí tuệ Nhân tạo", "AI"),
    ("ai_developer", ["ai.language"], "Ngôn ngữ AI", "Language AI"),
    ("software", ["software", "fintech"], "Phần mềm", "Software"),
    ("software", ["software", "iot.smart_city"], "Đô thị Thông minh", "Smart City"),
    ("system_integrator", ["iot.platforms", "cloud"], "Tích hợp Hệ thống", "Systems Integration"),
    ("telecom", ["telecom"], "Viễn thông", "Telecom"),
    ("software", ["blockchain", "logistics"], "Chuỗi khối", "Blockchain"),
    ("software", ["agritech", "iot.devices"], "Nông nghiệp Số", "Digital Agriculture"),
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


def enterprises(count=135):
    for n in range(1, count + 1):
        role, techs, stem_vi, stem_en = ENTERPRISE_KINDS[n % len(ENTERPRISE_KINDS)]
        place_vi, place_en, zone, lat, lon = PLACES[n % len(PLACES)]
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
                    "vi": f"Doanh nghiệp mẫu minh họa lĩnh vực {stem_vi.lower()}.",
                    "en": f"Illustrative sample company in {stem_en.lower()}.",
                },
            }
        )
        record["rnd_staff"] = max(1, record["employees"] // rng.choice([2, 5, 10, 20]))
        if rng.random() < 0.3:
            record["patents"] = rng.randint(0, 12)
        if zone:
            record["zone"] = zone
        record["location"] = {"lat": jitter(lat, 0.03), "lon": jitter(lon, 0.03)}
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
            "location": {"lat": jitter(lat, 0.03), "lon": jitter(lon, 0.03)},
        }


INCUBATORS = [
    ("incubator", "Vườn ươm Khởi nghiệp Công nghệ", "Tech Startup Incubator"),
    ("accelerator", "Chương trình Tăng tốc Bán dẫn", "Semiconductor Accelerator"),
    ("innovation_centre", "Trung tâm Đổi mới Sáng tạo", "Innovation Centre"),
    ("coworking", "Không gian Làm việc Chung", "Co-working Space"),
    ("venture_fund", "Quỹ Đầu tư Mạo hiểm", "Venture Fund"),
]


def incubators(count=16):
    for n in range(1, count + 1):
        kind, vi, en = INCUBATORS[n % len(INCUBATORS)]
        place_vi, place_en, zone, lat, lon = PLACES[n % len(PLACES)]
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
            "location": {"lat": jitter(lat, 0.03), "lon": jitter(lon, 0.03)},
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
