"""Real structure for the content pages: the steps of investing with the authority for each, the
incentives by zone kind and sector with their legal basis, and sample contact officers by
sector. Only pages still holding the first stub text (no revision: nobody edited them) are
rewritten; FTZ pilot and News join the navigation. What the sourced facts do not say is marked as
sample or as to be confirmed by the agency."""

import json
import uuid

from django.db import migrations

REVIEW_VI = (
    "Tóm tắt để định hướng, chờ cơ quan xúc tiến đầu tư rà soát: văn bản pháp luật và cơ quan có "
    "thẩm quyền là căn cứ cuối cùng."
)
REVIEW_EN = (
    "A summary for orientation, awaiting the investment agency's review: the legal texts and the "
    "competent authorities decide."
)

STEPS = [
    # (title, authority, outcome, time, legal basis) in vi, then en
    (
        ("Tìm địa điểm và trao đổi với cơ quan xúc tiến đầu tư",
         "Cơ quan xúc tiến đầu tư của tỉnh (qua cổng thông tin này)",
         "Danh sách địa điểm phù hợp, lịch khảo sát thực địa", "", ""),
        ("Find a site and talk to the investment agency",
         "The province's investment promotion agency (through this portal)",
         "A shortlist of sites and a site visit", "", ""),
    ),
    (
        ("Chấp thuận chủ trương đầu tư (khi dự án thuộc diện phải chấp thuận)",
         "Ủy ban nhân dân tỉnh; Thủ tướng Chính phủ hoặc Quốc hội với dự án rất lớn",
         "Quyết định chấp thuận chủ trương đầu tư", "",
         "Luật Đầu tư số 61/2020/QH14; Nghị định 31/2021/NĐ-CP"),
        ("Investment policy approval (where the project requires it)",
         "The Provincial People's Committee; the Prime Minister or the National Assembly for the "
         "largest projects",
         "An investment policy approval decision", "",
         "Investment Law No. 61/2020/QH14; Decree 31/2021/ND-CP"),
    ),
    (
        ("Giấy chứng nhận đăng ký đầu tư",
         "Ban Quản lý các khu công nghiệp Đồng Nai (dự án trong khu công nghiệp, khu công nghệ cao); "
         "Sở Tài chính (dự án ngoài khu)",
         "Giấy chứng nhận đăng ký đầu tư (IRC)",
         "15 ngày kể từ khi nhận đủ hồ sơ, với dự án không phải chấp thuận chủ trương",
         "Luật Đầu tư số 61/2020/QH14"),
        ("Investment Registration Certificate",
         "Management Board of Đồng Nai Industrial Parks (projects in industrial and high-tech "
         "parks); Department of Finance (projects elsewhere)",
         "Investment Registration Certificate (IRC)",
         "15 days from a complete file, for projects that need no policy approval",
         "Investment Law No. 61/2020/QH14"),
    ),
    (
        ("Thành lập doanh nghiệp",
         "Phòng Đăng ký kinh doanh, Sở Tài chính tỉnh Đồng Nai",
         "Giấy chứng nhận đăng ký doanh nghiệp (ERC)", "3 ngày làm việc kể từ khi nhận đủ hồ sơ",
         "Luật Doanh nghiệp số 59/2020/QH14"),
        ("Set up the company",
         "Business Registration Office, Đồng Nai Department of Finance",
         "Enterprise Registration Certificate (ERC)", "3 working days from a complete file",
         "Law on Enterprises No. 59/2020/QH14"),
    ),
    (
        ("Thủ tục môi trường",
         "Cơ quan có thẩm quyền theo quy mô dự án (Ủy ban nhân dân tỉnh hoặc bộ)",
         "Quyết định phê duyệt đánh giá tác động môi trường hoặc giấy phép môi trường", "",
         "Luật Bảo vệ môi trường số 72/2020/QH14"),
        ("Environmental procedures",
         "The competent authority for the project's scale (Provincial People's Committee or a "
         "ministry)",
         "Approval of the environmental impact assessment, or an environmental licence", "",
         "Law on Environmental Protection No. 72/2020/QH14"),
    ),
    (
        ("Giấy phép xây dựng và thẩm duyệt phòng cháy chữa cháy",
         "Ban Quản lý các khu công nghiệp (trong khu) hoặc Sở Xây dựng; Công an tỉnh",
         "Giấy phép xây dựng; văn bản thẩm duyệt thiết kế phòng cháy chữa cháy", "",
         "Luật Xây dựng số 50/2014/QH13, sửa đổi năm 2020"),
        ("Building permit and fire-safety design approval",
         "The industrial-parks management board (inside parks) or the Department of Construction; "
         "the provincial police",
         "A building permit; the fire-safety design approval", "",
         "Construction Law No. 50/2014/QH13, amended in 2020"),
    ),
    (
        ("Đi vào hoạt động",
         "Cơ quan thuế, hải quan và lao động",
         "Mã số thuế, thủ tục hải quan, đăng ký lao động", "", ""),
        ("Start operating",
         "Tax, customs and labour authorities",
         "Tax code, customs procedures, labour registration", "", ""),
    ),
]

