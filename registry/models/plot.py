from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from .base import Record, non_negative, non_negative_float, year_field


class Plot(Record):
    """A land plot or ready-built unit that a zone offers to investors."""

    kind = "plot"
    location_required = True

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        RESERVED = "reserved", _("Reserved")
        LEASED = "leased", _("Leased")

    class LandUse(models.TextChoices):
        INDUSTRIAL = "industrial", _("Industrial")
        DATA_CENTRE = "data_centre", _("Data centre")
        RND_OFFICE = "rnd_office", _("R&D / office")
        COMMERCIAL = "commercial", _("Commercial")
        MIXED = "mixed", _("Mixed use")

    class FloodRisk(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    zone = models.ForeignKey(
        "registry.Zone", verbose_name=_("zone"), on_delete=models.PROTECT, related_name="plots"
    )
    code = models.CharField(
        _("lot code"), max_length=40, help_text=_("The lot code shown on the zone's map.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status)
    land_use = models.CharField(_("land use"), max_length=16, choices=LandUse, blank=True)
    area_m2 = models.FloatField(_("area (m²)"), validators=[MinValueValidator(0.01)])
    lease_price_usd_m2 = non_negative_float(_("lease price (USD/m², whole remaining term)"))
    lease_term_end_year = year_field(_("lease term ends (year)"))
    power_capacity_mw = non_negative_float(_("power capacity (MW)"))
    power_feeds = models.PositiveSmallIntegerField(
        _("independent power feeds"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    water_supply_m3_day = non_negative_float(_("water supply (m³/day)"))
    fibre_pop_distance_km = non_negative_float(_("distance to fibre PoP (km)"))
    fibre_bandwidth_gbps = non_negative_float(_("fibre bandwidth (Gbps)"))
    flood_risk = models.CharField(_("flood risk"), max_length=8, choices=FloodRisk, blank=True)
    cleanroom_ready = models.BooleanField(_("cleanroom-ready"), null=True, blank=True)
    ready_built_factory = models.BooleanField(_("ready-built factory"), null=True, blank=True)
    suitable_for = ParentalManyToManyField(
        "registry.Technology",
        verbose_name=_("suitable for"),
        blank=True,
        related_name="suitable_plots",
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("plot")
        verbose_name_plural = _("plots")
        constraints = [
            *Record.location_constraints("plot"),
            *non_negative(
                "plot",
                "lease_price_usd_m2",
                "power_capacity_mw",
                "water_supply_m3_day",
                "fibre_pop_distance_km",
                "fibre_bandwidth_gbps",
            ),
            models.CheckConstraint(condition=models.Q(area_m2__gt=0), name="plot_area_positive"),
            models.CheckConstraint(
                condition=models.Q(power_feeds__isnull=True)
                | models.Q(power_feeds__gte=1, power_feeds__lte=4),
                name="plot_power_feeds_1_to_4",
            ),
        ]
