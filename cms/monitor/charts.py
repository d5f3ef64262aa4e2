"""Trend charts of the Resolution 57 indicators, drawn on the server with pygal as SVG: the
indicator's values over time, and a dashed path from the latest value to each target (markers at
the end of each target year). Labels and numbers are in the language asked for.

The SVG is self-contained and inert: no script (pygal's tooltips are dropped), text only as
text nodes (names and sources are escaped by the XML serialiser), its styling in one <style>
element of its own. The portal serves it from its own address as an <img> (cms.monitor.page);
the quarterly report embeds it in its PDF.

    trend_chart_svg(reading, trend_points(reading, history(indicator)), lang="vi") -> str
"""

from datetime import date

import pygal
from django.utils import translation
from django.utils.translation import gettext
from lxml import etree
from pygal.style import Style

from registry.indicators import Point, Reading, name
from registry.models.indicator import Indicator, IndicatorTarget

from .figures import bare, day, with_unit

SVG = "{http://www.w3.org/2000/svg}"
FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif'
VALUE_COLOUR = "#0b5c8c"  # the portal's --brand
TARGET_COLOUR = "#b35c00"  # the portal's --focus: AA contrast on white, distinct from the brand
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b2430",
    foreground_strong="#1b2430",
    foreground_subtle="#c9d3dc",
    colors=(VALUE_COLOUR, TARGET_COLOUR),
    font_family=FONT,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    no_data_font_size=20,
    opacity="1",
    opacity_hover="1",
    transition="0s",
    guide_stroke_color="#e6ebf0",
    major_guide_stroke_color="#c9d3dc",
    guide_stroke_dasharray="1,0",
    major_guide_stroke_dasharray="1,0",
    stroke_width=3,
    stroke_opacity=1,
    stroke_width_hover=3,
    stroke_opacity_hover=1,
)
# Beyond this span the time axis is labelled by year only.
YEARS_ONLY_AFTER_DAYS = 3 * 366


def trend_points(reading: Reading, points: list[Point]) -> list[Point]:
    """The history with today's live value of a registry-computed indicator as its last point
    (its snapshot of today, if taken, is replaced by the live value)."""
    if reading.origin != Indicator.Origin.REGISTRY or reading.as_of is None:
        return list(points)
    earlier = [p for p in points if p.as_of < reading.as_of]
    now = Point(
        reading.as_of,
        reading.value,
        reading.source,
        reading.records_counted,
        reading.records_unknown,
    )
    return [*earlier, now]


def _target_points(reading: Reading) -> list[tuple[date, float]]:
    """Each target at the end of its year; a range as its two ends."""
    points = []
    for target in sorted(reading.indicator.targets.all(), key=lambda t: (t.year, t.sort_order)):
        end_of_year = date(min(target.year, 9999), 12, 31)
        points.append((end_of_year, target.value))
        if target.comparison == IndicatorTarget.Comparison.BETWEEN and target.value_max is not None:
            points.append((end_of_year, target.value_max))
    return points


def _time_axis(dates: list[date], most: int) -> tuple[list[date], object]:
    """At most `most` labelled ticks on the time axis, each on a period's first day: years
    beyond a span of three years, else months; and how each is written ("2030", "06/2025")."""
    if not dates:
        return [], str
    first, last = min(dates), max(dates)
    if (last - first).days > YEARS_ONLY_AFTER_DAYS:
        years = list(range(first.year + 1, last.year + 1))
        step = -(-len(years) // most)
        return [date(y, 1, 1) for y in years[::step]], lambda d: str(d.year)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = -(-len(months) // most)
    ticks = [m for m in months[::step] if m >= first] or [first]
    return ticks, lambda d: f"{d.month:02d}/{d.year}"


def _chart(reading: Reading, dates: list[date], lang: str, width: int, height: int):
    unit = reading.indicator.unit
    config = {
        "width": width,
        "height": height,
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "show_x_guides": False,
        "include_x_axis": unit != Indicator.Unit.INDEX,  # shares and counts read from zero
        "dots_size": 4,
        "x_label_rotation": 0,
        "no_data_text": gettext("No data yet"),
        "value_formatter": lambda v: bare(v, unit, lang),
    }
    ticks, written = _time_axis(dates, most=4 if width < 480 else 7)
    if ticks:
        # pygal's own ticks fall mid-period ("2027" written four times); ours start periods.
        config["x_labels"] = ticks
        config["x_value_formatter"] = lambda moment: written(
            moment.date() if hasattr(moment, "date") else moment
        )
    if width < 480:
        config["legend_at_bottom_columns"] = 1
    if unit == Indicator.Unit.YES_NO:
        # Only "no" (0) and "yes" (1) are labelled; pygal's own y_labels fail on a date axis.
        config["range"] = (0, 1)
        config["value_formatter"] = lambda v: with_unit(v, unit, lang) if v in (0, 1) else ""
    elif unit == Indicator.Unit.PERCENT:
        config["y_title"] = "%"
    return pygal.DateLine(**config)


def _inert(svg_root, title: str, description: str) -> str:
    """The rendered tree without scripts, with an accessible name and description."""
    for script in svg_root.iter(f"{SVG}script", "script"):
        script.getparent().remove(script)
    # pygal's per-dot tooltips (noise without JS) and its own title ("Pygal") make way for ours.
    for extra in [*svg_root.iter(f"{SVG}desc", "desc", f"{SVG}title", "title")]:
        extra.getparent().remove(extra)
    svg_root.set("role", "img")
    heading = etree.Element(f"{SVG}title")
    heading.text = title
    summary = etree.Element(f"{SVG}desc")
    summary.text = description
    svg_root.insert(0, summary)
    svg_root.insert(0, heading)
    return etree.tostring(svg_root, encoding="unicode")


def trend_chart_svg(
    reading: Reading, points: list[Point], *, lang: str, width: int = 640, height: int = 320
) -> str:
    """The indicator's trend against its targets as an SVG document (a string)."""
    with translation.override(lang):
        unit = reading.indicator.unit
        values = [(p.as_of, p.value) for p in points if p.value is not None]
        targets = _target_points(reading)
        # The path starts at the latest value without a marker of its own (the value's shows).
        start = [{"value": values[-1], "node": {"r": 0}}] if values and targets else []
        path = start + targets
        chart = _chart(reading, [d for d, _ in values + targets], lang, width, height)
        if not values and not path:  # only the "no data" words, not empty axes
            chart.config(show_x_labels=False, show_y_labels=False, show_legend=False, y_title=None)
        chart.add(gettext("Value"), values)
        if path:
            chart.add(
                gettext("Path to the target"),
                path,
                stroke_style={"dasharray": "8, 6", "width": 2},
            )
        title = name(reading.indicator, lang)
        if values:
            last_date, last_value = values[-1]
            description = gettext("Latest value: %(value)s, as of %(date)s.") % {
                "value": with_unit(last_value, unit, lang),
                "date": day(last_date, lang),
            }
        else:
            description = gettext("No data yet")
        return _inert(chart.render_tree(), title, description)