INCENTIVES = [
    # (applies to, incentive, legal basis) in vi, then en
    (
        ("Dự án, doanh nghiệp công nghệ cao (bán dẫn, trí tuệ nhân tạo và các công nghệ ưu tiên)",
         "Thuế suất thu nhập doanh nghiệp ưu đãi 10% trong 15 năm; miễn thuế 4 năm và giảm 50% "
         "trong 9 năm tiếp theo.",
         "Luật Thuế thu nhập doanh nghiệp; Luật Công nghệ cao số 21/2008/QH12"),
        ("High-tech projects and enterprises (semiconductors, AI and other priority technologies)",
         "Preferential corporate income tax of 10% for 15 years; 4 years' exemption and 50% off "
         "for the next 9 years.",
         "Law on Corporate Income Tax; Law on High Technologies No. 21/2008/QH12"),
    ),
    (
        ("Dự án trong khu công nghiệp",
         "Miễn thuế thu nhập doanh nghiệp 2 năm và giảm 50% trong 4 năm tiếp theo.",
         "Luật Thuế thu nhập doanh nghiệp"),
        ("Projects in industrial parks",
         "Corporate income tax exempt for 2 years and 50% off for the next 4 years.",
         "Law on Corporate Income Tax"),
    ),
    (
        ("Khu công nghệ số tập trung (Khu công nghệ số tập trung Long Thành)",
         "Ưu đãi dành cho khu công nghệ số tập trung và doanh nghiệp công nghệ số hoạt động trong khu.",
         "Luật Công nghiệp công nghệ số (2025)"),
        ("Concentrated digital technology parks (the Long Thành park)",
         "Incentives for concentrated digital technology parks and the digital-technology firms in "
         "them.",
         "Law on Digital Technology Industry (2025)"),
    ),
    (
        ("Dự án công nghệ cao, bán dẫn, trí tuệ nhân tạo, trung tâm nghiên cứu và phát triển quy mô lớn",
         "Hỗ trợ chi phí từ Quỹ Hỗ trợ đầu tư khi đáp ứng điều kiện về vốn và doanh thu.",
         "Nghị định 182/2024/NĐ-CP"),
        ("Large high-tech, semiconductor, AI and R&D-centre projects",
         "Cost support from the Investment Support Fund for projects meeting its capital and "
         "revenue conditions.",
         "Decree 182/2024/ND-CP"),
    ),
    (
        ("Hàng hóa nhập khẩu tạo tài sản cố định của dự án được ưu đãi",
         "Miễn thuế nhập khẩu.",
         "Luật Thuế xuất khẩu, thuế nhập khẩu số 107/2016/QH13"),
        ("Imported goods forming the fixed assets of an incentivised project",
         "Import duty exemption.",
         "Law on Export and Import Duties No. 107/2016/QH13"),
    ),
]

OFFICERS = [
    # (name, role vi, role en, sector codes)
    ("Nguyễn Minh An", "Chuyên viên phụ trách bán dẫn", "Officer for semiconductors",
     ["semiconductor"]),
    ("Trần Thu Hà", "Chuyên viên phụ trách trung tâm dữ liệu và điện toán đám mây",
     "Officer for data centres and cloud", ["data_centre", "cloud"]),
    ("Lê Quốc Bảo", "Chuyên viên phụ trách trí tuệ nhân tạo, IoT và dữ liệu lớn",
     "Officer for AI, IoT and big data", ["ai", "iot", "big_data"]),
    ("Phạm Ngọc Lan", "Chuyên viên tiếp nhận chung, khởi nghiệp và quỹ đầu tư",
     "General desk: startups and investment funds", []),
]
OFFICE_VI = "Văn phòng cơ quan xúc tiến đầu tư (địa chỉ mẫu), phường Trấn Biên, tỉnh Đồng Nai"
OFFICE_EN = "Investment agency office (sample address), Trấn Biên ward, Đồng Nai province"

