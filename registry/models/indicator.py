"""The targets of the province's Resolution 57 plan as data: each indicator, its targets, the
values the agency reports (each with its source) and the dated snapshots of the ones computed
from the registry. The computations and the "on track" rule are in `registry.indicators`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, RevisionMixin

from registry.validators import validate_no_email

# Bounds that catch typos (a year of 20300, a value with a dozen extra digits) before they
# reach the charts and the status rule, which work with real dates and finite numbers.
FIRST_TARGET_YEAR, LAST_TARGET_YEAR = 2000, 2100
LARGEST_VALUE = 1e12

# The indicators the registry computes (`registry.indicators.compute` has one computation each).
REGISTRY_COMPUTED = (
    "global_tech_leaders",
    "domestic_enterprise_share",
    "rnd_workforce_per_10k",
    "innovative_enterprise_share",
    "international_pop",
)


class Indicator(RevisionMixin, ClusterableModel):
    """One measure of the plan. Its targets and the agency's reported values are part of it, so
    each edit is a revision; the registry's snapshots are not (one a day would swell them)."""

    class Origin(models.TextChoices):
        REGISTRY = "registry", _("Computed from the registry")
        AGENCY = "agency", _("Reported by the agency")

    class Unit(models.TextChoices):
        COUNT = "count", _("number")
        PERCENT = "percent", _("% (share, 0–100)")
        PERCENT_PER_YEAR = "percent_per_year", _("% a year (growth)")
        PER_10K = "per_10k", _("per 10,000 inhabitants")
        PEOPLE = "people", _("people")
        YES_NO = "yes_no", _("yes / no (1 or 0)")
        INDEX = "index", _("index")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Theme(models.TextChoices):
        ECOSYSTEM = "ecosystem", _("Digital-technology ecosystem")
        SCIENCE = "science", _("Science, technology and innovation")
        DIGITAL_ECONOMY = "digital_economy", _("Digital economy and government")
        INFRASTRUCTURE = "infrastructure", _("Digital infrastructure")
        SOCIETY = "society", _("Growth and society")
        CONTEXT = "context", _("Province figures used in the computations")

    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Lower-case letters, digits and _."))],
        help_text=_("Stable key used in the API and downloads, e.g. rnd_workforce_per_10k."),
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=24, choices=Unit)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction, default=Direction.HIGHER
    )
    origin = models.CharField(_("how it is obtained"), max_length=16, choices=Origin)
    theme = models.CharField(_("theme"), max_length=24, choices=Theme)
    plan_clause = models.TextField(
        _("plan clause (Vietnamese)"),
        blank=True,
        help_text=_("The plan's own wording of the target, and where in the plan it is."),
    )
    plan_clause_en = models.TextField(_("plan clause (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order on the page"), default=100)
    # Read by the cached readings' key (search.indicator_cache): every edit moves it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code}: {self.name}"

    def clean(self):
        super().clean()
        if self.origin == self.Origin.REGISTRY and self.code not in REGISTRY_COMPUTED:
            raise ValidationError(
                {
                    "origin": _(
                        "The registry computes only these indicators: %(codes)s. "
                        "Choose “Reported by the agency” for any other."
                    )
                    % {"codes": ", ".join(REGISTRY_COMPUTED)}
                }
            )

    def value_problem(self, value) -> str | None:
        """Why `value` cannot be a value of this indicator, or None. The admin's forms and the
        API both refuse with this message."""
        if value is None:
            return None
        if not -LARGEST_VALUE <= value <= LARGEST_VALUE:  # a typo's extra digits, or worse
            return _("This value is too large to be a figure of the plan.")
        if self.unit == self.Unit.PERCENT and not 0 <= value <= 100:
            return _("A percentage lies between 0 and 100.")
        if self.unit == self.Unit.PEOPLE and value <= 0:
            return _("A number of people must be more than 0.")
        if self.unit == self.Unit.YES_NO and value not in (0, 1):
            return _("Enter 1 for yes or 0 for no.")
        if self.unit in (self.Unit.COUNT, self.Unit.PER_10K, self.Unit.INDEX) and value < 0:
            return _("This value cannot be negative.")
        if self.unit == self.Unit.PERCENT_PER_YEAR and value < -100:
            return _("Nothing shrinks by more than 100 % a year.")
        return None


