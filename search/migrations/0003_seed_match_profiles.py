"""The seven sector presets of investor matching, as first published. Curators refine them in the
admin (with revisions); this migration only creates them where they do not exist yet.

Sources are cited per criterion. Where no public figure was found, the source says it is the
project's judgement, so the agency knows which figures to check first.
"""

from django.db import migrations

AREA_DEV = (
    "Area Development, 'Parameters to Consider in the Data Center Location Decision' (Q1 2015): "
    "power, connectivity, cooling and natural hazards; flood history over 25-100 years"
)
FLOODPLAIN = (
    "Lifeline Data Centers, 'Data Center: 10 Places You Don't Want to Build': outside the "
    "100-year floodplain (FEMA flood maps)"
)
UPTIME = (
    "Uptime Institute, Tier Standard: Topology - Tier III is concurrently maintainable, with "
    "redundant distribution paths (two independent feeds)"
)
ISSUE = (
    "Đồng Nai Digital Hub issue #4, public site-selection figures: 10-500 MW, substation within "
    "1.6-8 km, fibre ideally within 1.6 km, a Vietnamese 140 MW data centre on about 4 ha "
    "(to be verified by the agency)"
)
FAB_POWER = (
    "SemiconductorX, 'Semiconductor Energy Overview': a fab draws 30-60 MW; redundant power "
    "feeds for uptime"
)
FAB_WATER = (
    "SemiconductorX, 'Ultrapure Water (UPW)': fabs use 10-20 million gallons (38,000-76,000 m³) a "
    "day; up to ~19,000 m³/day of ultrapure water cited in issue #4"
)
AIRPORT = (
    "dongnai-facts.md: Long Thành International Airport, first passenger flight 19 Dec 2025, "
    "1.2 Mt of cargo a year in phase 1 [S40-S43]"
)
PORT = "dongnai-facts.md: Cái Mép - Thị Vải deep-water port [S44, S45]"
UNIVERSITIES = (
    "dongnai-facts.md: Lạc Hồng University, Đồng Nai University, DNTU; 9 universities (Dec 2025) "
    "[S60, S66-S68]"
)
HCMC = "dongnai-facts.md: Ho Chi Minh City centre 10°46′32″N 106°42′07″E [S47]"
JUDGEMENT = "Project judgement (no public figure found); please review"

