"""The Resolution 57 indicators in the admin (issue #15): the list with each indicator's current
reading, the edit form with its targets and reported values, bad input refused with a field
error in the curator's language and nothing saved, and each edit kept as a revision."""

import html
import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from registry.models.indicator import Indicator, IndicatorTarget, IndicatorValue

pytestmark = pytest.mark.django_db
NEXT_YEAR = date.today().year + 1


def url(action, *args):
    return reverse(f"wagtailsnippets_registry_indicator:{action}", args=args)


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    speaks(user, "en")  # the admin's default is Vietnamese
    client.force_login(user)
    return user


def speaks(user, lang):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": lang})


@pytest.fixture
def population():
    return Indicator.objects.create(
        code="population", name="Dân số của tỉnh", name_en="Population of the province",
        unit="people", origin="agency", theme="context", sort_order=200,
    )  # fmt: skip


@pytest.fixture
def cashless():
    return Indicator.objects.create(
        code="cashless_payments_share", name="Tỷ lệ thanh toán không dùng tiền mặt",
        name_en="Share of cashless payments", unit="percent", origin="agency",
        theme="digital_economy",
    )  # fmt: skip


@pytest.fixture
def leaders():
    return Indicator.objects.create(
        code="global_tech_leaders", name="Doanh nghiệp hàng đầu", name_en="World leaders",
        unit="count", origin="registry", theme="ecosystem",
    )  # fmt: skip


