"""Each branch of the status rule (STATUS_RULE), then the rule as readings() apply it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from registry.indicators import STATUS_RULE, Status, reading
from registry.indicators.status import judge
from registry.models import Indicator, IndicatorTarget, IndicatorValue

from .indicator_world import indicator

TODAY = date(2026, 7, 1)
START = date(2024, 12, 31)  # the path to a 2030 target: 6 years, half way on 2027-12-31


def percent(direction="higher"):
    return Indicator(unit=Indicator.Unit.PERCENT, direction=direction)


def target(year, comparison, value, value_max=None):
    return IndicatorTarget(year=year, comparison=comparison, value=value, value_max=value_max)


def status(ind, targets, first, latest, today=TODAY):
    return judge(ind, targets, first, latest, today).status


def test_no_value_or_no_target_is_no_data():
    assert status(percent(), [target(2030, "gte", 40)], None, None) == Status.NO_DATA
    assert status(percent(), [], (START, 10), (TODAY, 20)) == Status.NO_DATA


def test_a_met_target_is_on_track_whatever_the_history():
    assert status(percent(), [target(2030, "gte", 40)], (START, 80), (TODAY, 41)) == (
        Status.ON_TRACK
    )
    assert status(percent(), [target(2030, "gt", 40)], None, (TODAY, 40)) == Status.BEHIND


def test_a_single_value_short_of_the_target_is_behind():
    assert status(percent(), [target(2030, "gte", 40)], None, (TODAY, 39)) == Status.BEHIND
    same_day = (TODAY, 39)
    assert status(percent(), [target(2030, "gte", 40)], same_day, same_day) == Status.BEHIND


def test_on_the_right_side_of_the_straight_path_is_on_track():
    goal = [target(2030, "gte", 40)]
    halfway = date(2027, 12, 31)
    # From 10 at the start to 40 at the end of 2030: 25 half way.
    judged = judge(percent(), goal, (START, 10), (halfway, 25), TODAY)
    assert judged.status == Status.ON_TRACK
    assert judged.path_value == pytest.approx(25.0, abs=0.05)
    assert status(percent(), goal, (START, 10), (halfway, 24)) == Status.BEHIND


def test_where_lower_is_better_the_path_leads_down():
    goal = [target(2030, "lte", 10)]
    halfway = date(2027, 12, 31)
    assert status(percent("lower"), goal, (START, 30), (halfway, 19)) == Status.ON_TRACK
    assert status(percent("lower"), goal, (START, 30), (halfway, 21)) == Status.BEHIND


def test_a_range_is_approached_from_the_side_the_direction_says():
    goal = [target(2030, "between", 35, 37)]
    halfway = date(2027, 12, 31)
    # Higher is better: towards 35. Lower is better: from above, towards 37.
    assert status(percent(), goal, (START, 15), (halfway, 25)) == Status.ON_TRACK
    assert status(percent(), goal, (START, 15), (halfway, 24)) == Status.BEHIND
    assert status(percent("lower"), goal, (START, 57), (halfway, 47)) == Status.ON_TRACK
    assert status(percent("lower"), goal, (START, 57), (halfway, 48)) == Status.BEHIND


def test_the_nearest_target_not_yet_ended_is_judged():
    goals = [target(2045, "gte", 6), target(2030, "gte", 1)]
    leaders = Indicator(unit=Indicator.Unit.COUNT)
    judged = judge(leaders, goals, (START, 0), (TODAY, 1), TODAY)
    assert (judged.status, judged.target.year) == (Status.ON_TRACK, 2030)
    judged = judge(leaders, goals, (START, 1), (date(2031, 6, 1), 1), date(2031, 6, 1))
    assert judged.target.year == 2045


def test_once_every_target_year_has_ended_the_last_is_met_or_not():
    goal = [target(2025, "gte", 40)]
    assert status(percent(), goal, (START, 10), (TODAY, 39)) == Status.BEHIND
    assert status(percent(), goal, (START, 10), (TODAY, 40)) == Status.ON_TRACK


def test_a_yes_no_target_is_on_track_only_once_met():
    pop = Indicator(unit=Indicator.Unit.YES_NO)
    goal = [target(2030, "eq", 1)]
    assert status(pop, goal, (START, 0), (TODAY, 0)) == Status.BEHIND
    assert status(pop, goal, (START, 0), (TODAY, 1)) == Status.ON_TRACK


def test_the_rule_is_stated_in_both_languages():
    from django.utils import translation

    with translation.override("en"):
        english = str(STATUS_RULE)
    with translation.override("vi"):
        vietnamese = str(STATUS_RULE)
    assert "straight line" in english
    assert vietnamese != english and "đường thẳng" in vietnamese


@pytest.mark.django_db
def test_a_reported_series_is_judged_from_its_first_value():
    today = timezone.localdate()
    year = today.year + 4
    digital_economy = indicator(
        "digital_economy_share",
        Indicator.Unit.PERCENT,
        origin=Indicator.Origin.AGENCY,
        targets=[(year, "between", 35, 37)],
    )
    start = date(year, 12, 31) - timedelta(days=1000)

    def report(as_of, value):
        IndicatorValue.objects.create(
            indicator=digital_economy, as_of=as_of, value=value, source="Cục Thống kê"
        )

    report(start, 15)
    report(start + timedelta(days=500), 26)  # half way to 35: 25
    r = reading("digital_economy_share")
    assert (r.value, r.status, r.target.year) == (26, Status.ON_TRACK, year)
    assert r.path_value == pytest.approx(25.0)
    report(start + timedelta(days=501), 24)
    assert reading("digital_economy_share").status == Status.BEHIND


def test_beyond_a_range_on_the_better_side_meets_it():
    """A digital economy of 38 % meets "35–37 % by 2030"; where lower is better, below the
    range meets it. Inside the range meets it either way; short of it does not."""
    economy = [target(2030, "between", 35, 37)]
    for value, higher, lower in ((38, Status.ON_TRACK, Status.BEHIND),
                                 (36, Status.ON_TRACK, Status.ON_TRACK),
                                 (34, Status.BEHIND, Status.ON_TRACK)):  # fmt: skip
        assert status(percent(), economy, None, (TODAY, value)) == higher, value
        assert status(percent("lower"), economy, None, (TODAY, value)) == lower, value
    after_2030 = date(2031, 6, 1)
    assert status(percent(), economy, None, (after_2030, 40), today=after_2030) == (Status.ON_TRACK)