# (key, mode, value or (weight, target, zero_at), reasoning vi, reasoning en, source)
R, P = "require", "prefer"
PROFILES = [
    {
        "code": "semiconductor_osat",
        "name": "Đóng gói và kiểm thử bán dẫn (OSAT)",
        "name_en": "Semiconductor packaging & testing (OSAT)",
        "summary_vi": "Nhà máy đóng gói, kiểm thử vi mạch: cần điện ổn định, phòng sạch, gần "
        "sân bay để xuất hàng bằng đường hàng không và gần nhà cung cấp.",
        "summary_en": "A chip packaging and test plant: reliable power, cleanrooms, air-freight "
        "access and nearby suppliers weigh more than raw power.",
        "technologies": ["semiconductor.packaging_testing", "semiconductor.equipment_materials"],
        "partner_roles": ["packaging_testing", "equipment_materials", "electronics_manufacturing"],
        "criteria": [
            (R, "suitable_for", ["semiconductor"],
             "Lô phải được khu quy hoạch cho ngành bán dẫn.",
             "The zone must have planned the plot for semiconductors.", JUDGEMENT),
            (R, "min_area_m2", 10000,
             "Dây chuyền OSAT cùng kho và phòng sạch cần khoảng 1 ha trở lên.",
             "An OSAT line with its cleanroom and warehouse needs about 1 ha or more.", JUDGEMENT),
            (R, "min_power_mw", 5,
             "OSAT dùng ít điện hơn nhiều so với nhà máy chế tạo wafer (30-60 MW).",
             "OSAT draws far less than a wafer fab (30-60 MW); 5 MW covers a first line.",
             FAB_POWER),
            (R, "min_power_feeds", 2,
             "Mất điện làm hỏng lô hàng đang kiểm thử: cần hai nguồn độc lập.",
             "A power cut scraps lots under test: two independent feeds.", FAB_POWER),
            (R, "max_flood_risk", "medium",
             "Không đặt nhà máy ở vùng ngập cao.", "No plant in a high flood-risk area.",
             FLOODPLAIN),
            (P, "km_to:lt-airport", (3, 10, 60),
             "Chip thành phẩm xuất bằng đường hàng không: càng gần sân bay Long Thành càng tốt.",
             "Finished chips fly out: the nearer Long Thành airport, the better.", AIRPORT),
            (P, "cleanroom_ready", (2, None, None),
             "Phòng sạch sẵn có rút ngắn thời gian khởi động nhiều tháng.",
             "A ready cleanroom saves months before the first shipment.", JUDGEMENT),
            (P, "suitable_for", (2, ["semiconductor.packaging_testing"], None),
             "Lô được quy hoạch riêng cho OSAT.", "Plots planned for OSAT specifically.",
             JUDGEMENT),
            (P, "ready_built_factory", (1, None, None),
             "Nhà xưởng xây sẵn giúp bắt đầu nhanh.", "A ready-built factory starts faster.",
             JUDGEMENT),
            (P, "power_capacity_mw", (1, 20, 5),
             "Dư địa điện để mở rộng thêm dây chuyền.", "Headroom to add lines.", FAB_POWER),
            (P, "km_to:cai-mep-thi-vai-port", (1, 20, 80),
             "Nguyên vật liệu và thiết bị nhập qua cảng nước sâu.",
             "Materials and equipment arrive through the deep-water port.", PORT),
            (P, "lease_price_usd_m2", (1, 95, 210),
             "Giá thuê thấp hơn được điểm cao hơn (khoảng giá trong sổ đăng ký).",
             "Cheaper land scores more (across the registry's price range).", JUDGEMENT),
        ],
    },
    {
        "code": "semiconductor_design",
        "name": "Thiết kế vi mạch",
        "name_en": "Chip design centre",
        "summary_vi": "Trung tâm thiết kế vi mạch: nhân lực kỹ sư, kết nối mạng và khả năng đi "
        "lại quan trọng hơn điện và đất.",
        "summary_en": "A chip design centre: engineers, connectivity and travel matter more than "
        "power or land.",
        "technologies": ["semiconductor.chip_design", "semiconductor.fabless"],
        "partner_roles": ["chip_design", "software", "ai_developer"],
        "criteria": [
            (R, "suitable_for", ["semiconductor.chip_design", "semiconductor.fabless", "software"],
             "Lô dành cho văn phòng R&D và thiết kế.", "Plots planned for R&D and design work.",
             JUDGEMENT),
            (R, "max_flood_risk", "medium",
             "Không đặt văn phòng ở vùng ngập cao.", "No office in a high flood-risk area.",
             FLOODPLAIN),
            (P, "km_to:lac-hong-university", (2, 5, 30),
             "Gần trường đại học để tuyển kỹ sư và hợp tác đào tạo.",
             "Near a university to hire engineers and train them together.", UNIVERSITIES),
            (P, "km_to:hcmc-centre", (1, 30, 70),
             "Nguồn kỹ sư thiết kế lớn nhất vùng ở Thành phố Hồ Chí Minh.",
             "The region's largest pool of design engineers is in Ho Chi Minh City.", HCMC),
            (P, "fibre_bandwidth_gbps", (2, 100, 10),
             "Công cụ EDA và mô phỏng trên đám mây cần băng thông lớn.",
             "Cloud EDA and simulation need bandwidth.", JUDGEMENT),
            (P, "fibre_pop_distance_km", (1, 1, 10),
             "Gần điểm kết nối cáp quang.", "Close to the fibre point of presence.", ISSUE),
            (P, "km_to:lt-airport", (1, 15, 60),
             "Kỹ sư và khách hàng quốc tế đi lại thường xuyên.",
             "Engineers and foreign customers travel often.", AIRPORT),
            (P, "lease_price_usd_m2", (1, 95, 210),
             "Giá thuê thấp hơn được điểm cao hơn.", "Cheaper land scores more.", JUDGEMENT),
        ],
    },
    {
        "code": "mems_iot_chips",
        "name": "Cảm biến MEMS và chip IoT",
        "name_en": "MEMS sensors & IoT chips",
        "summary_vi": "Nhà máy MEMS/chip IoT quy mô nhỏ: phòng sạch, nước siêu sạch, điện dự "
        "phòng. Yêu cầu chống rung chưa có trong sổ đăng ký: hãy hỏi khu.",
        "summary_en": "A small MEMS / IoT-chip fab: cleanrooms, ultrapure water, redundant power. "
        "Vibration control is not in the registry yet: ask the zone.",
        "technologies": ["semiconductor.mems_sensors", "semiconductor.iot_chips"],
        "partner_roles": [
            "fabrication", "packaging_testing", "equipment_materials", "electronics_manufacturing"
        ],
        "criteria": [
            (R, "suitable_for", ["semiconductor"],
             "Lô được quy hoạch cho ngành bán dẫn.", "Plots planned for semiconductors.",
             JUDGEMENT),
            (R, "min_area_m2", 10000,
             "Phòng sạch, khu xử lý nước và hóa chất cần khoảng 1 ha.",
             "Cleanroom, water plant and chemical stores need about 1 ha.", JUDGEMENT),
            (R, "min_power_mw", 10,
             "Một fab MEMS nhỏ hơn fab logic (30-60 MW) nhưng vẫn cần cỡ 10 MW.",
             "A MEMS fab is smaller than a logic fab (30-60 MW) but still needs about 10 MW.",
             FAB_POWER),
            (R, "min_power_feeds", 2,
             "Sụt điện làm hỏng cả mẻ wafer.", "A dip in power scraps whole wafer batches.",
             FAB_POWER),
            (R, "min_water_m3_day", 500,
             "Nước siêu sạch cho rửa wafer: fab lớn dùng hàng chục nghìn m³/ngày, một dây chuyền "
             "MEMS nhỏ cần ít nhất vài trăm m³/ngày.",
             "Ultrapure water for wafer rinsing: large fabs use tens of thousands of m³ a day, a "
             "small MEMS line at least a few hundred.",
             FAB_WATER),
            (R, "max_flood_risk", "low",
             "Thiết bị fab không chịu được ngập.", "Fab tools cannot survive a flood.",
             FLOODPLAIN),
            (P, "cleanroom_ready", (3, None, None),
             "Phòng sạch sẵn có là lợi thế lớn nhất.", "A ready cleanroom is the biggest head start.",
             JUDGEMENT),
            (P, "water_supply_m3_day", (2, 8000, 500),
             "Dư địa nước để mở rộng.", "Water headroom to grow.", FAB_WATER),
            (P, "power_capacity_mw", (2, 40, 10),
             "Dư địa điện để mở rộng.", "Power headroom to grow.", FAB_POWER),
            (P, "suitable_for", (2, ["semiconductor.mems_sensors", "semiconductor.iot_chips"], None),
             "Lô được quy hoạch riêng cho MEMS/IoT.", "Plots planned for MEMS / IoT chips.",
             JUDGEMENT),
            (P, "km_to:lt-airport", (1, 10, 60),
             "Sản phẩm nhỏ, giá trị cao, xuất bằng đường hàng không.",
             "Small, valuable products ship by air.", AIRPORT),
        ],
    },
    {
        "code": "data_centre_hyperscale",
        "name": "Trung tâm dữ liệu siêu quy mô",
        "name_en": "Hyperscale data centre",
        "summary_vi": "Trung tâm dữ liệu lớn: nhiều điện, hai nguồn độc lập (Tier III), ngoài "
        "vùng ngập, gần cáp quang. Ví dụ ở Việt Nam: 140 MW trên khoảng 4 ha.",
        "summary_en": "A large data centre: a lot of power, two independent feeds (Tier III), "
        "outside flood zones, close to fibre. A Vietnamese example: 140 MW on about 4 ha.",
        "technologies": ["data_centre.hyperscale", "cloud"],
        "partner_roles": ["dc_operator", "cloud_provider", "telecom", "system_integrator"],
        "criteria": [
            (R, "min_power_mw", 40,
             "Trung tâm dữ liệu cần 10-500 MW; siêu quy mô bắt đầu từ vài chục MW.",
             "Data centres need 10-500 MW; hyperscale starts at a few tens of MW.", ISSUE),
            (R, "min_power_feeds", 2,
             "Tier III: hai nguồn điện độc lập để bảo trì không gián đoạn.",
             "Tier III: two independent feeds, maintainable without downtime.", UPTIME),
            (R, "max_flood_risk", "low",
             "Ngoài vùng ngập lũ 100 năm.", "Outside the 100-year flood zone.", FLOODPLAIN),
            (R, "min_area_m2", 20000,
             "Giai đoạn đầu khoảng 2 ha; ví dụ 140 MW trên khoảng 4 ha.",
             "About 2 ha for a first phase; the 140 MW example sits on about 4 ha.", ISSUE),
            (P, "power_capacity_mw", (3, 140, 40),
             "Đủ điện cho toàn bộ dự án như ví dụ 140 MW.",
             "Power for the whole campus, as in the 140 MW example.", ISSUE),
            (P, "fibre_pop_distance_km", (2, 1.6, 10),
             "Cáp quang lý tưởng trong phạm vi 1,6 km.", "Fibre ideally within 1.6 km.", ISSUE),
            (P, "fibre_bandwidth_gbps", (1, 400, 40),
             "Băng thông lớn ra các trạm cáp biển.", "Bandwidth out to the subsea cable stations.",
             AREA_DEV),
            (P, "power_feeds", (1, 3, 2),
             "Nguồn thứ ba tăng độ dự phòng.", "A third feed adds redundancy.", UPTIME),
            (P, "area_m2", (1, 40000, 20000),
             "Đất để mở rộng đến khoảng 4 ha.", "Land to grow to about 4 ha.", ISSUE),
            (P, "water_supply_m3_day", (1, 3000, 500),
             "Nước cho hệ thống làm mát.", "Water for cooling.", AREA_DEV),
            (P, "lease_price_usd_m2", (1, 95, 210),
             "Giá thuê thấp hơn được điểm cao hơn.", "Cheaper land scores more.", JUDGEMENT),
        ],
    },
    {
        "code": "data_centre_edge",
        "name": "Trung tâm dữ liệu biên (edge)",
        "name_en": "Edge data centre",
        "summary_vi": "Trung tâm dữ liệu nhỏ gần người dùng: độ trễ thấp, cáp quang gần, điện vừa "
        "phải.",
        "summary_en": "A small data centre close to its users: low latency, fibre close by, "
        "moderate power.",
        "technologies": ["data_centre.edge", "iot.platforms", "telecom"],
        "partner_roles": ["dc_operator", "telecom", "cloud_provider", "system_integrator"],
        "criteria": [
            (R, "min_power_mw", 2,
             "Vài trăm tủ rack cần khoảng 2 MW trở lên.", "A few hundred racks need 2 MW or more.",
             ISSUE),
            (R, "max_fibre_pop_distance_km", 5,
             "Độ trễ thấp đòi hỏi cáp quang gần.", "Low latency needs fibre close by.", ISSUE),
            (R, "max_flood_risk", "medium",
             "Không đặt ở vùng ngập cao.", "Not in a high flood-risk area.", FLOODPLAIN),
            (P, "km_to:bien-hoa-centre", (2, 5, 40),
             "Gần khu dân cư và doanh nghiệp đông nhất tỉnh.",
             "Near the province's densest homes and businesses.", JUDGEMENT),
            (P, "fibre_pop_distance_km", (2, 0.5, 5),
             "Càng gần điểm kết nối càng ít trễ.", "The nearer the PoP, the lower the latency.",
             ISSUE),
            (P, "fibre_bandwidth_gbps", (1, 100, 10),
             "Băng thông cho lưu lượng người dùng.", "Bandwidth for user traffic.", AREA_DEV),
            (P, "power_feeds", (1, 2, 1),
             "Nguồn thứ hai tăng độ sẵn sàng.", "A second feed raises availability.", UPTIME),
            (P, "ready_built_factory", (1, None, None),
             "Nhà xây sẵn giúp đưa vào hoạt động nhanh.", "A ready building opens sooner.",
             JUDGEMENT),
            (P, "lease_price_usd_m2", (1, 95, 210),
             "Giá thuê thấp hơn được điểm cao hơn.", "Cheaper land scores more.", JUDGEMENT),
        ],
    },
    {
        "code": "ai_compute",
        "name": "Trung tâm tính toán AI (GPU)",
        "name_en": "AI compute (GPU) centre",
        "summary_vi": "Cụm máy chủ GPU: mật độ điện rất cao, làm mát bằng nước, băng thông lớn.",
        "summary_en": "GPU clusters: very dense power, liquid cooling, high bandwidth.",
        "technologies": ["ai.compute", "data_centre.hyperscale", "cloud"],
        "partner_roles": ["dc_operator", "cloud_provider", "ai_developer", "telecom"],
        "criteria": [
            (R, "min_power_mw", 20,
             "Cụm GPU cỡ vừa đã cần hàng chục MW.", "A mid-size GPU cluster needs tens of MW.",
             ISSUE),
            (R, "min_power_feeds", 2,
             "Huấn luyện mô hình kéo dài nhiều tuần: không được mất điện.",
             "Training runs last weeks: no power cuts.", UPTIME),
            (R, "max_flood_risk", "low",
             "Ngoài vùng ngập lũ 100 năm.", "Outside the 100-year flood zone.", FLOODPLAIN),
            (R, "min_fibre_bandwidth_gbps", 40,
             "Dữ liệu huấn luyện cần đường truyền lớn.", "Training data needs wide links.",
             AREA_DEV),
            (P, "power_capacity_mw", (3, 120, 20),
             "Dư địa điện để thêm cụm GPU.", "Power headroom for more GPU clusters.", ISSUE),
            (P, "water_supply_m3_day", (2, 3000, 500),
             "Làm mát bằng chất lỏng cần nguồn nước.", "Liquid cooling needs water.", AREA_DEV),
            (P, "fibre_bandwidth_gbps", (2, 400, 40),
             "Băng thông càng lớn càng tốt.", "The more bandwidth, the better.", AREA_DEV),
            (P, "fibre_pop_distance_km", (1, 1.6, 10),
             "Cáp quang lý tưởng trong phạm vi 1,6 km.", "Fibre ideally within 1.6 km.", ISSUE),
            (P, "suitable_for", (1, ["ai.compute"], None),
             "Lô được quy hoạch cho tính toán AI.", "Plots planned for AI compute.", JUDGEMENT),
            (P, "lease_price_usd_m2", (1, 95, 210),
             "Giá thuê thấp hơn được điểm cao hơn.", "Cheaper land scores more.", JUDGEMENT),
        ],
    },
    {
        "code": "ai_rnd_centre",
        "name": "Trung tâm R&D trí tuệ nhân tạo",
        "name_en": "AI R&D centre",
        "summary_vi": "Phòng nghiên cứu AI: nhân lực, trường đại học, kết nối mạng và đi lại.",
        "summary_en": "An AI research lab: people, universities, connectivity and travel.",
        "technologies": ["ai", "software"],
        "partner_roles": ["ai_developer", "software", "cloud_provider"],
        "criteria": [
            (R, "suitable_for", ["ai", "software"],
             "Lô dành cho văn phòng R&D phần mềm và AI.", "Plots planned for software and AI R&D.",
             JUDGEMENT),
            (R, "max_flood_risk", "medium",
             "Không đặt văn phòng ở vùng ngập cao.", "No office in a high flood-risk area.",
             FLOODPLAIN),
            (P, "km_to:lac-hong-university", (2, 5, 30),
             "Gần trường đại học để tuyển dụng và nghiên cứu chung.",
             "Near a university to hire and research together.", UNIVERSITIES),
            (P, "fibre_bandwidth_gbps", (2, 100, 10),
             "Huấn luyện trên đám mây cần băng thông.", "Cloud training needs bandwidth.",
             JUDGEMENT),
            (P, "km_to:hcmc-centre", (1, 30, 70),
             "Nguồn nhân lực AI lớn nhất vùng ở Thành phố Hồ Chí Minh.",
             "The region's largest AI talent pool is in Ho Chi Minh City.", HCMC),
            (P, "km_to:lt-airport", (1, 15, 60),
             "Nhà nghiên cứu và đối tác quốc tế đi lại thường xuyên.",
             "Researchers and foreign partners travel often.", AIRPORT),
            (P, "fibre_pop_distance_km", (1, 1, 10),
             "Gần điểm kết nối cáp quang.", "Close to the fibre point of presence.", ISSUE),
            (P, "lease_price_usd_m2", (1, 95, 210),
             "Giá thuê thấp hơn được điểm cao hơn.", "Cheaper land scores more.", JUDGEMENT),
        ],
    },
]