def form_data(indicator: Indicator, targets=(), values=()) -> dict:
    """The edit form as the browser posts it: the indicator's fields, then each inline row."""
    data = {
        field: getattr(indicator, field)
        for field in ("code", "name", "name_en", "description", "description_en", "unit",
                      "direction", "origin", "theme", "plan_clause", "plan_clause_en", "sort_order")
    }  # fmt: skip
    for prefix, rows in (("targets", targets), ("reported_values", values)):
        data |= {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for i, row in enumerate(rows):
            data |= {f"{prefix}-{i}-{key}": value for key, value in row.items()}
            data |= {
                f"{prefix}-{i}-id": "",
                f"{prefix}-{i}-ORDER": i + 1,
                f"{prefix}-{i}-DELETE": "",
            }
    return data


def value_row(**row):
    return {"as_of": "2026-06-30", "value": "50", "source": "Sở Tài chính", "source_url": ""} | row


def target_row(**row):
    return {"year": NEXT_YEAR, "comparison": "gte", "value": "50", "value_max": ""} | row


def refused(response) -> str:
    """The page's text after a refused save: the form again (200), with its errors."""
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def test_the_list_shows_each_indicator_with_its_latest_value_and_status(
    client, curator, population, cashless
):
    IndicatorValue.objects.create(
        indicator=population, as_of=date(2025, 7, 1), value=4_491_408, source="sbm.vn"
    )
    page = html.unescape(client.get(url("list")).content.decode())
    assert "population" in page and "Population of the province" not in page  # the name is vi
    assert "Dân số của tỉnh" in page and "Reported by the agency" in page
    assert "4,491,408" in page and "No data" in page  # cashless has no value yet
    speaks(curator, "vi")
    page = html.unescape(client.get(url("list")).content.decode())
    assert "4.491.408" in page and "Chưa có số liệu" in page
    assert json.dumps("Chỉ tiêu Nghị quyết 57")[1:-1] in page  # the menu is JSON in the page


def test_the_list_filters_by_origin_and_theme(client, curator, population, leaders):
    page = client.get(url("list"), {"origin": "registry"}).content.decode()
    assert "global_tech_leaders" in page and "population" not in page
    page = client.get(url("list"), {"theme": "context"}).content.decode()
    assert "population" in page and "global_tech_leaders" not in page


def test_the_menu_has_its_own_item_for_the_indicators(client, curator):
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url("list") in page and "Resolution 57 indicators" in page


def test_a_curator_adds_a_reported_value_and_a_target(client, curator, cashless):
    data = form_data(cashless, targets=[target_row(comparison="gt", value="80")],
                     values=[value_row(value="62.5")])  # fmt: skip
    response = client.post(url("edit", cashless.pk), data)
    assert response.status_code == 302, refused(response)
    value = IndicatorValue.objects.get(indicator=cashless)
    assert (value.value, value.source) == (62.5, "Sở Tài chính")
    assert IndicatorTarget.objects.get(indicator=cashless).value == 80
    page = html.unescape(client.get(url("list")).content.decode())
    assert "62.5" in page


# Each bad input: (indicator fixture, form rows, the field's error in English and in Vietnamese).
BAD_INPUT = {
    "a reported value without a source": (
        "cashless", {"values": [value_row(source="  ")]},
        "Every reported value needs its source.", "Mỗi giá trị báo cáo phải có nguồn.",
    ),
    "a new target for a year already past": (
        "cashless", {"targets": [target_row(year=date.today().year - 1)]},
        "A new target cannot be for a year already past.",
        "Không thể đặt mục tiêu mới cho một năm đã qua.",
    ),
    "a percentage over 100": (
        "cashless", {"values": [value_row(value="120")]},
        "A percentage lies between 0 and 100.", "Tỷ lệ phần trăm phải nằm trong khoảng 0 đến 100.",
    ),
    "a target percentage over 100": (
        "cashless", {"targets": [target_row(value="101")]},
        "A percentage lies between 0 and 100.", "Tỷ lệ phần trăm phải nằm trong khoảng 0 đến 100.",
    ),
    "a population of 0": (
        "population", {"values": [value_row(value="0")]},
        "A number of people must be more than 0.", "Số người phải lớn hơn 0.",
    ),
    "a between without its upper end": (
        "cashless", {"targets": [target_row(comparison="between", value="35")]},
        "A range needs its upper end.", "Một khoảng phải có cận trên.",
    ),
    "a reported value on a registry indicator": (
        "leaders", {"values": [value_row(value="2")]},
        "The registry computes this indicator from its published records: it takes no reported "
        "values.",
        "Cơ sở dữ liệu tự tính chỉ tiêu này từ các hồ sơ đã công bố: chỉ tiêu này không nhận giá "
        "trị báo cáo.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_a_field_error_in_the_curators_language_and_nothing_is_saved(
    client, curator, request, case, lang
):
    fixture, rows, english, vietnamese = BAD_INPUT[case]
    indicator = request.getfixturevalue(fixture)
    speaks(curator, lang)
    data = form_data(indicator, rows.get("targets", ()), rows.get("values", ()))
    page = refused(client.post(url("edit", indicator.pk), data))
    assert (english if lang == "en" else vietnamese) in page
    assert not IndicatorValue.objects.exists() and not IndicatorTarget.objects.exists()
    assert not indicator.revisions.exists()


def test_a_change_of_unit_in_the_same_form_is_checked_against_the_values(
    client, curator, population
):
    """The inline rows are checked against the indicator as edited, not as it was stored."""
    IndicatorValue.objects.create(
        indicator=population, as_of=date(2025, 7, 1), value=150, source="x"
    )
    data = form_data(population) | {"unit": "percent"}
    data |= {"reported_values-TOTAL_FORMS": 1, "reported_values-INITIAL_FORMS": 1}
    data |= {f"reported_values-0-{k}": v for k, v in value_row(value="150").items()}
    data |= {"reported_values-0-id": IndicatorValue.objects.get().pk, "reported_values-0-ORDER": 1}
    page = refused(client.post(url("edit", population.pk), data))
    assert "A percentage lies between 0 and 100." in page
    assert Indicator.objects.get(pk=population.pk).unit == "people"


def test_a_new_indicator_is_validated_with_its_rows_before_it_exists(client, curator):
    new = Indicator(code="hdi_test", name="HDI", name_en="HDI", unit="percent", origin="agency",
                    theme="society", direction="higher", sort_order=5)  # fmt: skip
    page = refused(client.post(url("add"), form_data(new, values=[value_row(value="140")])))
    assert "A percentage lies between 0 and 100." in page
    assert not Indicator.objects.filter(code="hdi_test").exists()
    response = client.post(url("add"), form_data(new, values=[value_row(value="40")]))
    assert response.status_code == 302
    assert Indicator.objects.get(code="hdi_test").reported_values.get().value == 40


def test_each_edit_is_a_revision_in_the_history(client, curator, cashless):
    for value in ("40", "55"):
        data = form_data(cashless, values=[value_row(value=value, as_of=f"2026-0{len(value)}-01")])
        data["plan_clause_en"] = f"over 80 % cashless payments ({value})"
        assert client.post(url("edit", cashless.pk), data).status_code == 302
    assert cashless.revisions.count() == 2
    first, second = cashless.revisions.order_by("created_at")
    assert first.content["plan_clause_en"].endswith("(40)")
    assert second.content["plan_clause_en"].endswith("(55)")
    assert (
        ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(cashless.pk)).count() == 2
    )
    history = client.get(url("history", cashless.pk))
    assert history.status_code == 200
    assert history.content.decode().count("Edited") >= 2


def test_a_registry_indicator_shows_its_latest_snapshots(client, curator, leaders):
    from registry.models.indicator import IndicatorSnapshot

    IndicatorSnapshot.objects.create(indicator=leaders, taken_on=date(2026, 5, 1),
                                     taken_at="2026-05-01T01:00:00Z", value=3, records_counted=40,
                                     records_unknown=0)  # fmt: skip
    page = client.get(url("edit", leaders.pk)).content.decode()
    assert "Latest snapshots from the registry" in page and "05/01/2026" in page


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_indicator_screen_speaks_the_curators_language(
    client, curator, lang, population, leaders
):
    from registry.models.indicator import IndicatorSnapshot
    from tests.cms.test_admin_language import mixed, visible_text

    IndicatorValue.objects.create(indicator=population, as_of=date(2025, 7, 1), value=4_491_408,
                                  source="Cục Thống kê")  # fmt: skip
    IndicatorTarget.objects.create(indicator=leaders, year=2030, comparison="gte", value=1)
    IndicatorSnapshot.objects.create(indicator=leaders, taken_on=date(2026, 5, 1),
                                     taken_at="2026-05-01T01:00:00Z", value=3)  # fmt: skip
    speaks(curator, lang)
    client.post(url("edit", population.pk), form_data(population))  # a revision for the history
    screens = {"list": url("list"), "add": url("add")}
    for indicator in (population, leaders):
        for action in ("edit", "inspect", "history"):
            screens[f"{indicator.code} {action}"] = url(action, indicator.pk)
    problems = {}
    for screen, address in screens.items():
        response = client.get(address)
        assert response.status_code == 200, (screen, response.status_code)
        found = mixed(visible_text(response.content.decode()), lang)
        if found:
            problems[screen] = found[:8]
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


def test_the_inspect_view_shows_the_targets_and_the_reported_values(client, curator, population):
    IndicatorTarget.objects.create(indicator=population, year=2030, comparison="gte", value=5e6)
    IndicatorValue.objects.create(indicator=population, as_of=date(2025, 7, 1), value=4_491_408,
                                  source="Cục Thống kê")  # fmt: skip
    page = html.unescape(client.get(url("inspect", population.pk)).content.decode())
    assert "Targets" in page and "2030: at least 5,000,000" in page
    assert "Reported values" in page and "07/01/2025: 4,491,408 (Cục Thống kê)" in page
