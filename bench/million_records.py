"""The records of bench/million.py: a million published records generated straight into the
database in batches, seeded, in Vietnamese with diacritics (and English), mostly plots and
enterprises across a few hundred zones, some of every other kind, with their technologies."""

import random
from datetime import date

from bench.match import plot_attributes

BATCH = 5000
SHARES = {  # of the records that are not zones
    "plot": 0.48,
    "enterprise": 0.42,
    "rd_organisation": 0.03,
    "expert": 0.03,
    "incubator": 0.02,
    "challenge": 0.02,
}
PLACES = [
    "Long Thành",
    "Nhơn Trạch",
    "Biên Hòa",
    "Trảng Bom",
    "Đồng Xoài",
    "Xuân Lộc",
    "Bình An",
    "Chơn Thành",
    "Định Quán",
    "Tân Phú",
    "Cẩm Mỹ",
    "Vĩnh Cửu",
]
STEMS = [  # a firm's trade, Vietnamese and English, and its technologies
    ("Thiết kế Vi mạch", "Chip Design", ["semiconductor.chip_design"]),
    ("Đóng gói Bán dẫn", "Semiconductor Packaging", ["semiconductor.packaging_testing"]),
    ("Phần mềm", "Software", ["software"]),
    ("Trí tuệ Nhân tạo", "AI", ["ai.applied"]),
    ("Dữ liệu Số", "Digital Data", ["data_centre.colocation", "cloud"]),
    ("Thiết bị IoT", "IoT Devices", ["iot.devices"]),
    ("Tự động hóa", "Automation", ["iot.platforms"]),
]
USES = [  # what a plot suits: land use, technologies, Vietnamese and English wording
    ("data_centre", ["data_centre.hyperscale", "cloud"], "trung tâm dữ liệu", "data centre"),
    ("data_centre", ["data_centre.edge"], "trung tâm dữ liệu biên", "edge data centre"),
    ("industrial", ["semiconductor.packaging_testing"], "công nghiệp bán dẫn", "semiconductor"),
    ("industrial", ["semiconductor.fabrication"], "công nghiệp chế tạo", "fabrication"),
    ("rnd_office", ["ai.compute", "software"], "văn phòng R&D", "R&D office"),
]


def where(rng):
    return round(10.6 + rng.random() * 0.9, 5), round(106.6 + rng.random() * 0.8, 5)


def common(rng, kind, n, name, name_en, description, description_en):
    lat, lon = where(rng)
    return {
        "ref": f"m-{kind}-{n}",
        "name": name,
        "name_en": name_en,
        "description": description,
        "description_en": description_en,
        "lat": lat,
        "lon": lon,
        "live": True,
    }


def zone(rng, n):
    place = rng.choice(PLACES)
    fields = common(
        rng,
        "zone",
        n,
        f"Khu công nghiệp {place} {n}",
        f"{place} industrial park {n}",
        f"Khu công nghiệp tại {place}, hạ tầng đồng bộ, gần cao tốc.",
        f"Industrial park in {place}, full infrastructure, near the expressway.",
    )
    kinds = ["industrial_park"] * 6 + ["high_tech_park", "it_park", "innovation_zone"]
    total = rng.choice([200, 500, 800, 1200])
    return fields | {
        "zone_kind": rng.choice(kinds),
        "total_area_ha": total,
        "available_area_ha": total // 3,
        "power_capacity_mw": rng.choice([50, 200]),
        "has_international_pop": rng.random() < 0.2,
    }, ["semiconductor", "data_centre"]


def plot(rng, n, zone_ids):
    land_use, codes, use_vi, use_en = rng.choice(USES)
    code = f"{rng.choice('ABCDEFGH')}{n}"
    fields = common(
        rng,
        "plot",
        n,
        f"Lô đất {use_vi} {code}",
        f"{use_en.capitalize()} lot {code}",
        f"Lô đất {use_vi}, hạ tầng điện nước đồng bộ, sẵn sàng bàn giao.",
        f"{use_en.capitalize()} lot with power and water in place, ready to hand over.",
    )
    zone_id = rng.choice(zone_ids)
    attributes = plot_attributes(rng)
    attributes["flood_risk"] = attributes["flood_risk"] or ""  # the column holds "" for unknown
    return fields | {"zone_id": zone_id, "code": code, "land_use": land_use, **attributes}, codes


def enterprise(rng, n, zone_ids):
    stem, stem_en, codes = rng.choice(STEMS)
    place = rng.choice(PLACES)
    fields = common(
        rng,
        "enterprise",
        n,
        f"Công ty TNHH {stem} {place} {n}",
        f"{place} {stem_en} Co. {n}",
        f"Doanh nghiệp {stem.lower()} tại {place}.",
        f"{stem_en} firm in {place}.",
    )
    return fields | {
        "ownership": rng.choice(["domestic", "domestic", "fdi"]),
        "zone_id": rng.choice(zone_ids) if rng.random() < 0.6 else None,
        "value_chain_roles": [rng.choice(["software", "chip_design", "ai_developer"])],
    }, codes


