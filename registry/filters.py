"""List filters for the curator admin (django-filter, through Wagtail's FilterSet base)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from . import plot_checks
from .completeness import BANDS
from .models import (
    Challenge,
    Enterprise,
    Expert,
    Incubator,
    Landmark,
    Plot,
    RDOrganisation,
    Technology,
    Zone,
)
from .ward_checks import flagged


class RecordFilterSet(WagtailFilterSet):
    live = django_filters.BooleanFilter(label=_("Published"))
    technology = django_filters.ModelChoiceFilter(
        label=_("Technology (with its sub-technologies)"),
        queryset=Technology.objects.all(),
        method="filter_technology",
    )
    sample = django_filters.BooleanFilter(label=_("Sample data"))
    ward_far = django_filters.BooleanFilter(
        label=_("Location far from its ward's other records"), method="filter_ward_far"
    )

    completeness = django_filters.ChoiceFilter(
        label=_("Completeness"),
        choices=[(key, label) for key, label, _low, _high in BANDS],
        method="filter_completeness",
    )

    def filter_completeness(self, queryset, name, band):
        low, high = next((lo, hi) for key, _label, lo, hi in BANDS if key == band)
        return queryset.filter(completeness__gte=low, completeness__lte=high)

    def filter_technology(self, queryset, name, technology):
        return queryset.filter(
            technologies__in=Technology.objects.matching(technology.code)
        ).distinct()

    def filter_ward_far(self, queryset, name, value):
        if value is None:
            return queryset
        far = list(flagged(queryset.model.kind))
        return queryset.filter(pk__in=far) if value else queryset.exclude(pk__in=far)


class LandmarkFilterSet(RecordFilterSet):
    class Meta:
        model = Landmark
        fields = ["landmark_kind", "live"]


class ZoneFilterSet(RecordFilterSet):
    class Meta:
        model = Zone
        fields = ["zone_kind", "has_international_pop", "live"]


class PlotFilterSet(RecordFilterSet):
    check = django_filters.ChoiceFilter(
        label=_("Flagged by a check"), choices=plot_checks.CHECKS, method="filter_check"
    )

    def filter_check(self, queryset, name, check):
        found = [
            pk for pk, flags in plot_checks.flagged().items() if check in {f.check for f in flags}
        ]
        return queryset.filter(pk__in=found)

    class Meta:
        model = Plot
        fields = ["zone", "status", "land_use", "flood_risk", "cleanroom_ready", "live"]


class EnterpriseFilterSet(RecordFilterSet):
    class Meta:
        model = Enterprise
        fields = ["ownership", "startup_stage", "is_global_tech_leader", "zone", "live"]


class RDOrganisationFilterSet(RecordFilterSet):
    class Meta:
        model = RDOrganisation
        fields = ["org_kind", "live"]


class IncubatorFilterSet(RecordFilterSet):
    class Meta:
        model = Incubator
        fields = ["org_kind", "applications_open", "zone", "live"]


class ChallengeFilterSet(RecordFilterSet):
    class Meta:
        model = Challenge
        fields = ["status", "challenge_kind", "sample", "live"]


class ExpertFilterSet(RecordFilterSet):
    class Meta:
        model = Expert
        fields = ["expert_title", "accepts_questions", "sample", "live"]
