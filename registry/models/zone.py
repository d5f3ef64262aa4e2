from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.polygons import polygon_problem

from .base import Record, non_negative, non_negative_float, year_field


class Zone(Record):
    """An IT park, high-tech park, innovation zone, industrial park or free-trade-zone pilot."""

    kind = "zone"
    location_required = True

    class ZoneKind(models.TextChoices):
        IT_PARK = "it_park", _("IT / digital technology park")
        HIGH_TECH_PARK = "high_tech_park", _("High-tech park")
        INNOVATION_ZONE = "innovation_zone", _("Innovation zone")
        INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
        FREE_TRADE_ZONE = "free_trade_zone", _("Free trade zone")

    zone_kind = models.CharField(_("zone type"), max_length=32, choices=ZoneKind)
    operator = models.CharField(_("operator / developer"), max_length=200, blank=True)
    established_year = year_field(_("established (year)"))
    total_area_ha = non_negative_float(_("total area (ha)"))
    available_area_ha = non_negative_float(_("available area (ha)"))
    power_capacity_mw = non_negative_float(_("power capacity (MW)"))
    water_supply_m3_day = non_negative_float(_("water supply (m³/day)"))
    has_international_pop = models.BooleanField(_("international fibre PoP"), null=True, blank=True)
    incentives = models.TextField(_("incentives (Vietnamese)"), blank=True)
    incentives_en = models.TextField(_("incentives (English)"), blank=True)
    boundary = models.JSONField(
        _("boundary (GeoJSON polygon)"),
        null=True,
        blank=True,
        help_text=_("Approximate outline; never a surveyed boundary."),
    )

    class Meta(Record.Meta):
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            *Record.location_constraints("zone"),
            *non_negative(
                "zone",
                "total_area_ha",
                "available_area_ha",
                "power_capacity_mw",
                "water_supply_m3_day",
            ),
            models.CheckConstraint(
                condition=models.Q(available_area_ha__lte=models.F("total_area_ha"))
                | models.Q(available_area_ha__isnull=True)
                | models.Q(total_area_ha__isnull=True),
                name="zone_available_area_within_total",
            ),
        ]

    def invariant_errors(self):
        errors = super().invariant_errors()
        if (
            self.available_area_ha is not None
            and self.total_area_ha is not None
            and self.available_area_ha > self.total_area_ha
        ):
            errors["available_area_ha"] = _(
                "Available area cannot exceed the total area (%(total)s ha)."
            ) % {"total": self.total_area_ha}
        if self.boundary is not None:
            problem = polygon_problem(self.boundary)
            if problem:
                errors["boundary"] = problem
        return errors
