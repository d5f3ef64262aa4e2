"""The vocabulary build_sample.py draws the sample records from: which zones offer lots, what
each kind of lot is for and the figures that fit it, and the names, places and kinds of the
sample firms, R&D organisations and incubators."""

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

INCUBATORS = [
    ("incubator", "Vườn ươm Khởi nghiệp Công nghệ", "Tech Startup Incubator"),
    ("accelerator", "Chương trình Tăng tốc Bán dẫn", "Semiconductor Accelerator"),
    ("innovation_centre", "Trung tâm Đổi mới Sáng tạo", "Innovation Centre"),
    ("coworking", "Không gian Làm việc Chung", "Co-working Space"),
    ("venture_fund", "Quỹ Đầu tư Mạo hiểm", "Venture Fund"),
]
