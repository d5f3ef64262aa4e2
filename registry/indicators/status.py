"""Whether an indicator is on track for its target: the rule, in code and in words (the page,
the API and the report show `STATUS_RULE` beside the statuses)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.models.indicator import Indicator, IndicatorTarget
from registry.numbers import plain_number


class Status:
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


STATUS_LABELS = {
    Status.ON_TRACK: pgettext_lazy("indicator status", "on track"),
    Status.BEHIND: pgettext_lazy("indicator status", "behind"),
    Status.NO_DATA: pgettext_lazy("indicator status", "no data"),
}

STATUS_RULE = _(
    "An indicator is judged against the nearest target whose year has not yet ended (once every "
    "target year has ended, against the last one). A target already met is on track. Otherwise "
    "a straight line is drawn from the first value of its history to the target value at the "
    "end of the target year: the indicator is on track if its latest value is on the right side "
    "of that line (at or above it where higher is better, at or below it where lower is "
    "better), and behind if not. With a single value, or once the target year has ended, only "
    "a met target is on track. A yes/no target is on track only once met. Without a value or "
    "without a target there is no status (no data)."
)

Comparison = IndicatorTarget.Comparison


COMPARISON_SYMBOLS = {
    Comparison.AT_LEAST: "≥",
    Comparison.MORE_THAN: ">",
    Comparison.AT_MOST: "≤",
    Comparison.LESS_THAN: "<",
    Comparison.EQUALS: "=",
}


def target_text(target: IndicatorTarget) -> str:
    """A target in signs any language reads: "≥ 40 (2030)", "35–37 (2030)"."""
    value = plain_number(target.value)
    if target.comparison == Comparison.BETWEEN:
        return f"{value}–{plain_number(target.value_max)} ({target.year})"
    return f"{COMPARISON_SYMBOLS[target.comparison]} {value} ({target.year})"


@dataclass(frozen=True)
class Judgement:
    status: str
    target: IndicatorTarget | None = None
    # Where the straight path to the target stood on the latest value's date, if one was drawn.
    path_value: float | None = None


def meets(target: IndicatorTarget, value: float, higher: bool = True) -> bool:
    """Whether `value` meets the target. A range is met from its near end on: where higher is
    better, beyond the range is more than met (a digital economy of 38 % meets "35–37 %")."""
    upper = target.value_max if target.value_max is not None else target.value
    return {
        Comparison.AT_LEAST: value >= target.value,
        Comparison.MORE_THAN: value > target.value,
        Comparison.AT_MOST: value <= target.value,
        Comparison.LESS_THAN: value < target.value,
        Comparison.BETWEEN: value >= target.value if higher else value <= upper,
        Comparison.EQUALS: value == target.value,
    }[target.comparison]


def higher_is_better(indicator: Indicator, target: IndicatorTarget) -> bool:
    """The way the target pulls: its comparison says so, else the indicator's direction."""
    if target.comparison in (Comparison.AT_LEAST, Comparison.MORE_THAN):
        return True
    if target.comparison in (Comparison.AT_MOST, Comparison.LESS_THAN):
        return False
    return indicator.direction == Indicator.Direction.HIGHER


def aim(target: IndicatorTarget, higher: bool) -> float:
    """The value the path leads to: a range's near end, seen from the side one comes from."""
    if target.comparison == Comparison.BETWEEN and not higher:
        return target.value_max if target.value_max is not None else target.value
    return target.value


def target_to_judge(targets, today: date) -> IndicatorTarget | None:
    ordered = sorted(targets, key=lambda t: (t.year, t.sort_order or 0))
    if not ordered:
        return None
    return next((t for t in ordered if t.year >= today.year), ordered[-1])


def judge(
    indicator: Indicator,
    targets,
    first: tuple[date, float] | None,
    latest: tuple[date, float] | None,
    today: date,
) -> Judgement:
    """`first` and `latest` are (date, value) of the history's first and latest known values."""
    target = target_to_judge(targets, today)
    if latest is None or latest[1] is None or target is None:
        return Judgement(Status.NO_DATA, target)
    as_of, value = latest
    if meets(target, value, higher_is_better(indicator, target)):
        return Judgement(Status.ON_TRACK, target)
    end = date(min(target.year, 9999), 12, 31)  # a bad year in old data must not raise
    single_value = first is None or first[1] is None or first[0] >= as_of
    if indicator.unit == Indicator.Unit.YES_NO or single_value or as_of > end:
        return Judgement(Status.BEHIND, target)
    start_on, start = first
    higher = higher_is_better(indicator, target)
    elapsed = (as_of - start_on).days / (end - start_on).days
    path_value = start + (aim(target, higher) - start) * elapsed
    on_track = value >= path_value if higher else value <= path_value
    return Judgement(Status.ON_TRACK if on_track else Status.BEHIND, target, path_value)
