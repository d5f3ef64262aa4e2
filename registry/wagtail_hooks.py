"""The curator admin: every registry kind as a Wagtail snippet, grouped in one Registry menu."""

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import filters
from .admin_views import (  # its module also registers the admin's registry search
    LocalisedBreadcrumbsMixin,
    LocalisedSnippetChooser,
    RecordIndexView,
)
from .duplicates_panel import DuplicatesPanel, EnterpriseInspectView
from .expert_admin import ExpertAdminForm
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
from .quality_admin import CompletenessPanel, PlotCheckPanel, completeness_column
from .ward_checks import FAR_KM, ward_flag


def field_panel(field: str) -> FieldPanel:
    if field == "zone":  # the one reference a curator chooses: its buttons in the reader's language
        return FieldPanel(field, widget=LocalisedSnippetChooser(Zone))
    return FieldPanel(field)


def row(*fields: str) -> FieldRowPanel:
    return FieldRowPanel([field_panel(field) for field in fields])


def bilingual(field: str) -> FieldRowPanel:
    """Vietnamese (the plain field) and English (`<field>_en`) side by side."""
    return row(field, f"{field}_en")


def choice_column(field: str, label) -> Column:
    """The choice's label (translated), not its stored code."""
    return Column(field, accessor=f"get_{field}_display", label=label)


def number_column(field: str, label) -> Column:
    """A number as people read it in the admin's language (20,000 / 20.000; never 20000.0)."""

    def grouped(obj):
        value = getattr(obj, field)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return formats.number_format(value, force_grouping=True)

    return Column(field, accessor=grouped, label=label)


def section(heading, *items) -> MultiFieldPanel:
    """A titled group of panels; plain field names become FieldPanels."""
    return MultiFieldPanel(
        [FieldPanel(item) if isinstance(item, str) else item for item in items], heading=heading
    )


def columns(*kind_columns) -> list:
    """Every list: name and ref, the kind's own columns, completeness, when it last changed."""
    # A lazy label: Wagtail words its own once, in the language of the first request.
    return [
        "name",
        "ref",
        *kind_columns,
        completeness_column(),
        UpdatedAtColumn(label=_("Updated")),
    ]


def technology_panel(field="technologies") -> FieldPanel:
    return FieldPanel(field, widget=forms.CheckboxSelectMultiple)


class MapPreviewPanel(HelpPanel):
    """The location preview: a map on the portal's tile server (MAP_TILE_URL)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "registry/admin/map_preview.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["tile_url"] = settings.MAP_TILE_URL
            context["tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
            return context


class WardCheckPanel(Panel):
    """A warning when the record lies far from the other records of its ward (ward_checks)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registry/admin/ward_check.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["flag"] = ward_flag(self.instance) if self.instance.pk else None
            context["far_km"] = FAR_KM
            return context


def common_panels(*kind_panels, warnings=()) -> list:
    """The shared sections of every kind, around the kind's own; the kind's warnings on top."""
    return [
        CompletenessPanel(),
        *warnings,
        section(_("Identity"), "ref", bilingual("name"), bilingual("description"), "photo"),
        *kind_panels,
        section(_("Technologies"), technology_panel()),
        section(
            _("Location"),
            row("lat", "lon"),
            MapPreviewPanel(),
            "ward_code",
            WardCheckPanel(),
        ),
        section(
            _("Source"),
            "website",
            row("verified_on", "verified_by"),
            "source",
            "sample",
            "contact_email",
        ),
    ]


class RecordViewSet(LocalisedBreadcrumbsMixin, SnippetViewSet):
    index_view_class = RecordIndexView
    inspect_view_enabled = True
    # Private (the freshness e-mail's address): viewers read the inspect view, never this.
    inspect_view_fields_exclude = ["contact_email"]
    search_fields = ["ref", "name", "name_en"]  # searched folded: admin_search.search_fields
    search_backend_name = None  # plain ORM search: nothing extra to index on bulk imports
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.model.objects.all()


class LandmarkViewSet(RecordViewSet):
    model = Landmark
    icon = "site"
    filterset_class = filters.LandmarkFilterSet
    list_display = columns(choice_column("landmark_kind", _("Type")))
    panels = common_panels(FieldPanel("landmark_kind"))


class ZoneViewSet(RecordViewSet):
    model = Zone
    icon = "globe"
    filterset_class = filters.ZoneFilterSet
    list_display = columns(
        choice_column("zone_kind", _("Type")), number_column("available_area_ha", _("Available ha"))
    )
    panels = common_panels(
        section(
            _("Zone"),
            row("zone_kind", "operator", "established_year"),
            row("total_area_ha", "available_area_ha"),
            row("power_capacity_mw", "water_supply_m3_day", "has_international_pop"),
            bilingual("incentives"),
            "boundary",
        )
    )