def rd_organisation(rng, n, _zone_ids):
    stem, stem_en, codes = rng.choice(STEMS)
    fields = common(
        rng,
        "rd_organisation",
        n,
        f"Viện Nghiên cứu {stem} {n}",
        f"{stem_en} Research Institute {n}",
        f"Nghiên cứu và chuyển giao công nghệ {stem.lower()}.",
        f"{stem_en} research and transfer.",
    )
    return fields | {
        "org_kind": rng.choice(["university", "research_institute", "lab"]),
        "offers": ["contract_research"],
    }, codes


def incubator(rng, n, zone_ids):
    place = rng.choice(PLACES)
    fields = common(
        rng,
        "incubator",
        n,
        f"Vườn ươm Khởi nghiệp {place} {n}",
        f"{place} Startup Incubator {n}",
        "Ươm tạo doanh nghiệp khởi nghiệp sáng tạo.",
        "Incubates innovative startups.",
    )
    return fields | {
        "org_kind": rng.choice(["incubator", "accelerator", "venture_fund"]),
        "zone_id": rng.choice(zone_ids),
    }, ["software"]


def challenge(rng, n, _zone_ids):
    stem, stem_en, codes = rng.choice(STEMS)
    fields = common(
        rng,
        "challenge",
        n,
        f"Đặt hàng giải pháp {stem.lower()} {n}",
        f"{stem_en} challenge {n}",
        f"Tỉnh đặt hàng giải pháp {stem.lower()} cho doanh nghiệp địa phương.",
        f"The province commissions a {stem_en.lower()} solution for local firms.",
    )
    return fields | {
        "challenge_kind": rng.choice(["commissioned_task", "enterprise_need"]),
        "status": rng.choice(["open", "in_progress", "closed"]),
        "posted_on": date(2026, 1 + n % 12, 1),
        "wanted": ["enterprise"],
    }, codes


def expert(rng, n, _zone_ids):
    stem, stem_en, codes = rng.choice(STEMS)
    family = rng.choice(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"])
    given = rng.choice(["Minh Anh", "Thu Hà", "Quốc Bảo", "Thị Lan", "Đức Thắng", "Hải Yến"])
    fields = common(
        rng,
        "expert",
        n,
        f"{family} {given} {n}",
        f"{family} {given} {n}",
        f"Chuyên gia {stem.lower()}.",
        f"Expert in {stem_en}.",
    )
    return fields | {
        "expert_title": rng.choice(["doctor", "associate_professor", ""]),
        "consent_on": date(2026, 1, 1),
    }, codes


MAKERS = {
    "plot": plot,
    "enterprise": enterprise,
    "rd_organisation": rd_organisation,
    "expert": expert,
    "incubator": incubator,
    "challenge": challenge,
}


def insert(model, rows, codes_by_code) -> list[int]:
    """Insert one batch of (fields, technology codes) and its technology links; return the ids.

    The rows go in as one executemany of plain values with the ids given, in one transaction:
    bulk_create's per-object preparation (model instances of a ClusterableModel, every field's
    pre_save and conversion) measured 1.7 ms an object on this loaded machine, longer than the
    insert itself. Defaults are the model's own, prepared once."""
    from django.db import connection, transaction
    from django.db.models import JSONField, Max

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    template = model()
    defaults = [f.get_db_prep_save(f.pre_save(template, True), connection) for f in fields]
    first = (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    ids = list(range(first, first + len(rows)))
    values = [
        [pk]
        + [
            f.get_db_prep_save(own[f.attname], connection)
            if isinstance(f, JSONField) and f.attname in own
            else own.get(f.attname, default)
            for f, default in zip(fields, defaults, strict=True)
        ]
        for pk, (own, _codes) in zip(ids, rows, strict=True)
    ]
    links = [
        (pk, codes_by_code[c]) for pk, (_own, codes) in zip(ids, rows, strict=True) for c in codes
    ]
    # What a plot suits is what the match reads: a plot's codes go to both.
    m2m = [f for f in model._meta.many_to_many if f.name in ("technologies", "suitable_for")]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            insert_sql(model._meta.db_table, ["id", *(f.column for f in fields)]), values
        )
        for relation in m2m:
            columns = [relation.m2m_column_name(), relation.m2m_reverse_name()]
            table = relation.remote_field.through._meta.db_table
            cursor.executemany(insert_sql(table, columns), links)
    return ids


def insert_sql(table: str, columns: list[str]) -> str:
    from django.db import connection

    quote = connection.ops.quote_name
    return (
        f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "  # noqa: S608 - names from the models
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


def reset_sequences() -> None:
    """Ids were given, not drawn: PostgreSQL's sequences must move past them."""
    from django.core.management.color import no_style
    from django.db import connection

    from registry.models import KINDS

    statements = connection.ops.sequence_reset_sql(no_style(), list(KINDS.values()))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def generate(records: int, seed: int = 17) -> dict:
    from registry.models import KINDS, Technology

    rng = random.Random(seed)
    codes_by_code = dict(Technology.objects.values_list("code", "id"))
    zones = max(20, records // 3000)
    zone_ids = insert(KINDS["zone"], [zone(rng, n) for n in range(zones)], codes_by_code)
    counts = {"zone": zones}
    for kind, share in SHARES.items():
        wanted = round((records - zones) * share)
        for start in range(0, wanted, BATCH):
            batch = [
                MAKERS[kind](rng, n, zone_ids) for n in range(start, min(wanted, start + BATCH))
            ]
            insert(KINDS[kind], batch, codes_by_code)
        counts[kind] = wanted
    reset_sequences()
    return counts
