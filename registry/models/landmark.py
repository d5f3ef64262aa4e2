from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Record


class Landmark(Record):
    """A fixed point investors measure distances to: the airport, seaports, fibre PoPs."""

    kind = "landmark"
    location_required = True
    ward_in_home_province = False  # reference points may lie outside the province

    class LandmarkKind(models.TextChoices):
        AIRPORT = "airport", _("Airport")
        SEAPORT = "seaport", _("Seaport")
        POP = "pop", _("International fibre point of presence")
        CABLE_LANDING_STATION = "cable_landing_station", _("Submarine cable landing station")
        CITY_CENTRE = "city_centre", _("City centre")
        UNIVERSITY = "university", _("University")

    landmark_kind = models.CharField(_("landmark type"), max_length=32, choices=LandmarkKind)

    class Meta(Record.Meta):
        verbose_name = _("landmark")
        verbose_name_plural = _("landmarks")
        constraints = Record.location_constraints("landmark")