class PlotViewSet(RecordViewSet):
    model = Plot
    icon = "crosshairs"
    filterset_class = filters.PlotFilterSet
    list_display = columns(
        "zone", choice_column("status", _("Status")), number_column("area_m2", _("Area m²"))
    )
    panels = common_panels(
        section(
            _("Plot"),
            row("zone", "code", "status"),
            row("land_use", "area_m2", "available_from"),
            row("lease_price_usd_m2", "lease_term_end_year"),
        ),
        section(
            _("Infrastructure"),
            row("power_capacity_mw", "power_feeds", "water_supply_m3_day"),
            row("fibre_pop_distance_km", "fibre_bandwidth_gbps", "flood_risk"),
            row("cleanroom_ready", "ready_built_factory"),
            technology_panel("suitable_for"),
        ),
        warnings=[PlotCheckPanel()],
    )


class EnterpriseViewSet(RecordViewSet):
    model = Enterprise
    icon = "group"
    filterset_class = filters.EnterpriseFilterSet
    inspect_view_class = EnterpriseInspectView
    list_display = columns(
        choice_column("ownership", _("Ownership")),
        BooleanColumn("is_global_tech_leader", label=_("World leader")),
    )
    # Possible duplicates first: a curator sees them before reading or approving anything.
    panels = [DuplicatesPanel()] + common_panels(
        section(
            _("Enterprise"),
            row("ownership", "origin_country", "zone"),
            row("legal_name", "tax_code"),
            row("employees", "rnd_staff", "patents", "founded_year"),
            "value_chain_roles",
            row("is_global_tech_leader", "startup_stage"),
            "looking_for",
        ),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo"), max_num=5),
    )


class RDOrganisationViewSet(RecordViewSet):
    model = RDOrganisation
    icon = "doc-full"
    filterset_class = filters.RDOrganisationFilterSet
    list_display = columns(choice_column("org_kind", _("Type")))
    panels = common_panels(
        section(_("R&D organisation"), row("org_kind", "researchers"), "offers", "labs")
    )


class IncubatorViewSet(RecordViewSet):
    model = Incubator
    icon = "pick"
    filterset_class = filters.IncubatorFilterSet
    list_display = columns(choice_column("org_kind", _("Type")))
    panels = common_panels(
        section(
            _("Incubator / fund"),
            row("org_kind", "zone", "applications_open"),
            row("capacity_startups", "startups_supported"),
            row("fund_size_usd", "ticket_min_usd", "ticket_max_usd"),
        )
    )


class ChallengeViewSet(RecordViewSet):
    model = Challenge
    icon = "help"
    filterset_class = filters.ChallengeFilterSet
    list_display = columns(
        choice_column("challenge_kind", _("Type")), choice_column("status", _("Status"))
    )
    panels = common_panels(
        section(
            _("Challenge"),
            row("challenge_kind", "status"),
            row("posted_on", "deadline", "budget_vnd"),
            "wanted",
            "officer",
        ),
        section(
            _("Posted by (choose one; none: the provincial agency)"),
            row("poster_enterprise", "poster_rd_organisation", "poster_incubator"),
        ),
        section(
            _("Awarded to"),
            "awarded_enterprises",
            "awarded_rd_organisations",
            "awarded_incubators",
        ),
    )


class ExpertViewSet(RecordViewSet):
    model = Expert
    icon = "user"
    filterset_class = filters.ExpertFilterSet
    list_display = columns(
        choice_column("expert_title", _("Title")),
        BooleanColumn("accepts_questions", label=_("Accepts questions")),
    )
    panels = common_panels(
        section(
            _("Expert"),
            row("expert_title", "consent_on", "accepts_questions"),
            "languages",
        ),
        section(
            _("Affiliation (choose one)"),
            row(
                "affiliation_enterprise",
                "affiliation_rd_organisation",
                "affiliation_incubator",
            ),
        ),
    )

    def get_edit_handler(self):
        # No publish without consent: a field error, not the check constraint's server error.
        return ObjectList(self.panels, base_form_class=ExpertAdminForm).bind_to_model(self.model)


class TechnologyViewSet(LocalisedBreadcrumbsMixin, SnippetViewSet):
    model = Technology
    icon = "tag"
    search_fields = ["code", "name", "name_en"]
    search_backend_name = None
    list_display = ["code", "name", "name_en", BooleanColumn("is_strategic")]
    list_filter = ["is_strategic"]
    panels = [
        FieldPanel("code"),
        FieldPanel("parent"),
        row("name", "name_en"),
        FieldPanel("is_strategic"),
        FieldPanel("synonyms"),
    ]


class RegistryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Registry")
    menu_icon = "folder-open-inverse"
    menu_order = 100
    items = (
        ZoneViewSet,
        PlotViewSet,
        EnterpriseViewSet,
        RDOrganisationViewSet,
        IncubatorViewSet,
        ChallengeViewSet,
        ExpertViewSet,
        LandmarkViewSet,
        TechnologyViewSet,
    )


register_snippet(RegistryViewSetGroup)


from . import freshness_admin  # noqa: E402, F401 (registers the freshness rules' admin)

# The admin's import pages, menu item, audit action and dashboard panel (issue #14).
from .imports import hooks as _import_hooks  # noqa: E402, F401

# The Resolution 57 indicators' admin (issue #15).
from .indicators_admin import IndicatorViewSet as _indicators  # noqa: E402, F401
