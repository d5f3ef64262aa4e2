"""The quarterly report for the People's Committee (issue #15, item 6): the admin page, and the
PDF and XLSX of a fixture quarter (2026-Q1) in Vietnamese and English, read back as a reader
and a machine would: the PDF's text through poppler's pdftotext, the XLSX through openpyxl."""

import datetime as dt
import io
import shutil
import subprocess

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from cms.models import Inquiry, InquiryEvent
from cms.moderation import CURATORS
from cms.monitor.report import quarterly_report
from cms.monitor.report_pdf import render_report_html
from cms.monitor.report_quarters import Quarter, current_quarter, last_full_quarter
from registry.models import Enterprise
from registry.models.indicator import (
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
)
from tests.conftest import ENTERPRISE, PLOT, ZONE

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/quarterly/"
Q1 = "2026-Q1"
PERSONAL = ["Nguyễn Thị Riêng", "Công ty Bí Mật", "rieng@example.invalid", "0909 123 456"]
NEWCOMER = dict(ENTERPRISE, ref="test-newcomer", name="Công ty Bán dẫn Hàn Việt",
                name_en="Han-Viet Semiconductor", ownership="fdi", origin_country="KR",
                tax_code="3600000002")  # fmt: skip
SAMPLE = dict(ENTERPRISE, ref="test-sample", name="Công ty Mẫu", sample=True, tax_code="")
POPULATION_SOURCE = "Cục Thống kê Đồng Nai, niên giám 2025"
SOURCE_START = "Cục Thống"  # the PDF's narrow source column may wrap the rest


def day(year, month, date, hour=10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, date, hour))


def indicator(code, origin, unit, order, **names):
    return Indicator.objects.create(
        code=code, name=names.get("name", code), name_en=names.get("name_en", code), unit=unit,
        origin=origin, theme="ecosystem", sort_order=order,
    )  # fmt: skip


def won_inquiry(moves, **fields):
    """An inquiry about the plot, received on 2 January 2026, moved through `moves`."""
    made = Inquiry.objects.create(
        kind="plot", ref="test-a01", record_name="Lô A01", name=PERSONAL[0], company=PERSONAL[1],
        email=PERSONAL[2], message=f"Gọi tôi: {PERSONAL[3]}", consent=True, language="vi",
        status=moves[-1][0], country="KR", **fields,
    )  # fmt: skip
    Inquiry.objects.filter(pk=made.pk).update(created_at=day(2026, 1, 2))
    previous = "new"
    for status, at in moves:
        InquiryEvent.objects.create(inquiry=made, from_status=previous, to_status=status, at=at)
        previous = status
    return made


@pytest.fixture
def quarter_data(publish):
    """2026-Q1: a domestic-share snapshot of 47.5 % (and later ones that must not count), the
    population reported at the end of 2025, an indicator without data, one new investor (and
    an older one, a sample and a draft that are not), one inquiry won (and two that are not)."""
    publish(ZONE, PLOT, ENTERPRISE, NEWCOMER, SAMPLE)
    Enterprise.objects.filter(ref="test-chip").update(first_published_at=day(2025, 11, 3))
    Enterprise.objects.filter(ref__in=["test-newcomer", "test-sample"]).update(
        first_published_at=day(2026, 2, 10)
    )
    share = indicator("domestic_enterprise_share", "registry", "percent", 1,
                      name="Tỷ lệ doanh nghiệp trong nước",
                      name_en="Domestic enterprise share")  # fmt: skip
    IndicatorTarget.objects.create(indicator=share, year=2045, comparison="gte", value=40)
    for taken_on, value in [("2025-06-30", 40), ("2025-12-31", 42.5), ("2026-03-15", 47.5),
                            ("2026-04-02", 99)]:  # fmt: skip
        IndicatorSnapshot.objects.create(
            indicator=share, taken_on=taken_on, taken_at=timezone.now(), value=value,
            records_counted=1234, records_unknown=5,
        )  # fmt: skip
    population = indicator("population", "agency", "people", 2, name="Dân số", name_en="Population")
    IndicatorValue.objects.create(indicator=population, as_of=dt.date(2025, 12, 31),
                                  value=4_491_408, source=POPULATION_SOURCE)  # fmt: skip
    IndicatorValue.objects.create(indicator=population, as_of=dt.date(2026, 6, 30),
                                  value=4_600_000, source="Later")  # fmt: skip
    indicator("hdi", "agency", "index", 3, name="Chỉ số phát triển con người", name_en="HDI")
    won = won_inquiry([("contacted", day(2026, 1, 5)), ("won", day(2026, 2, 20))])
    won_inquiry([("won", day(2025, 12, 20))])  # won in the quarter before
    won_inquiry([("won", day(2026, 2, 1)), ("lost", day(2026, 3, 1))])  # not won by its end
    return won


