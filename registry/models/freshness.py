from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Months after which a published record counts as stale, until the agency sets its own rule.
# Plots change hands and prices fastest; landmarks hardly move.
DEFAULT_MONTHS = {
    "plot": 6,
    "zone": 12,
    "enterprise": 12,
    "rd_organisation": 12,
    "incubator": 12,
    "landmark": 36,
    "challenge": 3,  # a call for partners goes stale within a quarter
    "expert": 12,
}


class FreshnessRule(models.Model):
    """How long a record of one kind stays trusted after it was last verified. Curators set it in
    the admin; a kind without a row follows DEFAULT_MONTHS."""

    class Kind(models.TextChoices):
        LANDMARK = "landmark", _("Landmarks")
        ZONE = "zone", _("Zones")
        PLOT = "plot", _("Plots")
        ENTERPRISE = "enterprise", _("Enterprises")
        RD_ORGANISATION = "rd_organisation", _("R&D organisations")
        INCUBATOR = "incubator", _("Incubators, accelerators and funds")
        CHALLENGE = "challenge", _("Challenges")
        EXPERT = "expert", _("Experts")

    kind = models.CharField(_("kind of record"), max_length=32, choices=Kind, unique=True)
    months = models.PositiveSmallIntegerField(
        _("months"),
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("A published record not verified for this long is listed as stale."),
    )

    class Meta:
        verbose_name = _("freshness rule")
        verbose_name_plural = _("freshness rules")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=120),
                name="freshness_rule_months_in_range",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.months}"
