"""Indicator figures as people read them, in the page's language: numbers grouped and with the
language's decimal mark (vi "12,5", en "12.5"), the unit, the targets ("≥ 40 % by 2045") and
dates. The page, the charts and the quarterly report share these, so a figure reads the same in
each."""

from datetime import date

from django.utils import formats, translation
from django.utils.translation import gettext, pgettext

from registry.models.indicator import Indicator, IndicatorTarget

Unit = Indicator.Unit
Comparison = IndicatorTarget.Comparison

# At most how many decimals each unit is read with (trailing zeros dropped: 12.0 reads "12"),
# enough for what the agency reports (12.25 %) without a computed share's long tail.
DECIMALS = {
    Unit.COUNT: 0,
    Unit.PEOPLE: 0,
    Unit.PERCENT: 2,
    Unit.PERCENT_PER_YEAR: 2,
    Unit.PER_10K: 2,
    Unit.INDEX: 3,
    Unit.YES_NO: 0,
}
SYMBOLS = {
    Comparison.AT_LEAST: "≥",
    Comparison.MORE_THAN: ">",
    Comparison.AT_MOST: "≤",
    Comparison.LESS_THAN: "<",
    Comparison.EQUALS: "=",
}


def number(value: float, lang: str, decimals: int = 1) -> str:
    """`value` rounded to at most `decimals` places, grouped, in `lang`'s notation."""
    rounded = round(float(value), decimals)
    text = f"{rounded:.{decimals}f}".rstrip("0") if decimals else ""
    places = len(text.split(".")[1]) if "." in text else 0
    with translation.override(lang):
        return formats.number_format(rounded, decimal_pos=places, force_grouping=True)


def bare(value: float, unit: str, lang: str) -> str:
    """The number alone, as the unit is read (no unit words): chart axes, table cells."""
    return number(value, lang, DECIMALS.get(unit, 2))


def with_unit(value: float | None, unit: str, lang: str) -> str:
    """The value with its unit in words or signs ("12,5 %", "4.491.408 người", "Có"); "—"
    when there is none."""
    if value is None:
        return "—"
    with translation.override(lang):
        if unit == Unit.YES_NO:
            return gettext("Yes") if value else gettext("No")
        shown = bare(value, unit, lang)
        if unit == Unit.PERCENT:
            return pgettext("a percentage", "%(number)s%%") % {"number": shown}
        if unit == Unit.PERCENT_PER_YEAR:
            return gettext("%(number)s%% a year") % {"number": shown}
        if unit == Unit.PER_10K:
            return gettext("%(number)s per 10,000 inhabitants") % {"number": shown}
        if unit == Unit.PEOPLE:
            return gettext("%(number)s people") % {"number": shown}
        return shown


def target_text(target: IndicatorTarget, unit: str, lang: str) -> str:
    """A target as the plan states it: "≥ 40 % by 2045", "35–37 % by 2030", "Yes by 2030"."""
    with translation.override(lang):
        if target.comparison == Comparison.BETWEEN and target.value_max is not None:
            aim = gettext("%(low)s–%(high)s") % {
                "low": bare(target.value, unit, lang),
                "high": with_unit(target.value_max, unit, lang),
            }
        elif unit == Unit.YES_NO:
            aim = with_unit(target.value, unit, lang)
        else:
            symbol = SYMBOLS.get(target.comparison, "")
            aim = f"{symbol} {with_unit(target.value, unit, lang)}".strip()
        return gettext("%(aim)s by %(year)s") % {"aim": aim, "year": target.year}


def day(value: date | None, lang: str) -> str:
    """A date as the language writes it mid-sentence ("1 tháng 1 năm 2028", "1 January 2028")."""
    if value is None:
        return "—"
    with translation.override(lang):
        return formats.date_format(value, "DATE_FORMAT")
