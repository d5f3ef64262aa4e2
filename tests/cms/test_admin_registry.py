"""The agency's workspace in the admin (issue #14, items 2 and 7): each kind's list downloaded
as the open data it shows, and one search over every kind from the admin's search bar."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.conftest import ENTERPRISE, PLOT, ZONE

pytestmark = pytest.mark.django_db

FOREIGN = {**ENTERPRISE, "ref": "test-fdi", "name": "Samsung Đồng Nai", "name_en": "",
           "ownership": "fdi", "origin_country": "KR", "tax_code": "3600000002"}  # fmt: skip
SECOND = {**ENTERPRISE, "ref": "test-design", "name": "Thiết kế Biên Hòa", "name_en": "",
          "tax_code": "3600000003"}  # fmt: skip
DRAFT = {**ENTERPRISE, "ref": "test-draft", "name": "Khởi nghiệp Đồng Nai", "name_en": "",
         "tax_code": "3600000004"}  # fmt: skip


@pytest.fixture
def records(publish):
    publish(ZONE, PLOT, ENTERPRISE, FOREIGN, SECOND)
    publish(DRAFT, draft=True)


@pytest.fixture
def curator_client(client):
    user = get_user_model().objects.create_superuser("boss", "b@example.invalid", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)
    return client


def enterprise_list(client, query: str):
    return client.get(reverse("wagtailsnippets_registry_enterprise:list") + query)


def listed_refs(response) -> list[str]:
    assert response.status_code == 200
    return sorted(record.ref for record in response.context["object_list"])


FILTERED = "?ownership=domestic&q=dong+nai"


def test_the_list_search_folds_text_and_finds_drafts(records, curator_client):
    assert listed_refs(enterprise_list(curator_client, "?q=dong+nai")) == [
        "test-chip",  # "Công ty Vi mạch Đồng Nai"
        "test-draft",  # a draft: the admin sees it
        "test-fdi",
    ]
    assert listed_refs(enterprise_list(curator_client, "?q=3600000003")) == ["test-design"]
    assert listed_refs(enterprise_list(curator_client, FILTERED)) == ["test-chip", "test-draft"]


def test_the_csv_download_holds_exactly_the_filtered_list_in_the_open_data_columns(
    records, curator_client
):
    shown = listed_refs(enterprise_list(curator_client, FILTERED))
    response = enterprise_list(curator_client, FILTERED + "&export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["ref"] for row in rows) == shown
    public = curator_client.get("/api/v1/export/?kind=enterprise&format=csv")
    public_header = b"".join(public.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert text.splitlines()[0] == public_header
    chip = next(row for row in rows if row["ref"] == "test-chip")
    assert chip["tax_code"] == "3600000001" and chip["zone"] == "test-park"


def test_the_xlsx_download_holds_exactly_the_filtered_list(records, curator_client):
    shown = listed_refs(enterprise_list(curator_client, FILTERED))
    response = enterprise_list(curator_client, FILTERED + "&export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["README", "enterprise"]
    sheet = workbook["enterprise"].iter_rows(values_only=True)
    header = next(sheet)
    refs = sorted(row[header.index("ref")] for row in sheet)
    assert refs == shown


def test_the_list_offers_both_downloads(records, curator_client):
    page = enterprise_list(curator_client, FILTERED).content.decode()
    assert "Download XLSX" in page and "Download CSV" in page
    assert "export=csv" in page and "ownership=domestic" in page


def search(client, query):
    return client.get(reverse("registry_admin_search"), {"q": query})


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("Vi mạch", "test-chip"),  # Vietnamese name
        ("microchip", "test-chip"),  # English name
        ("test-a01", "test-a01"),  # ref
        ("A01", "test-a01"),  # lot code
        ("3600000002", "test-fdi"),  # tax code
        ("bien hoa", "test-design"),  # folded: "Biên Hòa"
        ("khoi nghiep", "test-draft"),  # a draft
        ("THU NGHIEM", "test-park"),  # folded, any case: "Khu thử nghiệm"
    ],
)
def test_the_registry_search_finds_every_key(records, curator_client, query, ref):
    response = search(curator_client, query)
    assert response.status_code == 200
    found = [r.ref for group in response.context["groups"] for r, _url in group["records"]]
    assert ref in found


def test_the_registry_search_lists_every_kind_in_one_view_with_the_kind(records, curator_client):
    response = search(curator_client, "test")
    page = response.content.decode()
    kinds = [str(group["kind_label"]) for group in response.context["groups"]]
    assert kinds == ["zone", "plot", "enterprise"]
    assert "Zone" in page and "Plot" in page and "Enterprise" in page
    assert "Khởi nghiệp Đồng Nai" in page and "Draft" in page
    assert reverse("wagtailsnippets_registry_plot:edit", args=[1]).rsplit("/1/", 1)[0] in page


def test_nothing_found_says_so(records, curator_client):
    response = search(curator_client, "zzz-nothing")
    assert response.context["total"] == 0
    assert "No registry record matches" in response.content.decode()


def test_the_admin_search_bar_searches_the_registry(records, curator_client):
    page = curator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("registry_admin_search") in page


def test_a_hostile_query_is_shown_as_text(records, curator_client):
    response = search(curator_client, "<script>alert(1)</script>")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in page
