"""Issue 15, item 5: the Resolution 57 indicators in the API — the list and one indicator with
its history, as JSON, CSV and XLSX; the OpenAPI document; the agency's write endpoints, which
refuse bad input with a JSON 400 naming the field and save nothing."""

import csv
import io
import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, Revision

from cms.moderation import CURATORS, VIEWERS
from registry import indicators
from registry.models import Enterprise
from registry.models.indicator import (
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
)
from tests.conftest import ENTERPRISE, RD, ZONE
from tests.hostile import FUZZ, JSON_LEAVES, TEXT

pytestmark = pytest.mark.django_db
CONTRACT_KEYS = {"code", "name", "unit", "value", "as_of", "origin", "targets", "status",
                 "source", "records_counted", "records_unknown"}  # fmt: skip
CSRF = "abcdefghijklmnopqrstuvwxyzABCDEF"  # a cookie secret of Django's form (32 letters)
THIS_YEAR = date.today().year


def agency(code, unit, name="Chỉ số", name_en="Indicator", **extra):
    return Indicator.objects.create(
        code=code, name=name, name_en=name_en, unit=unit, origin="agency", theme="society",
        **extra,
    )  # fmt: skip


@pytest.fixture
def plan(publish):
    """Two registry figures on one published enterprise and one R&D lab, the population and an
    agency share with a range target; a snapshot and two reported values for the history."""
    publish(ZONE, ENTERPRISE, RD)
    domestic = Indicator.objects.create(
        code="domestic_enterprise_share", name="Tỷ lệ doanh nghiệp trong nước",
        name_en="Domestic enterprise share", unit="percent", origin="registry",
        theme="ecosystem", sort_order=1,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=domestic, year=2045, comparison="gte", value=40)
    IndicatorSnapshot.objects.create(
        indicator=domestic, taken_on=date(2026, 1, 1), taken_at="2026-01-01T00:00:00Z",
        value=50, records_counted=2, records_unknown=0,
    )  # fmt: skip
    workforce = Indicator.objects.create(
        code="rnd_workforce_per_10k", name="Nhân lực R&D trên 10.000 dân",
        name_en="R&D workforce per 10,000", unit="per_10k", origin="registry",
        theme="science", sort_order=2,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=workforce, year=2030, comparison="gte", value=12)
    population = agency("population", "people", "Dân số", "Population", sort_order=9)
    IndicatorValue.objects.create(
        indicator=population, as_of=date(2024, 12, 31), value=4_491_408,
        source="Cục Thống kê Đồng Nai",
    )  # fmt: skip
    economy = agency("digital_economy_share", "percent", "Kinh tế số", "Digital economy",
                     sort_order=3)  # fmt: skip
    IndicatorTarget.objects.create(
        indicator=economy, year=2030, comparison="between", value=35, value_max=37
    )
    IndicatorTarget.objects.create(indicator=economy, year=2045, comparison="gte", value=50)
    for as_of, value in ((date(2023, 12, 31), 18.5), (date(2024, 12, 31), 21)):
        IndicatorValue.objects.create(
            indicator=economy, as_of=as_of, value=value, source="=Sở KH&CN, báo cáo"
        )
    return {"domestic": domestic, "economy": economy, "population": population}


def by_code(answer) -> dict:
    return {item["code"]: item for item in answer["indicators"]}


def test_the_list_has_every_indicator_with_the_contracts_keys(client, plan):
    response = client.get("/api/v1/indicators/", {"lang": "en"})
    assert response.status_code == 200
    found = by_code(response.json())
    assert list(found) == [
        "domestic_enterprise_share",
        "rnd_workforce_per_10k",
        "digital_economy_share",
        "population",
    ]
    for item in found.values():
        assert set(item) >= CONTRACT_KEYS
    domestic = found["domestic_enterprise_share"]
    assert domestic["origin"] == "registry" and domestic["name"] == "Domestic enterprise share"
    assert domestic["value"] == 100  # the one published enterprise is domestic
    assert domestic["records_counted"] == 1 and domestic["records_unknown"] == 0
    assert domestic["source"] == "Computed from the published records of the registry"
    assert domestic["targets"] == [
        {"year": 2045, "comparison": "gte", "value": 40, "value_max": None}
    ]
    # 18 researchers in the lab, none known in the enterprise, per 10,000 of the population.
    workforce = found["rnd_workforce_per_10k"]
    assert workforce["value"] == pytest.approx(18 * 10_000 / 4_491_408)
    assert (workforce["records_counted"], workforce["records_unknown"]) == (1, 1)
    economy = found["digital_economy_share"]
    assert (economy["value"], economy["as_of"]) == (21, "2024-12-31")
    assert economy["origin"] == "agency" and economy["source"] == "=Sở KH&CN, báo cáo"
    assert economy["targets"][0] == {
        "year": 2030,
        "comparison": "between",
        "value": 35,
        "value_max": 37,
    }
    assert b"4491408" in response.content  # a whole number stays whole, never "4491408.0"


