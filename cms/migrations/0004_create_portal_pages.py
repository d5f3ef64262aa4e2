"""The portal's page tree under the home page: search, site finder, compare, the registry's
record pages and the editable content pages. Content pages say only what is known; the agency
writes the rest in the admin."""

import json
import uuid

from django.db import migrations

SINGLE = [
    # (model, slug, title vi, title en)
    ("searchpage", "search", "Tìm kiếm", "Search"),
    ("sitefinderpage", "site-finder", "Tìm địa điểm đầu tư", "Site finder"),
    ("comparepage", "compare", "So sánh", "Compare"),
    ("registrypage", "registry", "Cơ sở dữ liệu", "Registry"),
]
CONTENT = [
    (
        "investment-guide", "Hướng dẫn đầu tư", "Investment guide",
        "Các bước tìm hiểu và đầu tư vào hệ sinh thái công nghệ số Đồng Nai.",
        "How to explore and invest in Đồng Nai's digital-technology ecosystem.",
        "<p>Dùng trang Tìm kiếm để xem các khu, lô đất và doanh nghiệp; dùng trang Tìm địa điểm để "
        "xếp hạng lô đất theo yêu cầu của dự án; gửi câu hỏi cho cơ quan xúc tiến đầu tư từ trang "
        "của từng lô đất, khu hoặc doanh nghiệp.</p>",
        "<p>Use Search to browse zones, plots and companies; use the Site finder to rank plots "
        "against your project's requirements; send the investment agency a question from any "
        "plot, zone or company page.</p>",
    ),
    (
        "incentives", "Ưu đãi đầu tư", "Investment incentives",
        "Ưu đãi của từng khu được ghi trên trang của khu đó.",
        "Each zone's incentives are listed on its page.",
        "<p>Ưu đãi áp dụng cho từng khu được cơ quan xúc tiến đầu tư cập nhật trên trang của khu. "
        "Trang này sẽ tổng hợp các chính sách ưu đãi chung của tỉnh.</p>",
        "<p>The incentives of each zone are kept up to date by the investment agency on the zone's "
        "page. This page will summarise the province's general incentive policies.</p>",
    ),
    (
        "ftz-pilot", "Thí điểm khu thương mại tự do", "Free-trade-zone pilot",
        "Thông tin về thí điểm khu thương mại tự do.", "About the free-trade-zone pilot.",
        "<p>Cơ quan xúc tiến đầu tư sẽ công bố thông tin về thí điểm khu thương mại tự do tại đây.</p>",
        "<p>The investment agency will publish the free-trade-zone pilot's details here.</p>",
    ),
    (
        "news", "Tin tức", "News", "Tin tức của hệ sinh thái.", "Ecosystem news.",
        "<p>Chưa có tin tức.</p>", "<p>No news yet.</p>",
    ),
    (
        "contact", "Liên hệ", "Contact",
        "Liên hệ cơ quan xúc tiến đầu tư.", "Contact the investment agency.",
        "<p>Gửi câu hỏi từ trang của lô đất, khu hoặc doanh nghiệp bạn quan tâm; cơ quan xúc tiến "
        "đầu tư sẽ trả lời qua thư điện tử.</p>",
        "<p>Send your question from the page of the plot, zone or company you are interested in; "
        "the investment agency answers by e-mail.</p>",
    ),
]


def paragraph(html):
    return json.dumps([{"type": "paragraph", "value": html, "id": str(uuid.uuid4())}])


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("cms.HomePage")
    home = HomePage.objects.filter(depth=2).first()
    if home is None or home.numchild:
        return
    home.title_en = "Đồng Nai Digital Hub"
    pages = [(model, slug, vi, en, {}) for model, slug, vi, en in SINGLE]
    for slug, vi, en, summary_vi, summary_en, body_vi, body_en in CONTENT:
        extra = {"summary": summary_vi, "summary_en": summary_en, "body": paragraph(body_vi),
                 "body_en": paragraph(body_en), "show_in_menus": slug in ("investment-guide", "incentives", "contact")}
        pages.append(("contentpage", slug, vi, en, extra))
    for position, (model, slug, vi, en, extra) in enumerate(pages, 1):
        Model = apps.get_model("cms", model)
        content_type, _created = ContentType.objects.get_or_create(app_label="cms", model=model)
        Model.objects.create(
            title=vi,
            draft_title=vi,
            title_en=en,
            slug=slug,
            content_type=content_type,
            path=f"{home.path}{position:04d}",
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
            **extra,
        )
    home.numchild = len(pages)
    home.save(update_fields=["numchild", "title_en"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_portal_pages")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
