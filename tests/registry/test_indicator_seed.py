"""The seed of the Resolution 57 monitor (issue #15, item 1): every target of the plan, each with
the plan's wording in both languages, and the province's population with its source; loaded by
`load_initial_data`, which creates what is missing and never overwrites a curator's edits."""

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from registry.indicator_seed import load_indicators
from registry.models.indicator import (
    REGISTRY_COMPUTED,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "indicators.json"

# Every target the issue lists: code -> [(year, comparison, value, upper end)].
PLAN = {
    "global_tech_leaders": [(2030, "gte", 1, None), (2045, "gte", 6, None)],
    "domestic_enterprise_share": [(2045, "gte", 40, None)],
    "rnd_workforce_per_10k": [(2030, "gte", 12, None)],
    "innovative_enterprise_share": [(2030, "gt", 40, None)],
    "international_pop": [(2030, "eq", 1, None)],
    "digital_economy_share_grdp": [(2030, "between", 35, 37), (2045, "gte", 50, None)],
    "rnd_spending_share_grdp": [(2030, "gte", 2, None)],
    "st_innovation_budget_share": [(2030, "gte", 3, None)],
    "patent_filing_growth": [(2030, "between", 16, 18)],
    "patents_commercialised_share": [(2030, "between", 8, 10)],
    "online_public_services_share": [(2030, "gt", 80, None)],
    "cashless_payments_share": [(2030, "gt", 80, None)],
    "tfp_growth_contribution": [(2030, "gt", 60, None)],
    "high_tech_exports_share": [(2030, "gte", 50, None)],
    "hdi": [(2030, "gt", 0.7, None)],
    "broadband_1gbps_coverage": [(2030, "eq", 100, None)],
    "coverage_5g": [(2030, "eq", 100, None)],
    "population": [],
}
# The issue gives no year for these: 2030 (the plan's first horizon) is assumed, and said so.
YEAR_ASSUMED = set(PLAN) - {
    "global_tech_leaders",
    "domestic_enterprise_share",
    "rnd_workforce_per_10k",
    "innovative_enterprise_share",
    "digital_economy_share_grdp",
    "population",
}
VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def seed_entries() -> list[dict]:
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def loaded(db):
    result = load_indicators(SEED)
    assert (result.created, result.kept) == (len(PLAN), 0)
    return result


def test_every_target_of_the_plan_is_seeded(loaded):
    seeded = {
        indicator.code: [
            (t.year, t.comparison, t.value, t.value_max) for t in indicator.targets.order_by("year")
        ]
        for indicator in Indicator.objects.prefetch_related("targets")
    }
    assert seeded == PLAN


def test_the_registry_computes_exactly_its_five_indicators(loaded):
    registry = set(Indicator.objects.filter(origin="registry").values_list("code", flat=True))
    assert registry == set(REGISTRY_COMPUTED)


def test_every_indicator_is_described_in_both_languages_with_the_plans_wording(loaded):
    for indicator in Indicator.objects.all():
        indicator.full_clean()
        for field in ("name", "name_en", "description", "description_en"):
            assert getattr(indicator, field).strip(), (indicator.code, field)
        assert VIETNAMESE_LETTER.search(indicator.name.lower()), indicator.code
        assert VIETNAMESE_LETTER.search(indicator.description.lower()), indicator.code
        if indicator.code == "population":  # not a target: the context the computations use
            continue
        assert indicator.plan_clause.startswith("Kế hoạch của tỉnh thực hiện Nghị quyết 57-NQ/TW")
        assert indicator.plan_clause_en.startswith(
            "The province's plan implementing Resolution 57-NQ/TW"
        )
        # The plan's document number is not in our sources: none is made up.
        assert not re.search(r"\d+/(KH|QĐ|NQ)-", indicator.plan_clause + indicator.plan_clause_en)
        assumed = "2030 assumed" in indicator.plan_clause_en
        assert assumed == (indicator.code in YEAR_ASSUMED), indicator.code
        assert ("giả định năm 2030" in indicator.plan_clause) == assumed


def test_targets_are_valid_for_their_indicator(loaded):
    for target in IndicatorTarget.objects.select_related("indicator"):
        target.full_clean()  # an existing target: its year may be past one day


def test_only_the_population_has_a_value_with_its_source(loaded):
    value = IndicatorValue.objects.get()
    assert value.indicator.code == "population"
    assert (value.value, value.as_of) == (4_491_408, date(2025, 7, 1))
    assert value.source_url == "https://sbm.vn/?p=3893"  # S51 of shared/data/dongnai-facts.md
    assert value.source.strip()
    value.full_clean()


def test_each_seeded_indicator_starts_its_history_with_one_revision(loaded):
    for indicator in Indicator.objects.all():
        assert indicator.revisions.count() == 1
        assert indicator.latest_revision is not None


def test_loading_again_creates_what_is_missing_and_keeps_a_curators_edits(loaded):
    edited = Indicator.objects.get(code="cashless_payments_share")
    edited.name = "Thanh toán không tiền mặt (tên do cán bộ sửa)"
    edited.save()
    edited.targets.all().delete()
    IndicatorValue.objects.create(
        indicator=edited, as_of=date(2026, 3, 31), value=71, source="NHNN"
    )
    Indicator.objects.get(code="hdi").delete()

    result = load_indicators(SEED)

    assert (result.created, result.kept) == (1, len(PLAN) - 1)
    edited.refresh_from_db()
    assert edited.name == "Thanh toán không tiền mặt (tên do cán bộ sửa)"
    assert not edited.targets.exists()
    assert edited.reported_values.get().value == 71
    assert Indicator.objects.get(code="hdi").targets.get().value == 0.7


def test_load_initial_data_loads_the_indicators_once(db):
    out = io.StringIO()
    call_command("load_initial_data", stdout=out, stderr=io.StringIO())
    assert f"Resolution 57 indicators: {len(PLAN)} created, 0 already there" in out.getvalue()
    out = io.StringIO()
    call_command("load_initial_data", stdout=out, stderr=io.StringIO())
    assert f"Resolution 57 indicators: 0 created, {len(PLAN)} already there" in out.getvalue()
    assert Indicator.objects.count() == len(PLAN)


def test_the_seed_file_has_every_code_once_in_page_order():
    entries = seed_entries()
    codes = [entry["code"] for entry in entries]
    assert sorted(codes) == sorted(PLAN)
    orders = [entry["sort_order"] for entry in entries]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
