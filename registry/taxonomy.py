"""The technology taxonomy of the interchange spec: codes, parents and bilingual names.

Loaded by a data migration; codes are never renamed (the spec forbids it), only added.
"""

# (code, Vietnamese name, English name); a code's parent is the code before its last dot.
TAXONOMY = [
    ("semiconductor", "Bán dẫn", "Semiconductor"),
    ("semiconductor.chip_design", "Thiết kế vi mạch", "Chip design"),
    ("semiconductor.fabless", "Thiết kế không nhà máy (fabless)", "Fabless"),
    ("semiconductor.fabrication", "Chế tạo (fab)", "Fabrication"),
    ("semiconductor.packaging_testing", "Đóng gói và kiểm thử", "Packaging & testing"),
    ("semiconductor.mems_sensors", "Cảm biến MEMS", "MEMS sensors"),
    ("semiconductor.iot_chips", "Chip IoT", "IoT chips"),
    ("semiconductor.equipment_materials", "Thiết bị và vật liệu", "Equipment & materials"),
    ("data_centre", "Trung tâm dữ liệu", "Data centre"),
    ("data_centre.hyperscale", "Siêu quy mô", "Hyperscale"),
    ("data_centre.colocation", "Cho thuê chỗ đặt", "Colocation"),
    ("data_centre.edge", "Biên (edge)", "Edge"),
    ("data_centre.green", "Xanh", "Green"),
    ("ai", "Trí tuệ nhân tạo", "Artificial intelligence"),
    ("ai.compute", "Hạ tầng tính toán AI", "AI compute"),
    ("ai.computer_vision", "Thị giác máy tính", "Computer vision"),
    ("ai.language", "Xử lý ngôn ngữ", "Language"),
    ("ai.ml_platform", "Nền tảng học máy", "ML platform"),
    ("ai.applied", "AI ứng dụng", "Applied AI"),
    ("iot", "Internet vạn vật", "Internet of Things"),
    ("iot.devices", "Thiết bị IoT", "IoT devices"),
    ("iot.platforms", "Nền tảng IoT", "IoT platforms"),
    ("iot.smart_city", "Đô thị thông minh", "Smart city"),
    ("big_data", "Dữ liệu lớn", "Big data"),
    ("cloud", "Điện toán đám mây", "Cloud computing"),
    ("blockchain", "Chuỗi khối", "Blockchain"),
    ("software", "Phần mềm", "Software"),
    ("electronics", "Điện tử", "Electronics"),
    ("telecom", "Viễn thông", "Telecommunications"),
    ("fintech", "Công nghệ tài chính", "Fintech"),
    ("logistics", "Logistics", "Logistics"),
    ("agritech", "Công nghệ nông nghiệp", "Agritech"),
    ("healthtech", "Công nghệ y tế", "Healthtech"),
    ("edtech", "Công nghệ giáo dục", "Edtech"),
    ("cleantech", "Công nghệ sạch", "Cleantech"),
    ("manufacturing", "Sản xuất", "Manufacturing"),
]

# The strategic technologies of the provincial plan (Resolution 57 programme).
STRATEGIC = {"semiconductor", "data_centre", "ai", "iot", "big_data", "cloud", "blockchain"}


