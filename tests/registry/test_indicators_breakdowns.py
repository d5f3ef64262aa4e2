import pytest

from registry.indicators import breakdowns

from .indicator_world import build_world, enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    build_world()


def test_enterprises_by_strategic_technology_count_descendants_once_and_never_drafts(world):
    counts = {row["code"]: row["count"] for row in breakdowns()["enterprises_by_technology"]}
    assert counts == {
        "ai": 1,
        "big_data": 0,
        "blockchain": 0,
        "cloud": 0,
        "data_centre": 0,
        "iot": 0,
        "semiconductor": 2,
    }
    semiconductor = next(
        row for row in breakdowns()["enterprises_by_technology"] if row["code"] == "semiconductor"
    )
    assert semiconductor["name_en"] == "Semiconductor"


def test_ownership_origin_and_stage_list_the_unknown_too(world):
    figures = breakdowns()
    assert figures["enterprises_by_ownership"] == [
        {"code": "domestic", "count": 1},
        {"code": "fdi", "count": 1},
        {"code": "joint_venture", "count": 1},
        {"code": "state_owned", "count": 1},
        {"code": "", "count": 1},
    ]
    assert figures["enterprises_by_origin_country"] == [
        {"code": "VN", "count": 2},
        {"code": "JP", "count": 1},
        {"code": "KR", "count": 1},
        {"code": "", "count": 1},
    ]
    assert {row["code"]: row["count"] for row in figures["startups_by_stage"]} == {
        "idea": 1,
        "pre_seed": 0,
        "seed": 2,
        "series_a": 0,
        "series_b_plus": 0,
        "growth": 0,
    }


def test_incubators_and_the_funds_among_them(world):
    assert breakdowns()["incubators"] == {
        "count": 4,
        "funds_count": 2,
        "fund_size_usd_total": 10e6,
        "fund_size_unknown": 1,
    }


def test_zones_hectares_from_published_plots_and_as_declared(world):
    assert breakdowns()["zones"] == [
        {
            "ref": "lt-digital-park",
            "name": "lt-digital-park",
            "name_en": "lt-digital-park",
            "leased_ha": 2.0,
            "available_ha": 3.0,
            "declared_available_ha": 50.0,
        },
        {
            "ref": "z-no-plots",
            "name": "z-no-plots",
            "name_en": "z-no-plots",
            "leased_ha": None,
            "available_ha": None,
            "declared_available_ha": None,
        },
    ]


def test_an_empty_registry_breaks_down_into_zeros():
    figures = breakdowns()
    assert figures["incubators"] == {
        "count": 0,
        "funds_count": 0,
        "fund_size_usd_total": 0.0,
        "fund_size_unknown": 0,
    }
    assert figures["zones"] == []
    assert figures["enterprises_by_origin_country"] == [{"code": "", "count": 0}]


def test_breakdowns_take_one_query_each_whatever_the_records(world, django_assert_max_num_queries):
    for number in range(40):
        enterprise(f"more-{number}", ownership="fdi", technologies=["ai.compute", "iot"])
    with django_assert_max_num_queries(7):  # the strategic codes, then one per breakdown
        figures = breakdowns()
    by_technology = {row["code"]: row["count"] for row in figures["enterprises_by_technology"]}
    assert (by_technology["ai"], by_technology["iot"]) == (41, 40)