def test_names_and_the_registrys_source_follow_the_language(client, plan):
    found = by_code(client.get("/api/v1/indicators/", {"lang": "vi"}).json())
    assert found["domestic_enterprise_share"]["name"] == "Tỷ lệ doanh nghiệp trong nước"
    with translation.override("vi"):
        assert found["domestic_enterprise_share"]["source"] == indicators.registry_source()
    english = client.get("/api/v1/indicators/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert by_code(english)["population"]["name"] == "Population"


def test_one_indicator_has_its_history(client, plan):
    response = client.get("/api/v1/indicators/digital_economy_share/")
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == "digital_economy_share" and data["value"] == 21
    assert [(p["as_of"], p["value"]) for p in data["history"]] == [
        ("2023-12-31", 18.5),
        ("2024-12-31", 21),
    ]
    snapshots = client.get("/api/v1/indicators/domestic_enterprise_share/", {"lang": "en"}).json()[
        "history"
    ]
    assert snapshots[0] == {
        "as_of": "2026-01-01",
        "value": 50,
        "source": "Computed from the published records of the registry",
        "records_counted": 2,
        "records_unknown": 0,
    }
    # The first read of a day keeps the day's figures: the history ends with today's.
    assert len(snapshots) == 2
    assert snapshots[-1]["as_of"] == date.today().isoformat() and snapshots[-1]["value"] == 100


@pytest.mark.parametrize("code", ["nothing_here", "Nope", "a\x00b", "x" * 300, "-"])
def test_an_unknown_indicator_is_a_json_404(client, plan, code):
    response = client.get(f"/api/v1/indicators/{code}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/v1/indicators/", "/api/v1/indicators/population/"])