# The words investors use for the strategic technologies and their children, beside the names
# above: abbreviations, spelling variants, plurals and the other language's usual terms. A search
# naming any of them finds the records tagged with the technology. Curators extend them in the
# admin; this list only seeds them (see load_synonyms).
SYNONYMS = {
    "semiconductor": [
        "semiconductors",
        "chất bán dẫn",
        "vi mạch",
        "chip",
        "chips",
        "microchip",
        "integrated circuit",
        "mạch tích hợp",
    ],
    "semiconductor.chip_design": ["IC design", "thiết kế chip", "thiết kế IC", "VLSI"],
    "semiconductor.fabless": ["công ty fabless", "thiết kế không nhà máy"],
    "semiconductor.fabrication": [
        "fab",
        "wafer fab",
        "wafer fabrication",
        "foundry",
        "xưởng đúc",
        "xưởng đúc chip",
        "chế tạo chip",
        "chế tạo bán dẫn",
        "sản xuất chip",
        "sản xuất wafer",
    ],
    "semiconductor.packaging_testing": [
        "OSAT",
        "packaging and testing",
        "packaging and test",
        "assembly and test",
        "assembly and testing",
        "assembly, testing and packaging",
        "chip packaging",
        "advanced packaging",
        "đóng gói kiểm thử",
        "đóng gói, kiểm thử",
        "đóng gói bán dẫn",
        "đóng gói chip",
        "đóng gói tiên tiến",
        "lắp ráp và kiểm thử",
    ],
    "semiconductor.mems_sensors": ["MEMS", "sensors", "sensor", "cảm biến", "vi cơ điện tử"],
    "semiconductor.iot_chips": ["IoT chip", "vi mạch IoT"],
    "semiconductor.equipment_materials": [
        "semiconductor equipment",
        "semiconductor materials",
        "thiết bị bán dẫn",
        "vật liệu bán dẫn",
        "silicon wafer",
    ],
    "data_centre": [
        "data center",
        "data centres",
        "data centers",
        "datacenter",
        "datacentre",
        "DC",
        "IDC",
        "TTDL",
        "trung tâm lưu trữ dữ liệu",
    ],
    "data_centre.hyperscale": [
        "hyperscaler",
        "hyperscalers",
        "hyperscale data centre",
        "hyperscale data center",
        "trung tâm dữ liệu siêu quy mô",
    ],
    "data_centre.colocation": [
        "colo",
        "co-location",
        "colocation data centre",
        "colocation data center",
        "cho thuê chỗ đặt máy chủ",
        "thuê chỗ đặt máy chủ",
        "chỗ đặt máy chủ",
    ],
    "data_centre.edge": [
        "edge computing",
        "edge data centre",
        "edge data center",
        "điện toán biên",
        "trung tâm dữ liệu biên",
    ],
    "data_centre.green": ["green data centre", "green data center", "trung tâm dữ liệu xanh"],
    "ai": ["A.I.", "TTNT", "AI technology", "công nghệ AI"],
    "ai.compute": [
        "GPU",
        "GPU cluster",
        "HPC",
        "high-performance computing",
        "tính toán hiệu năng cao",
        "hạ tầng AI",
        "AI infrastructure",
    ],
    "ai.computer_vision": ["image recognition", "nhận dạng hình ảnh", "xử lý ảnh"],
    "ai.language": [
        "NLP",
        "natural language processing",
        "xử lý ngôn ngữ tự nhiên",
        "LLM",
        "large language model",
        "mô hình ngôn ngữ lớn",
        "language AI",
    ],
    "ai.ml_platform": ["machine learning", "học máy", "MLOps", "ML"],
    "ai.applied": ["ứng dụng AI", "ứng dụng trí tuệ nhân tạo"],
    "iot": [
        "IIoT",
        "industrial IoT",
        "IoT công nghiệp",
        "vạn vật kết nối",
        "kết nối vạn vật",
        "Internet kết nối vạn vật",
    ],
    "iot.devices": ["IoT device", "thiết bị kết nối"],
    "iot.platforms": ["IoT platform"],
    "iot.smart_city": ["smart cities", "thành phố thông minh"],
    "big_data": ["data analytics", "phân tích dữ liệu"],
    "cloud": ["đám mây", "dịch vụ đám mây", "cloud services", "IaaS", "PaaS"],
    "blockchain": ["distributed ledger", "sổ cái phân tán", "Web3"],
}


def load_synonyms(technology_model) -> None:
    """Give each technology its seed synonyms unless curators have already set some."""
    for tech in technology_model.objects.filter(code__in=SYNONYMS):
        if not tech.synonyms:
            tech.synonyms = SYNONYMS[tech.code]
            tech.save(update_fields=["synonyms"])


def load_taxonomy(technology_model, vietnamese_field: str = "name") -> None:
    """Create missing codes and refresh names; idempotent, safe in migrations (which pass the
    Vietnamese name's field as it was called at their point of the history)."""
    by_code = {}
    for code, name_vi, name_en in TAXONOMY:
        parent_code = code.rpartition(".")[0]
        tech, _created = technology_model.objects.update_or_create(
            code=code,
            defaults={
                vietnamese_field: name_vi,
                "name_en": name_en,
                "parent": by_code.get(parent_code),
                "is_strategic": code in STRATEGIC,
            },
        )
        by_code[code] = tech