def create_profiles(apps, schema_editor):
    MatchProfile = apps.get_model("search", "MatchProfile")
    MatchCriterion = apps.get_model("search", "MatchCriterion")
    Technology = apps.get_model("registry", "Technology")
    for order, data in enumerate(PROFILES):
        if MatchProfile.objects.filter(code=data["code"]).exists():
            continue
        profile = MatchProfile.objects.create(
            code=data["code"],
            name=data["name"],
            name_en=data["name_en"],
            summary_vi=data["summary_vi"],
            summary_en=data["summary_en"],
            partner_roles=data["partner_roles"],
            sort_order=order,
        )
        # Through the link table: a historical model has no modelcluster machinery.
        links = MatchProfile._meta.get_field("technologies").remote_field.through
        links.objects.bulk_create(
            links(matchprofile_id=profile.pk, technology_id=technology.pk)
            for technology in Technology.objects.filter(code__in=data["technologies"])
        )
        for position, (mode, key, given, reason_vi, reason_en, source) in enumerate(
            data["criteria"]
        ):
            fields = {"value": given}
            if mode == "prefer":
                weight, target, zero_at = given
                fields = {"weight": weight, "target": target, "zero_at": zero_at, "value": None}
                if key == "suitable_for":
                    fields.update(value=target, target=None)
            MatchCriterion.objects.create(
                profile=profile,
                sort_order=position,
                mode=mode,
                key=key,
                reasoning_vi=reason_vi,
                reasoning_en=reason_en,
                source=source,
                **fields,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_match_profiles"),
        ("registry", "0002_load_taxonomy"),
    ]

    operations = [migrations.RunPython(create_profiles, migrations.RunPython.noop)]
