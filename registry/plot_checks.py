"""Plots whose figures look wrong, flagged for curators (a warning on the plot, a list filter),
never refused: the figure may be right, and only a person can tell.

- outside its zone: the plot's location is not inside the outline drawn for its zone;
- a data-centre plot under 5 MW: offered for data centres (its land use, or a data-centre code
  among what it suits or its technologies) with a known power capacity below what the smallest
  data centre needs;
- a price far from its zone's: outside the median ± 3 × the median absolute deviation (MAD) of
  the lease prices of the zone's other published plots, when there are at least 4 of them. The
  median and the MAD are what one wrong neighbour does not move (as in ward_checks).
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Plot, Zone
from .numbers import plain_number
from .polygons import contains

DATA_CENTRE = "data_centre"  # the taxonomy's code; its children (hyperscale, edge…) count too
MIN_DATA_CENTRE_MW = 5
PRICE_MADS = 3
PRICE_MIN_OTHERS = 4

CHECKS = (
    ("outside_zone", gettext_lazy("Outside its zone's boundary")),
    ("data_centre_power", gettext_lazy("Data-centre plot under 5 MW")),
    ("price_outlier", gettext_lazy("Lease price far from its zone's")),
)


def _number(value: float) -> str:
    return formats.number_format(plain_number(round(value, 2)), force_grouping=True)


@dataclass(frozen=True)
class PlotFlag:
    check: str
    zone: str = ""
    power_mw: float = 0
    price: float = 0
    price_median: float = 0
    price_mad: float = 0
    others: int = 0

    @property
    def title(self) -> str:
        return {
            "outside_zone": _("Check the coordinates or the zone's outline"),
            "data_centre_power": _("Check the power capacity"),
            "price_outlier": _("Check the lease price"),
        }[self.check]

    @property
    def message(self) -> str:
        if self.check == "outside_zone":
            return _("This location lies outside the boundary drawn for %(zone)s.") % {
                "zone": self.zone
            }
        if self.check == "data_centre_power":
            return _(
                "This plot is offered for data centres with %(power)s MW of power; "
                "a data centre needs at least %(minimum)s MW."
            ) % {"power": _number(self.power_mw), "minimum": MIN_DATA_CENTRE_MW}
        spread = PRICE_MADS * self.price_mad
        return _(
            "%(price)s USD/m² is outside %(low)s–%(high)s USD/m²: the median of the lease "
            "prices of %(zone)s's other %(others)s published plots (%(median)s) ± 3 × their "
            "median absolute deviation (%(mad)s)."
        ) % {
            "price": _number(self.price),
            "low": _number(max(self.price_median - spread, 0)),
            "high": _number(self.price_median + spread),
            "zone": self.zone,
            "others": self.others,
            "median": _number(self.price_median),
            "mad": _number(self.price_mad),
        }


def is_data_centre_code(code: str) -> bool:
    return code == DATA_CENTRE or code.startswith(f"{DATA_CENTRE}.")


def _price_flag(price, others: list[float], zone: str) -> PlotFlag | None:
    if price is None or len(others) < PRICE_MIN_OTHERS:
        return None
    middle = median(others)
    mad = median(abs(p - middle) for p in others)
    if abs(price - middle) <= PRICE_MADS * mad:
        return None
    return PlotFlag("price_outlier", zone, price=price, price_median=middle, price_mad=mad,
                    others=len(others))  # fmt: skip


def _flags(plot: dict, zone: dict, others: list[float]) -> list[PlotFlag]:
    """The flags of one plot's values (lat, lon, power, price, data_centre) in its zone."""
    flags = []
    name = zone["name"]
    if plot["lat"] is not None and contains(zone["boundary"], plot["lon"], plot["lat"]) is False:
        flags.append(PlotFlag("outside_zone", name))
    power = plot["power_capacity_mw"]
    if plot["data_centre"] and power is not None and power < MIN_DATA_CENTRE_MW:
        flags.append(PlotFlag("data_centre_power", name, power_mw=power))
    price = _price_flag(plot["lease_price_usd_m2"], others, name)
    return [*flags, price] if price else flags


def _zone(zone_id) -> dict:
    row = Zone.objects.filter(pk=zone_id).values("name", "boundary").first()
    return row or {"name": "", "boundary": None}


def _published_prices(zone_ids=None) -> dict[int, list[tuple[int, float]]]:
    rows = Plot.objects.published().exclude(lease_price_usd_m2=None)
    if zone_ids is not None:
        rows = rows.filter(zone_id__in=zone_ids)
    by_zone = defaultdict(list)
    for pk, zone_id, price in rows.values_list("pk", "zone_id", "lease_price_usd_m2"):
        by_zone[zone_id].append((pk, price))
    return by_zone


def plot_flags(plot: Plot) -> list[PlotFlag]:
    """The flags of one plot (a draft's too), from its current fields."""
    if plot.zone_id is None:
        return []
    codes = [t.code for t in [*plot.suitable_for.all(), *plot.technologies.all()]]
    values = {
        "lat": plot.lat,
        "lon": plot.lon,
        "power_capacity_mw": plot.power_capacity_mw,
        "lease_price_usd_m2": plot.lease_price_usd_m2,
        "data_centre": plot.land_use == Plot.LandUse.DATA_CENTRE
        or any(map(is_data_centre_code, codes)),
    }
    prices = _published_prices([plot.zone_id]).get(plot.zone_id, [])
    others = [price for pk, price in prices if pk != plot.pk]
    return _flags(values, _zone(plot.zone_id), others)


def _data_centre_plots() -> set[int]:
    found = set(Plot.objects.filter(land_use=Plot.LandUse.DATA_CENTRE).values_list("pk", flat=True))
    for field in ("suitable_for", "technologies"):
        through = Plot._meta.get_field(field).remote_field.through
        pairs = through.objects.values_list("plot_id", "technology__code")
        found |= {pk for pk, code in pairs if is_data_centre_code(code)}
    return found


def flagged() -> dict[int, list[PlotFlag]]:
    """The flagged plots (drafts included), by primary key: a few queries."""
    zones = {row["pk"]: row for row in Zone.objects.values("pk", "name", "boundary")}
    prices = _published_prices()
    data_centre = _data_centre_plots()
    fields = ("pk", "zone_id", "lat", "lon", "power_capacity_mw", "lease_price_usd_m2")
    found = {}
    for plot in Plot.objects.values(*fields):
        plot["data_centre"] = plot["pk"] in data_centre
        others = [price for pk, price in prices.get(plot["zone_id"], []) if pk != plot["pk"]]
        flags = _flags(plot, zones[plot["zone_id"]], others)
        if flags:
            found[plot["pk"]] = flags
    return found