# The first stub of each page (migration 0004): only such pages are rewritten.
STUB_MARKERS = {
    "investment-guide": "Dùng trang Tìm kiếm để xem các khu",
    "incentives": "Ưu đãi áp dụng cho từng khu được cơ quan",
    "contact": "Gửi câu hỏi từ trang của lô đất",
}


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def steps(lang):
    index = 0 if lang == "vi" else 1
    return [
        dict(zip(("title", "authority", "outcome", "time", "legal_basis"), pair[index], strict=True))
        for pair in STEPS
    ]


def incentives(lang):
    index = 0 if lang == "vi" else 1
    return [
        dict(zip(("applies_to", "incentive", "legal_basis"), pair[index], strict=True))
        for pair in INCENTIVES
    ]


def bodies():
    return {
        "investment-guide": (
            [
                block("paragraph", "<p>Các bước chính để đầu tư vào Đồng Nai, cơ quan quyết định từng "
                      "bước và căn cứ pháp lý. Dùng trang Tìm kiếm và Tìm địa điểm để chọn địa điểm; "
                      "gửi câu hỏi từ trang của lô đất hoặc khu.</p>"),
                block("steps", steps("vi")),
                block("note", REVIEW_VI),
            ],
            [
                block("paragraph", "<p>The main steps of investing in Đồng Nai, the authority that "
                      "decides each and its legal basis. Use Search and the Site finder to choose a "
                      "site; send a question from any plot or zone page.</p>"),
                block("steps", steps("en")),
                block("note", REVIEW_EN),
            ],
        ),
        "incentives": (
            [
                block("paragraph", "<p>Ưu đãi theo loại khu và lĩnh vực. Ưu đãi riêng của từng khu "
                      "được ghi trên trang của khu đó.</p>"),
                block("incentives", incentives("vi")),
                block("note", REVIEW_VI),
            ],
            [
                block("paragraph", "<p>Incentives by kind of zone and by sector. Each zone's own "
                      "incentives are listed on its page.</p>"),
                block("incentives", incentives("en")),
                block("note", REVIEW_EN),
            ],
        ),
        "contact": (
            [
                block("paragraph", "<p>Gửi câu hỏi từ trang của lô đất, khu hoặc doanh nghiệp bạn "
                      "quan tâm, hoặc liên hệ trực tiếp chuyên viên phụ trách lĩnh vực của bạn.</p>"),
                block("officers", None),
                block("note", "Các chuyên viên trên là dữ liệu mẫu: cơ quan xúc tiến đầu tư "
                      "cập nhật danh sách thật trong trang quản trị."),
            ],
            [
                block("paragraph", "<p>Send a question from the page of the plot, zone or company "
                      "you are interested in, or contact the officer for your sector directly.</p>"),
                block("officers", None),
                block("note", "The officers above are sample data: the investment agency keeps "
                      "the real list in the admin."),
            ],
        ),
    }


def seed_content(apps, schema_editor):
    ContentPage = apps.get_model("cms", "ContentPage")
    for slug, (body_vi, body_en) in bodies().items():
        page = ContentPage.objects.filter(slug=slug, latest_revision__isnull=True).first()
        if page is None or STUB_MARKERS[slug] not in json.dumps(
            list(page.body.raw_data), ensure_ascii=False
        ):
            continue
        page.body = json.dumps(body_vi, ensure_ascii=False)
        page.body_en = json.dumps(body_en, ensure_ascii=False)
        page.save(update_fields=["body", "body_en"])
    ContentPage.objects.filter(slug__in=("ftz-pilot", "news")).update(show_in_menus=True)

    ContactOfficer = apps.get_model("cms", "ContactOfficer")
    Technology = apps.get_model("registry", "Technology")
    if ContactOfficer.objects.exists():
        return
    for order, (name, role_vi, role_en, codes) in enumerate(OFFICERS, 1):
        officer = ContactOfficer.objects.create(
            name=name, role_vi=role_vi, role_en=role_en,
            email=f"officer{order}@dnhub.invalid", office_vi=OFFICE_VI, office_en=OFFICE_EN,
            languages="Tiếng Việt, English", sample=True, sort_order=order,
        )
        officer.sectors.set(Technology.objects.filter(code__in=codes))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_contact_officers_and_structured_content"),
        ("registry", "0004_enterprise_photos"),
    ]

    operations = [migrations.RunPython(seed_content, migrations.RunPython.noop)]
