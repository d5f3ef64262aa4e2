"""One language per screen: every admin screen of every kind, walked by a curator whose chosen
language is English, then Vietnamese, shows no interface text of the other language (tell-tale
words; the records' own names and texts are data and stay as written)."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from registry.models import KINDS
from tests.conftest import ENTERPRISE, PLOT, ZONE

pytestmark = pytest.mark.django_db

# Interface words of one language that should never show on the other's screens. Whole words,
# case-sensitive where the word is a common name part.
TELL_TALES = {
    # shown to an English reader: Vietnamese interface text
    "en": ["Bình luận", "Chọn", "Lưu", "Xóa", "Xoá", "Thêm", "Chỉnh sửa", "Tìm kiếm",
           "Trang Chủ", "Trang chủ", "Trạng thái", "Bản nháp", "Xuất bản", "Hủy", "Lịch sử",
           "Loại", "Tên", "Mã", "Ngày", "Cập nhật"],
    # shown to a Vietnamese reader: English interface text
    "vi": ["Choose", "Save", "Delete", "Comments", "Status", "Draft", "Publish", "History",
           "Edit", "Search", "Add ", "Filter", "Cancel", "Dashboard", "Settings", "Reports",
           "Inspect", "Revisions", "Workflow", "Updated", "Name", "Type", "Sort", "Actions",
           "Pages", "Images", "Documents"],
}  # fmt: skip


class VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes (not scripts or styles), labels and titles, and
    the sidebar's menu labels (written as JSON for its script)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip, self._json = [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "template") or (
            tag == "script" and attrs.get("type") != "application/json"
        ):
            self._skip += 1
        self._json = tag == "script" and attrs.get("type") == "application/json"
        for name in ("aria-label", "title", "placeholder", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("style", "template", "script") and self._skip:
            self._skip -= 1
        self._json = False

    def handle_data(self, data):
        if self._json:
            self.parts += re.findall(r'"(?:label|title|help_text)": "([^"]*)"', data)
        elif not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def screens() -> dict[str, str]:
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "registry search": reverse("registry_admin_search") + "?q=test",
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "pages": reverse("wagtailadmin_explore_root"),
        "inquiries": reverse("wagtailsnippets_cms_inquiry:list"),
        "claims": reverse("wagtailsnippets_cms_claim:list"),
    }
    for kind, model in KINDS.items():
        name = model._meta.model_name
        urls[f"{kind} list"] = reverse(f"wagtailsnippets_registry_{name}:list")
        urls[f"{kind} add"] = reverse(f"wagtailsnippets_registry_{name}:add")
        record = model.objects.first()
        if record is not None:
            for action in ("edit", "inspect", "history"):
                urls[f"{kind} {action}"] = reverse(
                    f"wagtailsnippets_registry_{name}:{action}", args=[record.pk]
                )
    return urls


def mixed(text: str, lang: str) -> list[str]:
    found = []
    for word in TELL_TALES[lang]:
        for match in re.finditer(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text):
            found.append(text[max(0, match.start() - 30) : match.end() + 30])
    return found


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_admin_screen_speaks_one_language(publish, client, lang):
    publish(ZONE, PLOT, ENTERPRISE)
    user = get_user_model().objects.create_superuser("boss", "b@example.invalid", "pw")
    UserProfile.objects.create(user=user, preferred_language=lang)
    client.force_login(user)
    problems = {}
    for screen, url in screens().items():
        response = client.get(url)
        assert response.status_code == 200, (screen, response.status_code)
        found = mixed(visible_text(response.content.decode()), lang)
        if found:
            problems[screen] = found[:8]
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
