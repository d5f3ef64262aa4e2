"""How a plot is named wherever it appears outside its zone's page: many zones have a "Lot A01",
so the zone and code come first, then the figures an investor compares (one helper for results,
finder, compare, partners, map and e-mails)."""

from collections.abc import Mapping

from django.utils import formats
from django.utils.translation import gettext

from registry.language import localized

from .models import Plot
from .plot_attributes import CHOICE, attributes


def _number(value, decimals: int = 1) -> str:
    value = round(float(value), decimals)
    return formats.number_format(int(value) if value.is_integer() else value, force_grouping=True)


def _zone_name(zone) -> str:
    if zone is None:
        return ""
    if isinstance(zone, str):
        return zone
    return localized(zone, "name")


def plot_label(zone, code: str | None, name: str = "") -> str:
    """ "Long Thành Digital Park · lot A01": the zone (a model, or its name) and the plot's code;
    the plot's own name when it has no code."""
    zone_name = _zone_name(zone)
    own = gettext("lot %(code)s") % {"code": code} if code else name
    return " · ".join(part for part in (zone_name, own) if part)


# The figures first, the status word last; choices by code (lazy: read in the request's language).
SUMMARY = sorted(attributes(summary=True), key=lambda attribute: attribute.kind == CHOICE)
SUMMARY_CHOICES = {
    a.name: dict(Plot._meta.get_field(a.name).flatchoices) for a in SUMMARY if a.kind == CHOICE
}


def plot_facts(plot) -> str:
    """ "2 ha · 40 MW · 95 USD/m² · Available": the plot attributes declared for the summary, of
    a Plot, a search document (a dict) or a search hit, leaving out what is unknown."""
    parts = []
    for attribute in SUMMARY:
        if isinstance(plot, Mapping):
            value = plot.get(attribute.name)
        else:
            value = getattr(plot, attribute.name, None)
        if not value:
            continue
        if attribute.kind == CHOICE:
            names = SUMMARY_CHOICES[attribute.name]
            if value in names:
                parts.append(str(names[value]))
        else:
            figure = _number(value / attribute.summary_divisor, 1)
            parts.append(f"{figure} {attribute.summary_unit or attribute.unit}")
    return " · ".join(parts)


def describe_plot(plot) -> str:
    """Label and figures of a Plot (with its zone loaded), on one line."""
    facts = plot_facts(plot)
    label = plot_label(plot.zone, plot.code, plot.name)
    return f"{label} ({facts})" if facts else label
