"""The quarterly report's figures as people read them, in the report's language: numbers grouped
with the language's decimal mark (vi "12,5", en "12.5"), targets ("≥ 40 by 2045"), dates.

A stand-in, with the signatures of the monitor's shared `cms.monitor.figures` (the public
page's), so that the report can switch to it in one import once both are merged."""

from datetime import date

from django.utils import formats, translation
from django.utils.translation import pgettext

from registry.models.indicator import Indicator, IndicatorTarget

Unit = Indicator.Unit
Comparison = IndicatorTarget.Comparison
DECIMALS = {Unit.COUNT: 0, Unit.PEOPLE: 0, Unit.YES_NO: 0, Unit.INDEX: 3}
SYMBOLS = {
    Comparison.AT_LEAST: "≥",
    Comparison.MORE_THAN: ">",
    Comparison.AT_MOST: "≤",
    Comparison.LESS_THAN: "<",
    Comparison.EQUALS: "=",
}
CONTEXT = "quarterly report"


def bare(value: float, unit: str, lang: str) -> str:
    """The number alone, rounded as its unit is read, trailing zeros dropped."""
    decimals = DECIMALS.get(unit, 1)
    rounded = round(float(value), decimals)
    places = decimals and len(f"{rounded:.{decimals}f}".rstrip("0").split(".")[1])
    with translation.override(lang):
        return formats.number_format(rounded, decimal_pos=places, force_grouping=True)


def with_unit(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return "—"
    with translation.override(lang):
        if unit == Unit.YES_NO:
            return pgettext(CONTEXT, "Yes") if value else pgettext(CONTEXT, "No")
        shown = bare(value, unit, lang)
        if unit in (Unit.PERCENT, Unit.PERCENT_PER_YEAR):
            return f"{shown} %"
        return shown


def target_text(target: IndicatorTarget, unit: str, lang: str) -> str:
    with translation.override(lang):
        if target.comparison == Comparison.BETWEEN and target.value_max is not None:
            aim = f"{bare(target.value, unit, lang)}–{with_unit(target.value_max, unit, lang)}"
        elif unit == Unit.YES_NO:
            aim = with_unit(target.value, unit, lang)
        else:
            aim = f"{SYMBOLS.get(target.comparison, '')} {with_unit(target.value, unit, lang)}"
        return pgettext(CONTEXT, "%(aim)s by %(year)s") % {"aim": aim.strip(), "year": target.year}


def day(value: date | None, lang: str) -> str:
    if value is None:
        return "—"
    with translation.override(lang):
        return formats.date_format(value, "DATE_FORMAT")
