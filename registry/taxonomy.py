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


def load_taxonomy(technology_model) -> None:
    """Create missing codes and refresh names; idempotent, safe in migrations."""
    by_code = {}
    for code, name_vi, name_en in TAXONOMY:
        parent_code = code.rpartition(".")[0]
        tech, _created = technology_model.objects.update_or_create(
            code=code,
            defaults={
                "name_vi": name_vi,
                "name_en": name_en,
                "parent": by_code.get(parent_code),
                "is_strategic": code in STRATEGIC,
            },
        )
        by_code[code] = tech
