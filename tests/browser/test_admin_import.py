"""Issue #14's "done when" for the import, in Vietnamese (and English), on a 390 px phone and
a desktop: a curator downloads the template of plots, fills a row, uploads it, sees the preview
refuse a deliberate error (in the curator's language, where it is), fixes it, uploads again,
applies it as published, and finds the plot on the portal."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import PLOT

from .conftest import LOCALES, SIZES, axe_violations, on_db, screenshot
from .journeys.steps import t

pytestmark = pytest.mark.django_db(transaction=True)

CURATOR, PASSWORD = "curator-import", "a-long-test-password"
NEW_PLOT = {
    **PLOT,
    "ref": "lt-digital-park-c07",
    "zone": "lt-digital-park",
    "code": "C07",
    "name": "Lô C07 thử nghiệm nhập dữ liệu",
}
WRONG = "sáu mươi"  # the deliberate error: power in words, not a number


def curator_speaking(lang: str) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from cms.moderation import CURATORS

    user = get_user_model().objects.create_user(
        CURATOR, "ci@example.invalid", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang  # the admin speaks the curator's language
    profile.save()


def filled(template: bytes, record: dict) -> tuple[str, bytes]:
    """The downloaded XLSX template with one record filled in under its header."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook["plot"]
    header_row = next(row for row in sheet.iter_rows() if any(c.value == "ref" for c in row))
    columns = {cell.value: cell.column for cell in header_row}
    flat = {
        **{k: v for k, v in record.items() if not isinstance(v, dict | list)},
        "location.lat": record["location"]["lat"],
        "location.lon": record["location"]["lon"],
        "suitable_for": "; ".join(record["suitable_for"]),
    }
    row = header_row[0].row + 1
    for key, value in flat.items():
        if key in columns:
            sheet.cell(row=row, column=columns[key], value=value)
    out = io.BytesIO()
    workbook.save(out)
    return "lo-dat.xlsx", out.getvalue()


def upload(page, lang: str, name: str, content: bytes) -> None:
    page.goto(page.url.split("/admin/")[0] + "/admin/imports/upload/")
    page.locator("#id_file").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_role("button", name=t(lang, "Upload and preview")).click()
    expect(page.get_by_text(t(lang, "Preview ready")).first).to_be_visible()


def position(lang: str) -> str:
    """Where the problem is: the sheet (named by the kind) and the row under the header."""
    return re.escape(f"plot, {t(lang, 'row %(number)s', number=2)}")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def check(page, size: str, name: str) -> None:
    """At each page: a screenshot, nothing wider than the screen, no serious axe violation."""
    screenshot(page, name)
    assert page_width(page) <= SIZES[size]["width"], name
    assert not axe_violations(page), name


MATRIX = [("vi", "phone"), ("vi", "desktop"), ("en", "phone"), ("en", "desktop")]


@pytest.mark.parametrize(("lang", "size"), MATRIX, ids=[f"{lang}-{size}" for lang, size in MATRIX])
def test_a_curator_imports_a_plot_from_the_template(
    portal, browser, settings, tmp_path, lang, size
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    on_db(lambda: curator_speaking(lang))
    phone = size == "phone"
    context = browser.new_context(
        viewport=SIZES[size],
        locale=LOCALES[lang],
        is_mobile=phone,
        has_touch=phone,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    shot = f"admin-import-{lang}-{size}"

    page.goto(f"{portal}/admin/login/")
    page.locator("#id_username").fill(CURATOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name=t(lang, "Last imports"))).to_be_visible()
    check(page, size, f"{shot}-0-dashboard")

    page.goto(f"{portal}/admin/imports/")
    page.get_by_role("link", name=t(lang, "Upload a file to import")).click()
    expect(page.get_by_role("heading", name=t(lang, "Templates"))).to_be_visible()
    check(page, size, f"{shot}-1-upload")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(f"^{t(lang, 'plot')}$", re.IGNORECASE)).click()
    download = download_info.value
    template = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright's temporary file

    wrong = {**NEW_PLOT, "power_capacity_mw": WRONG}
    name, content = filled(template, wrong)
    upload(page, lang, name, content)
    problems = page.locator(".import-problems li")
    expect(problems).to_have_count(1)
    expect(problems.first).to_contain_text(t(lang, "column %(name)s", name="power_capacity_mw"))
    expect(problems.first).to_contain_text(re.compile(position(lang)))
    expect(page.get_by_role("button", name=t(lang, "Apply as published"))).to_have_count(0)
    check(page, size, f"{shot}-2-problem")

    name, content = filled(template, NEW_PLOT)
    upload(page, lang, name, content)
    expect(page.get_by_role("heading", name=t(lang, "New records"))).to_be_visible()
    expect(page.get_by_text(NEW_PLOT["name"])).to_be_visible()
    check(page, size, f"{shot}-3-preview")
    page.get_by_role("button", name=t(lang, "Apply as published")).click()
    expect(page.get_by_text(t(lang, "Applied: the records are published."))).to_be_visible()
    check(page, size, f"{shot}-4-applied")
    page.goto(f"{portal}/admin/imports/")
    expect(page.get_by_role("link", name="lo-dat.xlsx").first).to_be_visible()
    check(page, size, f"{shot}-5-list")

    page.goto(f"{portal}/{lang}/registry/plot/{NEW_PLOT['ref']}/")
    expect(page.get_by_role("heading", name=NEW_PLOT["name"])).to_be_visible()
    screenshot(page, f"{shot}-6-portal")  # the portal pages are checked by the journeys
    context.close()
