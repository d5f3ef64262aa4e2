from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import Record, non_negative, non_negative_float, non_negative_int


class Incubator(Record):
    """An incubator, accelerator, innovation centre, co-working space or venture fund."""

    kind = "incubator"

    class OrgKind(models.TextChoices):
        INCUBATOR = "incubator", _("Incubator")
        ACCELERATOR = "accelerator", _("Accelerator")
        INNOVATION_CENTRE = "innovation_centre", _("Innovation centre")
        COWORKING = "coworking", _("Co-working space")
        VENTURE_FUND = "venture_fund", _("Venture fund")

    org_kind = models.CharField(_("organisation type"), max_length=32, choices=OrgKind)
    zone = models.ForeignKey(
        "registry.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubators",
    )
    capacity_startups = non_negative_int(_("capacity (startups)"))
    startups_supported = non_negative_int(_("startups supported"))
    fund_size_usd = non_negative_float(_("fund size (USD)"))
    ticket_min_usd = non_negative_float(_("minimum ticket (USD)"))
    ticket_max_usd = non_negative_float(_("maximum ticket (USD)"))
    applications_open = models.BooleanField(_("applications open"), null=True, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("incubator, accelerator or fund")
        verbose_name_plural = _("incubators, accelerators and funds")
        constraints = [
            *Record.location_constraints("incubator"),
            *non_negative("incubator", "fund_size_usd", "ticket_min_usd", "ticket_max_usd"),
            models.CheckConstraint(
                condition=models.Q(ticket_min_usd__lte=models.F("ticket_max_usd"))
                | models.Q(ticket_min_usd__isnull=True)
                | models.Q(ticket_max_usd__isnull=True),
                name="incubator_ticket_min_within_max",
            ),
        ]

    def invariant_errors(self):
        errors = super().invariant_errors()
        if (
            self.ticket_min_usd is not None
            and self.ticket_max_usd is not None
            and self.ticket_min_usd > self.ticket_max_usd
        ):
            errors["ticket_min_usd"] = _("The minimum ticket cannot exceed the maximum ticket.")
        return errors