class IndicatorTarget(Orderable):
    """A target of the plan: by `year`, the value compared as `comparison` with `value` (and,
    for a range, `value_max`)."""

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", _("at least")
        MORE_THAN = "gt", _("more than")
        AT_MOST = "lte", _("at most")
        LESS_THAN = "lt", _("less than")
        BETWEEN = "between", _("between")
        EQUALS = "eq", _("equal to")

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("target year"))
    comparison = models.CharField(_("comparison"), max_length=8, choices=Comparison)
    value = models.FloatField(_("target value"))
    value_max = models.FloatField(
        _("upper end of the range"), null=True, blank=True, help_text=_("Only for “between”.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta(Orderable.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.year} {self.get_comparison_display()} {self.value:g}"

    def clean(self):
        super().clean()
        errors = {}
        if self.year is not None and not FIRST_TARGET_YEAR <= self.year <= LAST_TARGET_YEAR:
            errors["year"] = _("A target year lies between %(first)d and %(last)d.") % {
                "first": FIRST_TARGET_YEAR,
                "last": LAST_TARGET_YEAR,
            }
        elif self.pk is None and self.year is not None and self.year < date.today().year:
            errors["year"] = _("A new target cannot be for a year already past.")
        if self.comparison == self.Comparison.BETWEEN:
            if self.value_max is None:
                errors["value_max"] = _("A range needs its upper end.")
            elif self.value is not None and self.value_max < self.value:
                errors["value_max"] = _("The upper end cannot be below the lower end.")
        elif self.value_max is not None:
            errors["value_max"] = _("Only a range (“between”) has an upper end.")
        indicator = getattr(self, "indicator", None)
        if indicator is not None:
            for field in ("value", "value_max"):
                problem = indicator.value_problem(getattr(self, field))
                if problem and field not in errors:
                    errors[field] = problem
        if errors:
            raise ValidationError(errors)


class IndicatorValue(Orderable):
    """A value the agency reports, dated, with the source it comes from (statistics office,
    a department's report…). Every dated value is kept: the series is the indicator's history."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="reported_values")
    as_of = models.DateField(_("as of"), help_text=_("The date the figure describes."))
    value = models.FloatField(_("value"))
    source = models.CharField(
        _("source"),
        max_length=300,
        validators=[validate_no_email],
        help_text=_(
            "Who published the figure and where, e.g. “Cục Thống kê Đồng Nai, niên giám 2025”."
        ),
    )
    source_url = models.URLField(_("source address"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta(Orderable.Meta):
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")

    def __str__(self):
        return f"{self.as_of}: {self.value:g}"

    def clean(self):
        super().clean()
        if not (self.source or "").strip():
            raise ValidationError({"source": _("Every reported value needs its source.")})
        indicator = getattr(self, "indicator", None)
        if indicator is not None and indicator.origin == Indicator.Origin.REGISTRY:
            raise ValidationError(
                {
                    "value": _(
                        "The registry computes this indicator from its published records: "
                        "it takes no reported values."
                    )
                }
            )
        problem = indicator.value_problem(self.value) if indicator is not None else None
        if problem:
            raise ValidationError({"value": problem})


class IndicatorSnapshot(models.Model):
    """A registry-computed indicator as it stood on one day: at most one row per indicator and
    day (a second snapshot that day replaces the first), so the trend has one point a day."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(_("taken on"))
    taken_at = models.DateTimeField(_("taken at"))
    value = models.FloatField(_("value"), null=True, blank=True)
    records_counted = models.PositiveIntegerField(_("records counted"), null=True, blank=True)
    records_unknown = models.PositiveIntegerField(
        _("records with the value unknown"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["indicator", "taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "taken_on"], name="indicator_snapshot_one_a_day"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.taken_on}: {self.value}"
