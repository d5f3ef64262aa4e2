"""Each registry-computed indicator against a hand computation on `indicator_world` (drafts
never count; unknowns are left out and counted)."""

import pytest

from registry.indicators import Status, breakdowns, reading, readings
from registry.models import Enterprise, IndicatorValue, Zone

from .indicator_world import build_world, enterprise, registry_indicators

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    build_world()
    registry_indicators()


def figures(code):
    r = reading(code)
    return r.value, r.records_counted, r.records_unknown


def test_global_tech_leaders_counts_the_marked_and_reports_the_unmarked(world):
    # e1 and e5 are leaders; e2 and e4 are not; e3 does not say; the draft never counts.
    assert figures("global_tech_leaders") == (2, 4, 1)


def test_domestic_share_leaves_an_unknown_ownership_out_of_the_denominator(world):
    # Domestic e1 and state-owned e3 among four with a known ownership; e4's is unknown.
    assert figures("domestic_enterprise_share") == (50.0, 4, 1)


def test_rnd_workforce_per_10k_uses_the_latest_population(world):
    # (10 + 0 + 0 staff of e1, e2, e4) + 40 researchers of r1 = 50, over 5,000,000 inhabitants;
    # e3, e5 and r2 do not say.
    assert figures("rnd_workforce_per_10k") == (0.1, 4, 3)


def test_innovative_share_counts_one_known_figure_above_zero_as_innovative(world):
    # e1 (R&D staff), e2 and e5 (patents) innovate; e4 does not; e3 (staff unknown, 0 patents)
    # is unknown.
    assert figures("innovative_enterprise_share") == (75.0, 4, 1)


def test_international_pop_of_the_long_thanh_park(world):
    assert figures("international_pop") == (1, 1, 0)
    Zone.objects.filter(ref="lt-digital-park").update(has_international_pop=None)
    assert figures("international_pop") == (None, 0, 1)
    Zone.objects.filter(ref="lt-digital-park").update(live=False)
    assert figures("international_pop") == (None, 0, 0)


def test_without_a_population_the_workforce_has_no_value_and_no_status(world):
    IndicatorValue.objects.filter(indicator__code="population").delete()
    r = reading("rnd_workforce_per_10k")
    assert (r.value, r.records_counted, r.records_unknown) == (None, 4, 3)
    assert r.status == Status.NO_DATA


def test_an_empty_registry_has_no_shares_and_no_leaders():
    registry_indicators()
    by_code = {r.indicator.code: r for r in readings()}
    assert by_code["domestic_enterprise_share"].value is None
    assert by_code["innovative_enterprise_share"].value is None
    assert by_code["global_tech_leaders"].value == 0
    assert by_code["domestic_enterprise_share"].status == Status.NO_DATA


def test_publishing_a_draft_changes_the_figures(world):
    Enterprise.objects.filter(ref="e-draft").update(live=True)
    assert figures("global_tech_leaders") == (3, 5, 1)
    assert figures("domestic_enterprise_share") == (60.0, 5, 1)


def test_invented_sample_records_never_count_in_the_plans_figures(world):
    """The portal shows sample records to demonstrate itself; the plan's figures are real."""
    enterprise("e-sample", ownership="fdi", is_global_tech_leader=True, rnd_staff=500,
               live=True, sample=True)  # fmt: skip
    assert figures("global_tech_leaders") == (2, 4, 1)
    assert figures("domestic_enterprise_share") == (50.0, 4, 1)
    owners = {row["code"]: row["count"] for row in breakdowns()["enterprises_by_ownership"]}
    assert owners["fdi"] == Enterprise.objects.published().real().filter(ownership="fdi").count()


def test_readings_use_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    readings()  # the day's snapshot is stored by the first read
    with django_assert_max_num_queries(12) as first:
        readings()
    for number in range(60):
        enterprise(f"more-{number}", ownership="fdi", technologies=["ai"], rnd_staff=number)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert len(readings()) == 6