def staff(username="curator", language="vi") -> Client:
    user = get_user_model().objects.create_user(
        username, f"{username}@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def pdf_text(pdf: bytes) -> str:
    """The text a reader's PDF viewer finds in the file, whitespace folded (a table cell may
    wrap); pdftotext is poppler's (scripts/pango installs it)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: run scripts/pango"
    out = subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True)  # fmt: skip
    return " ".join(out.stdout.decode("utf-8").split())


def download(client, kind, lang, quarter=Q1):
    response = client.get(REPORT, {"quarter": quarter, "format": kind, "lang": lang})
    assert response.status_code == 200, response.content[:500]
    expected = f'attachment; filename="quarterly-report-{quarter}-{lang}.{kind}"'
    assert response["Content-Disposition"] == expected
    return response.content


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", ["Đồng Nai Digital Hub", "Quý 1 năm 2026", "Tỷ lệ doanh nghiệp trong nước",
                "47,5 %", "≥ 40 % vào năm 2045", "42,5 %", "40 %", "1.234", "4.491.408",
                SOURCE_START, "Chưa có số liệu", "Công ty Bán dẫn Hàn Việt", "Hàn Quốc",
                "Khu thử nghiệm", "Lô A01", "10 tháng 2 năm 2026", "20 tháng 2 năm 2026"]),
        ("en", ["Đồng Nai Digital Hub", "Q1 2026", "Domestic enterprise share", "47.5%",
                "≥ 40% by 2045", "42.5%", "1,234", "4,491,408", SOURCE_START, "No data",
                "Han-Viet Semiconductor", "Korea", "Test Park", "Lô A01",
                "10 February 2026", "20 February 2026"]),
    ],
)  # fmt: skip
def test_the_pdf_of_a_quarter_reads_in_the_language_chosen(quarter_data, lang, expected):
    pdf = download(staff(), "pdf", lang)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    missing = [e for e in expected if e not in text]
    assert not missing, (missing, text)
    # Only what stood by the quarter's end, and only public records.
    for absent in ["99 %", "4.600.000", "4,600,000", "Công ty Mẫu", "Later", *PERSONAL]:
        assert absent not in text, absent
    assert "Công ty Vi mạch Đồng Nai" not in text  # first published the quarter before


def sheet_rows(book, title) -> list[tuple]:
    return list(book[title].iter_rows(values_only=True))


def test_the_xlsx_of_a_quarter_holds_raw_numbers_and_dates(quarter_data):
    content = download(staff(language="en"), "xlsx", "en")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Report", "Indicators", "Targets", "New investors", "Inquiries won"]
    header, *rows = sheet_rows(book, "Indicators")
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    share = by_code["domestic_enterprise_share"]
    assert share["Value"] == 47.5 and share["As of"] == dt.datetime(2026, 3, 15)
    trend = [share[f"Value at the end of {q}"] for q in ("2025-Q2", "2025-Q3", "2025-Q4", Q1)]
    assert trend == [40, 40, 42.5, 47.5]
    assert (share["Records counted"], share["Records with the value unknown"]) == (1234, 5)
    assert share["Status"] == "On track"
    population = by_code["population"]
    assert population["Value"] == 4_491_408 and population["Source"] == POPULATION_SOURCE
    assert book["Indicators"].cell(row=3, column=6).number_format == "#,##0"
    assert by_code["hdi"]["Value"] is None and by_code["hdi"]["Status"] == "No data"
    assert sheet_rows(book, "Targets")[1] == ("domestic_enterprise_share", 2045, "gte", 40, None)
    investors = sheet_rows(book, "New investors")
    assert [r[:5] for r in investors[1:]] == [
        ("Han-Viet Semiconductor", "test-newcomer", "Foreign-invested (FDI)", "Korea", "Test Park")
    ]
    assert investors[1][6] == dt.datetime(2026, 2, 10)
    won = sheet_rows(book, "Inquiries won")
    assert len(won) == 2 and won[1][0] == quarter_data.pk
    assert won[1][1:] == ("Lô A01", "plot", "Data centre", "Test Park", "Korea",
                          dt.datetime(2026, 1, 2), dt.datetime(2026, 2, 20))  # fmt: skip
    summary = dict(sheet_rows(book, "Report")[1:])
    assert summary["Quarter"] == Q1 and summary["New investors"] == 1
    assert summary["Inquiries won"] == 1
    cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row]
    for personal in PERSONAL:
        assert not any(personal in c for c in cells), personal


def test_the_vietnamese_xlsx_names_its_sheets_in_vietnamese(quarter_data):
    book = openpyxl.load_workbook(io.BytesIO(download(staff(), "xlsx", "vi")))
    assert "Chỉ tiêu" in book.sheetnames
    assert book["Chỉ tiêu"]["F2"].value == 47.5


def test_a_quarter_without_any_data_still_makes_both_files():
    client = staff()
    for lang in ("vi", "en"):
        text = pdf_text(download(client, "pdf", lang, quarter="2021-Q3"))
        with translation.override(lang):
            assert translation.gettext("No enterprise was first published in this quarter.") in text
            assert translation.gettext("No inquiry was won in this quarter.") in text
        book = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx", lang, "2021-Q3")))
        assert len(book.worksheets) == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"quarter": "2026-Q5"}, "Write the quarter as year-Q and its number, e.g. 2026-Q3."),
        ({"quarter": "Q1 2026", "format": "pdf"}, "Write the quarter as year-Q"),
        ({"quarter": "1999-Q4"}, "Choose a quarter from 2000 on."),
        ({"quarter": "2999-Q1", "format": "xlsx"}, "That quarter has not begun yet."),
        ({"quarter": "2026-Q1\x00"}, "Null characters are not allowed."),
        ({"quarter": Q1, "format": "docx"}, "Select a valid choice."),
        ({"quarter": Q1, "format": "pdf", "lang": "fr"}, "Select a valid choice."),
    ],
)
def test_a_bad_parameter_is_a_clear_message_not_a_server_error(query, message):
    response = staff(language="en").get(REPORT, query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_the_page_offers_the_last_full_quarter_and_every_quarter_since_the_first_data(
    quarter_data,
):
    page = staff(language="en").get(REPORT).content.decode()
    last = last_full_quarter()
    assert f'<option value="{last}" selected>' in page
    assert f'<option value="{current_quarter()}">' in page
    assert '<option value="2025-Q2">' in page  # the first snapshot
    assert '<option value="2025-Q1">' not in page
    for lang in ("vi", "en"):
        for kind in ("pdf", "xlsx"):
            assert f"?quarter={last}&amp;format={kind}&amp;lang={lang}" in page
    assert "/admin/reports/quarterly/" in staff("other").get("/admin/").content.decode()


def test_the_quarter_still_running_shows_the_registrys_live_values(publish):
    publish(ZONE, ENTERPRISE)
    share = indicator("domestic_enterprise_share", "registry", "percent", 1)
    IndicatorSnapshot.objects.create(indicator=share, taken_on=dt.date(2025, 1, 1),
                                     taken_at=timezone.now(), value=10)  # fmt: skip
    with translation.override("en"):
        now = quarterly_report(current_quarter(), "en")
        before = quarterly_report(Quarter(2025, 1), "en")
    assert now.live and now.indicators[0].value.value == 100  # the one enterprise is domestic
    assert now.indicators[0].trend[-2].value == 10
    assert not before.live and before.indicators[0].value.value == 10


def test_record_text_is_escaped_and_quoted_against_formulas(publish):
    hostile = dict(NEWCOMER, name="<img src='http://127.0.0.1:9/x'> Hàn Việt", name_en="")
    formula = dict(NEWCOMER, ref="test-formula", name='=HYPERLINK("http://x")', name_en="",
                   tax_code="")  # fmt: skip
    publish(ZONE, hostile, formula)
    quarter = str(current_quarter())
    with translation.override("vi"):
        html = render_report_html(quarterly_report(current_quarter(), "vi"))
    assert "<img src='http" not in html and "&lt;img" in html
    client = staff()
    assert download(client, "pdf", "vi", quarter).startswith(b"%PDF")
    book = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx", "vi", quarter)))
    names = {row[0] for row in book.worksheets[3].iter_rows(min_row=2, values_only=True)}
    assert names == {"<img src='http://127.0.0.1:9/x'> Hàn Việt", """'=HYPERLINK("http://x")"""}


def test_the_message_about_a_bad_quarter_is_in_the_admins_language():
    response = staff().get(REPORT, {"quarter": "2026-Q7", "format": "pdf"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy ghi quý theo dạng năm-Q và số thứ tự của quý, ví dụ 2026-Q3." in page
    assert 'name="quarter"' in page  # the chooser stays, to pick a quarter that is one


@pytest.mark.parametrize(
    ("lang", "legend"), [("vi", "Lộ trình đến mục tiêu"), ("en", "Path to the target")]
)
def test_the_pdf_draws_each_trend_with_the_path_to_its_target(quarter_data, lang, legend):
    assert legend in pdf_text(download(staff(), "pdf", lang))  # the chart, in the language
