"""How a plot is named wherever it appears outside its zone's page: many zones have a "Lot A01",
so the zone and code come first, then the figures an investor compares (one helper for results,
finder, compare, partners, map and e-mails)."""

from django.utils import formats
from django.utils.translation import gettext

from registry.language import localized


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


def plot_facts(area_m2=None, power_mw=None, price_usd_m2=None, status: str = "") -> str:
    """ "2 ha · 40 MW · 95 USD/m² · Available", leaving out what is unknown."""
    parts = []
    if area_m2:
        parts.append(f"{_number(area_m2 / 10_000, 1)} ha")
    if power_mw:
        parts.append(f"{_number(power_mw)} MW")
    if price_usd_m2:
        parts.append(f"{_number(price_usd_m2)} USD/m²")
    if status:
        parts.append(str(status))
    return " · ".join(parts)


def describe_plot(plot) -> str:
    """Label and figures of a Plot (with its zone loaded), on one line."""
    facts = plot_facts(
        plot.area_m2, plot.power_capacity_mw, plot.lease_price_usd_m2, plot.get_status_display()
    )
    label = plot_label(plot.zone, plot.code, plot.name)
    return f"{label} ({facts})" if facts else label