def test_a_bad_format_is_a_400_naming_it(client, plan, path):
    response = client.get(path, {"format": "pdf"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and "csv" in error["fields"]["format"]


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    delimiter = ";" if "semicolon" in response["Content-Disposition"] else ","
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


@pytest.mark.parametrize("fmt", ["csv", "csv-semicolon"])
def test_the_list_as_csv_has_a_row_per_target_and_quotes_formulas(client, plan, fmt):
    response = client.get("/api/v1/indicators/", {"format": fmt, "lang": "en"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    economy = [r for r in rows if r["code"] == "digital_economy_share"]
    assert [(r["target_year"], r["target_value"], r["target_value_max"]) for r in economy] == [
        ("2030", "35", "37"),
        ("2045", "50", ""),
    ]
    assert economy[0]["value"] == "21" and economy[0]["as_of"] == "2024-12-31"
    assert economy[0]["source"] == "'=Sở KH&CN, báo cáo"  # never a formula in a spreadsheet
    population = [r for r in rows if r["code"] == "population"]
    assert len(population) == 1 and population[0]["target_year"] == ""
    assert population[0]["value"] == "4491408" and population[0]["name"] == "Population"


def test_the_history_as_csv(client, plan):
    response = client.get("/api/v1/indicators/digital_economy_share/", {"format": "csv"})
    assert response.status_code == 200
    rows = read_csv(response)
    assert [(r["as_of"], r["value"]) for r in rows] == [
        ("2023-12-31", "18.5"),
        ("2024-12-31", "21"),
    ]


def test_the_workbook_opens_with_typed_cells_and_every_history(client, plan):
    response = client.get("/api/v1/indicators/", {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dnhub-indicators.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["README", "indicators", "history"]
    header, *rows = list(book["indicators"].values)
    table = [dict(zip(header, row, strict=True)) for row in rows]
    economy = [r for r in table if r["code"] == "digital_economy_share"]
    assert economy[0]["value"] == 21 and economy[0]["target_value_max"] == 37
    assert economy[0]["source"] == "'=Sở KH&CN, báo cáo"
    assert economy[0]["as_of"].date() == date(2024, 12, 31)  # a date cell
    header, *rows = list(book["history"].values)
    # Every history, the registry figures' snapshot of today (the first read's) included.
    assert {row[0] for row in rows} == {
        "digital_economy_share",
        "population",
        "domestic_enterprise_share",
        "rnd_workforce_per_10k",
    }
    readme = [row for row in book["README"].values if row and row[0]]
    assert any("Licence" in str(row[0]) for row in readme)
    one = client.get("/api/v1/indicators/population/", {"format": "xlsx"})
    assert load_workbook(io.BytesIO(one.content)).sheetnames == ["README", "history"]


def test_answers_carry_an_etag_but_no_registry_date(client, plan):
    """A reported value changes no registry record: a Last-Modified from the registry's state
    would let a client keep an answer the new value has made stale."""
    first = client.get("/api/v1/indicators/")
    assert first["ETag"] and not first.has_header("Last-Modified")
    assert client.get("/api/v1/indicators/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    IndicatorValue.objects.create(
        indicator=plan["economy"], as_of=date(2025, 12, 31), value=24, source="Sở KH&CN"
    )
    again = client.get("/api/v1/indicators/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and b"2025-12-31" in again.content


def test_the_openapi_document_describes_the_indicators(client, plan):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    listing = paths["/api/v1/indicators/"]["get"]["responses"]
    assert listing["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/IndicatorList"
    }
    assert "text/csv" in listing["200"]["content"]
    assert set(document["components"]["schemas"]["Indicator"]["required"]) >= CONTRACT_KEYS
    assert "history" in document["components"]["schemas"]["IndicatorDetail"]["properties"]
    write = paths["/api/v1/indicators/{code}/values/"]["post"]
    assert {"201", "400", "401", "403", "404"} <= set(write["responses"])
    body = write["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"as_of", "value", "source"}
    assert write["security"] and "/api/v1/indicators/{code}/targets/" in paths


# The write endpoints.


@pytest.fixture
def users(db):
    model = get_user_model()
    curator = model.objects.create_user("curator", "c@example.invalid", "pw", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATORS))
    viewer = model.objects.create_user("viewer", "v@example.invalid", "pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name=VIEWERS))
    founder = model.objects.create_user("f@example.invalid", "f@example.invalid", "pw")
    return {"curator": curator, "viewer": viewer, "founder": founder}


def signed_in(user=None) -> Client:
    """A browser with the admin's session and its CSRF cookie, checked as in production."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user is not None:
        browser.force_login(user)
    browser.cookies["csrftoken"] = CSRF
    return browser


def post(browser, path, body, token=CSRF):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
    if token:
        headers["HTTP_X_CSRFTOKEN"] = token
    return browser.post(path, raw, content_type="application/json", **headers)


VALUES = "/api/v1/indicators/{}/values/"
TARGETS = "/api/v1/indicators/{}/targets/"


def saved(plan) -> tuple[int, int, int]:
    return (
        IndicatorValue.objects.count(),
        IndicatorTarget.objects.count(),
        Revision.objects.filter(base_content_type__model="indicator").count(),
    )


def test_a_curator_reports_a_value_saved_as_a_revision(plan, users):
    browser = signed_in(users["curator"])
    body = {"as_of": "2025-12-31", "value": 24.5, "source": "Sở KH&CN, báo cáo 2025",
            "source_url": "https://dost.dongnai.gov.vn/bao-cao"}  # fmt: skip
    response = post(browser, VALUES.format("digital_economy_share"), body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["value"], data["as_of"]) == (24.5, "2025-12-31")
    assert data["history"][-1]["source"] == "Sở KH&CN, báo cáo 2025"
    value = IndicatorValue.objects.get(indicator=plan["economy"], as_of=date(2025, 12, 31))
    assert value.source_url == "https://dost.dongnai.gov.vn/bao-cao"
    entry = ModelLogEntry.objects.get(object_id=str(plan["economy"].pk), action="wagtail.edit")
    assert entry.user == users["curator"] and entry.revision is not None
    assert any(v["value"] == 24.5 for v in entry.revision.content["reported_values"])
    # The public API shows it at once.
    assert (
        by_code(Client().get("/api/v1/indicators/").json())["digital_economy_share"]["value"]
        == 24.5
    )


def test_a_value_is_saved_though_the_indicator_lacks_a_field_the_admin_now_asks_for(users, db):
    """Found by the permission matrix: the revision cleaned the whole indicator, and one
    created without its English name made the value a 500."""
    old = Indicator.objects.create(code="old", name="Cũ", unit="count", origin="agency",
                                   theme="society")  # fmt: skip
    body = {"as_of": "2025-12-31", "value": 3, "source": "Sở KH&CN"}
    response = post(signed_in(users["curator"]), VALUES.format("old"), body)
    assert response.status_code == 201, response.content
    assert old.reported_values.count() == 1


def test_a_curator_adds_a_target(plan, users):
    browser = signed_in(users["curator"])
    body = {"year": THIS_YEAR + 5, "comparison": "gte", "value": 3}
    response = post(browser, TARGETS.format("population"), body)
    assert response.status_code == 201, response.content
    assert response.json()["targets"] == [
        {"year": THIS_YEAR + 5, "comparison": "gte", "value": 3, "value_max": None}
    ]


@pytest.mark.parametrize(
    ("who", "token", "status", "code"),
    [
        (None, CSRF, 401, "not_authenticated"),
        ("founder", CSRF, 401, "not_authenticated"),
        ("viewer", CSRF, 403, "permission_denied"),
        ("curator", None, 403, "csrf_failed"),
        ("curator", "wrongwrongwrongwrongwrongwrong12", 403, "csrf_failed"),
    ],
)
def test_only_signed_in_staff_allowed_to_change_indicators_may_write(
    plan, users, who, token, status, code
):
    browser = signed_in(users.get(who))
    before = saved(plan)
    body = {"as_of": "2025-12-31", "value": 20, "source": "Sở KH&CN"}
    for path in (VALUES.format("digital_economy_share"), TARGETS.format("population")):
        sent = body if "values" in path else {"year": THIS_YEAR, "comparison": "gte", "value": 1}
        response = post(browser, path, sent, token=token)
        assert response.status_code == status, response.content
        assert response.json()["error"]["code"] == code
    assert saved(plan) == before


BAD_VALUES = [
    # The cases: a value without a source; a percentage over 100; a population of 0.
    ("digital_economy_share", {"as_of": "2025-12-31", "value": 20}, "source", "required"),
    ("digital_economy_share", {"as_of": "2025-12-31", "value": 20, "source": "  "}, "source",
     "needs its source"),
    ("digital_economy_share", {"as_of": "2025-12-31", "value": 101, "source": "x"}, "value",
     "between 0 and 100"),
    ("population", {"as_of": "2025-12-31", "value": 0, "source": "Cục Thống kê"}, "value",
     "more than 0"),
    # Types and formats.
    ("population", {"as_of": "31/12/2025", "value": 5, "source": "x"}, "as_of", "YYYY-MM-DD"),
    ("population", {"as_of": "2025-02-30", "value": 5, "source": "x"}, "as_of", "YYYY-MM-DD"),
    ("population", {"as_of": "2025-12-31", "value": "5", "source": "x"}, "value", "number"),
    ("population", {"as_of": "2025-12-31", "value": True, "source": "x"}, "value", "number"),
    ("population", '{"as_of": "2025-12-31", "value": 1e400, "source": "x"}', "value", "number"),
    ("population", {"as_of": "2025-12-31", "value": 5, "source": "a\x00b"}, "source",
     "control characters"),
    ("population", {"as_of": "2025-12-31", "value": 5, "source": "x" * 301}, "source", "300"),
    ("population", {"as_of": "2025-12-31", "value": 5, "source": "mail a@b.example"}, "source",
     "mail"),
    ("population", {"as_of": "2025-12-31", "value": 5, "source": "x", "source_url": "nope"},
     "source_url", "URL"),
    ("population", {"as_of": "2025-12-31", "value": 5, "source": "x", "extra": 1}, "extra",
     "unknown field"),
    ("population", [1, 2], "body", "JSON object"),
    ("population", "{not json", "body", "JSON"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "body", "field", "reason"), BAD_VALUES)
def test_a_bad_value_is_a_400_naming_the_field_and_nothing_is_saved(
    plan, users, code, body, field, reason
):
    before = saved(plan)
    response = post(signed_in(users["curator"]), VALUES.format(code), body)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert reason.lower() in error["fields"][field].lower(), error
    assert saved(plan) == before


BAD_TARGETS = [
    ({"year": THIS_YEAR - 1, "comparison": "gte", "value": 40}, "year", "already past"),
    ({"year": THIS_YEAR, "comparison": "gte", "value": 140}, "value", "between 0 and 100"),
    ({"year": THIS_YEAR, "comparison": "between", "value": 35}, "value_max", "upper end"),
    ({"year": THIS_YEAR, "comparison": "between", "value": 35, "value_max": 30}, "value_max",
     "below"),
    ({"year": THIS_YEAR, "comparison": "gte", "value": 3, "value_max": 4}, "value_max", "range"),
    ({"year": THIS_YEAR, "comparison": "about", "value": 3}, "comparison", "not a valid choice"),
    ({"year": 2030.5, "comparison": "gte", "value": 3}, "year", "whole number"),
    ({"year": 10**40, "comparison": "gte", "value": 3}, "year", "whole number"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "field", "reason"), BAD_TARGETS)
def test_a_bad_target_is_a_400_naming_the_field_and_nothing_is_saved(
    plan, users, body, field, reason
):
    before = saved(plan)
    response = post(signed_in(users["curator"]), TARGETS.format("digital_economy_share"), body)
    assert response.status_code == 400, response.content
    assert reason.lower() in response.json()["error"]["fields"][field].lower()
    assert saved(plan) == before


def test_a_registry_figure_takes_no_reported_value(plan, users):
    before = saved(plan)
    body = {"as_of": "2025-12-31", "value": 50, "source": "Sở KH&CN"}
    response = post(signed_in(users["curator"]), VALUES.format("domestic_enterprise_share"), body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "computed_indicator"
    assert saved(plan) == before


def test_writing_to_an_unknown_indicator_is_a_404(plan, users):
    body = {"as_of": "2025-12-31", "value": 50, "source": "x"}
    response = post(signed_in(users["curator"]), VALUES.format("no_such_thing"), body)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data", "multipart/form-data; boundary=", "text/plain"]
)
def test_a_body_that_is_no_form_nor_json_is_a_400(plan, users, content_type):
    """Found by schemathesis: the CSRF check reads a form field first, and a multipart body
    without its boundary made that a 500."""
    browser = signed_in(users["curator"])
    response = browser.post(
        VALUES.format("population"), b"--x--", content_type=content_type,
        HTTP_X_CSRFTOKEN=CSRF,
    )  # fmt: skip
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_the_write_endpoints_refuse_other_methods_in_json(plan):
    response = Client().get(VALUES.format("population"))
    assert response.status_code == 405 and response.json()["error"]["code"]


BODY_KEYS = st.sampled_from(["as_of", "value", "source", "source_url", "year", "comparison",
                             "value_max", "x"])  # fmt: skip
BODY_VALUES = st.one_of(
    JSON_LEAVES,
    TEXT,
    st.sampled_from(["2025-12-31", "2025-02-30", "9999-12-31", "0001-01-01", "gte", "between"]),
    st.integers(min_value=-5, max_value=3000),
)


@FUZZ
@given(
    body=st.one_of(
        st.dictionaries(BODY_KEYS, BODY_VALUES, max_size=6).map(json.dumps),
        st.binary(max_size=60),
        JSON_LEAVES.map(json.dumps),
    ),
    route=st.sampled_from([VALUES, TARGETS]),
    code=st.sampled_from(["population", "digital_economy_share", "domestic_enterprise_share"]),
)
def test_no_body_is_ever_a_server_error(plan, users, body, route, code):
    browser = signed_in(users["curator"])
    response = post(browser, route.format(code), body)
    assert response.status_code in (201, 400), (response.status_code, body)
    assert response["Content-Type"].startswith("application/json")


def test_the_cached_figures_follow_every_change_at_once(
    client, plan, publish, django_capture_on_commit_callbacks, monkeypatch
):
    """The readings are kept between changes (search.indicator_cache): a publish, an unpublish
    and an agency figure corrected in place each show on the very next request."""

    def listed(code):
        return by_code(client.get("/api/v1/indicators/", {"lang": "en"}).json())[code]

    computed = []
    compute = indicators.readings
    monkeypatch.setattr(indicators, "readings", lambda: computed.append(1) or compute())
    assert listed("domestic_enterprise_share")["value"] == 100  # (stores today's snapshot)
    listed("domestic_enterprise_share")
    before = len(computed)
    assert listed("domestic_enterprise_share")["value"] == 100
    assert len(computed) == before  # kept: not computed again while nothing changed
    publish({**ENTERPRISE, "ref": "test-fdi", "name": "Công ty FDI", "name_en": "FDI Co",
             "ownership": "fdi", "origin_country": "KR", "tax_code": "3600000002"})  # fmt: skip
    assert listed("domestic_enterprise_share")["value"] == 50
    detail = client.get("/api/v1/indicators/domestic_enterprise_share/").json()
    assert detail["value"] == 50 and detail["records_counted"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        Enterprise.objects.get(ref="test-fdi").unpublish()
    assert listed("domestic_enterprise_share")["value"] == 100
    corrected = IndicatorValue.objects.get(indicator=plan["economy"], as_of=date(2024, 12, 31))
    corrected.value = 22
    corrected.save()
    assert listed("digital_economy_share")["value"] == 22
    corrected.delete()
    assert listed("digital_economy_share")["value"] == 18.5


def test_the_list_carries_the_registry_breakdowns(client, plan):
    breakdowns = client.get("/api/v1/indicators/").json()["breakdowns"]
    owners = {row["code"]: row["count"] for row in breakdowns["enterprises_by_ownership"]}
    assert owners["domestic"] == 1 and owners.get("fdi", 0) == 0
    countries = breakdowns["enterprises_by_origin_country"]
    assert {row["code"]: row["count"] for row in countries if row["count"]} == {"VN": 1}


@pytest.mark.parametrize("require_2fa", [False, True])
def test_a_session_without_its_second_factor_writes_nothing(plan, users, settings, require_2fa):
    """Signed in with the password alone, stopped at the admin's code page: the admin asks for
    the code, and so does the API before any official figure is written."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.REQUIRE_STAFF_2FA = require_2fa
    if not require_2fa:
        TOTPDevice.objects.create(user=users["curator"], name="phone", confirmed=True)
    before = saved(plan)
    body = {"as_of": "2025-12-31", "value": 24.5, "source": "Sở KH&CN"}
    for path, sent in ((VALUES, body), (TARGETS, {"year": THIS_YEAR + 5, "comparison": "gte",
                                                   "value": 30})):  # fmt: skip
        response = post(signed_in(users["curator"]), path.format("digital_economy_share"), sent)
        assert response.status_code == 403, response.content
        assert response.json()["error"]["code"] == "second_factor_required"
    assert saved(plan) == before


@pytest.mark.parametrize("year", [1999, 2101, 20300, 32767])
def test_a_target_year_outside_the_plans_horizon_is_refused(plan, users, year):
    before = saved(plan)
    body = {"year": year, "comparison": "gte", "value": 3}
    response = post(signed_in(users["curator"]), TARGETS.format("population"), body)
    assert response.status_code == 400, response.content
    assert "year" in response.json()["error"]["fields"]
    assert saved(plan) == before
    assert Client().get("/api/v1/indicators/").status_code == 200


@pytest.mark.parametrize("value", [1e13, -1e13, 1e300])
def test_an_absurdly_large_value_is_refused(plan, users, value):
    before = saved(plan)
    body = {"as_of": "2025-12-31", "value": value, "source": "Sở KH&CN"}
    response = post(signed_in(users["curator"]), VALUES.format("population"), body)
    assert response.status_code == 400, response.content
    assert "value" in response.json()["error"]["fields"]
    assert saved(plan) == before


def test_a_history_is_in_date_order_whatever_order_it_was_entered(plan, users):
    browser = signed_in(users["curator"])
    for as_of, value in (("2026-06-01", 25), ("2022-12-31", 15)):  # a backfill after
        body = {"as_of": as_of, "value": value, "source": "Sở KH&CN"}
        assert post(browser, VALUES.format("digital_economy_share"), body).status_code == 201
    history = Client().get("/api/v1/indicators/digital_economy_share/").json()["history"]
    assert [p["as_of"] for p in history] == sorted(p["as_of"] for p in history)
    assert history[0]["value"] == 15 and history[-1]["value"] == 25


def test_renaming_a_strategic_technology_shows_in_the_breakdowns_at_once(client, plan):
    from registry.models import Technology

    def named():
        rows = client.get("/api/v1/indicators/").json()["breakdowns"]["enterprises_by_technology"]
        return {row["code"]: row["name_en"] for row in rows}

    strategic = Technology.objects.filter(is_strategic=True).order_by("code").first()
    assert named()[strategic.code] == strategic.name_en
    strategic.name_en = "Chips, renamed"
    strategic.save()
    assert named()[strategic.code] == "Chips, renamed"


def test_two_reported_values_of_the_same_day_do_not_break_the_indicator(client, plan):
    """Found by schemathesis: a second value for a day already reported (as the write API
    allows) made the indicator's answers a 500."""
    IndicatorValue.objects.create(
        indicator=plan["population"], as_of=date(2024, 12, 31), value=4_500_000,
        source="Cục Thống kê Đồng Nai, điều chỉnh",
    )  # fmt: skip
    assert client.get("/api/v1/indicators/population/").status_code == 200
    assert client.get("/api/v1/indicators/").status_code == 200
