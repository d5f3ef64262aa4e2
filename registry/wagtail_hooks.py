"""The curator admin: every registry kind as a Wagtail snippet, grouped in one Registry menu."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import filters
from .models import Enterprise, Incubator, Landmark, Plot, RDOrganisation, Technology, Zone


def bilingual(field: str, heading=None) -> FieldRowPanel:
    """Vietnamese and English side by side."""
    return FieldRowPanel(
        [FieldPanel(f"{field}_vi" if field != "name" else "name"), FieldPanel(f"{field}_en")],
        heading=heading,
    )


def technology_panel(field="technologies") -> FieldPanel:
    return FieldPanel(field, widget=forms.CheckboxSelectMultiple)


def common_panels(*kind_panels) -> list:
    return [
        MultiFieldPanel(
            [FieldPanel("ref"), bilingual("name"), bilingual("description")],
            heading=_("Identity"),
        ),
        *kind_panels,
        MultiFieldPanel([technology_panel()], heading=_("Technologies")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
                HelpPanel(template="registry/admin/map_preview.html"),
                FieldPanel("ward_code"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("verified_on")], heading=_("Source")),
    ]


class RecordViewSet(SnippetViewSet):
    inspect_view_enabled = True
    search_fields = ["ref", "name", "name_en"]
    search_backend_name = None  # plain ORM search: nothing extra to index on bulk imports
    copy_view_enabled = False

    def get_queryset(self, request):
        return self.model.objects.all()


class LandmarkViewSet(RecordViewSet):
    model = Landmark
    icon = "site"
    filterset_class = filters.LandmarkFilterSet
    list_display = [
        "name",
        "ref",
        Column("landmark_kind", accessor="get_landmark_kind_display", label=_("Type")),
        UpdatedAtColumn(),
    ]
    panels = common_panels(FieldPanel("landmark_kind"))


class ZoneViewSet(RecordViewSet):
    model = Zone
    icon = "globe"
    filterset_class = filters.ZoneFilterSet
    list_display = [
        "name",
        "ref",
        Column("zone_kind", accessor="get_zone_kind_display", label=_("Type")),
        Column("available_area_ha", label=_("Available ha")),
        UpdatedAtColumn(),
    ]
    panels = common_panels(
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("zone_kind"),
                        FieldPanel("operator"),
                        FieldPanel("established_year"),
                    ]
                ),
                FieldRowPanel([FieldPanel("total_area_ha"), FieldPanel("available_area_ha")]),
                FieldRowPanel(
                    [
                        FieldPanel("power_capacity_mw"),
                        FieldPanel("water_supply_m3_day"),
                        FieldPanel("has_international_pop"),
                    ]
                ),
                bilingual("incentives"),
                FieldPanel("boundary"),
            ],
            heading=_("Zone"),
        )
    )


class PlotViewSet(RecordViewSet):
    model = Plot
    icon = "crosshairs"
    filterset_class = filters.PlotFilterSet
    list_display = [
        "name",
        "ref",
        "zone",
        Column("status", accessor="get_status_display", label=_("Status")),
        Column("area_m2", label=_("Area m²")),
        UpdatedAtColumn(),
    ]
    panels = common_panels(
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("zone"), FieldPanel("code"), FieldPanel("status")]),
                FieldRowPanel(
                    [FieldPanel("land_use"), FieldPanel("area_m2"), FieldPanel("available_from")]
                ),
                FieldRowPanel(
                    [FieldPanel("lease_price_usd_m2"), FieldPanel("lease_term_end_year")]
                ),
            ],
            heading=_("Plot"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("power_capacity_mw"),
                        FieldPanel("power_feeds"),
                        FieldPanel("water_supply_m3_day"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("fibre_pop_distance_km"),
                        FieldPanel("fibre_bandwidth_gbps"),
                        FieldPanel("flood_risk"),
                    ]
                ),
                FieldRowPanel([FieldPanel("cleanroom_ready"), FieldPanel("ready_built_factory")]),
                technology_panel("suitable_for"),
            ],
            heading=_("Infrastructure"),
        ),
    )


class EnterpriseViewSet(RecordViewSet):
    model = Enterprise
    icon = "group"
    filterset_class = filters.EnterpriseFilterSet
    list_display = [
        "name",
        "ref",
        Column("ownership", accessor="get_ownership_display", label=_("Ownership")),
        BooleanColumn("is_global_tech_leader", label=_("World leader")),
        UpdatedAtColumn(),
    ]
    panels = common_panels(
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("ownership"), FieldPanel("origin_country"), FieldPanel("zone")]
                ),
                FieldRowPanel([FieldPanel("legal_name"), FieldPanel("tax_code")]),
                FieldRowPanel(
                    [
                        FieldPanel("employees"),
                        FieldPanel("rnd_staff"),
                        FieldPanel("patents"),
                        FieldPanel("founded_year"),
                    ]
                ),
                FieldPanel("value_chain_roles"),
                FieldRowPanel([FieldPanel("is_global_tech_leader"), FieldPanel("startup_stage")]),
                FieldPanel("looking_for"),
            ],
            heading=_("Enterprise"),
        )
    )


class RDOrganisationViewSet(RecordViewSet):
    model = RDOrganisation
    icon = "doc-full"
    filterset_class = filters.RDOrganisationFilterSet
    list_display = [
        "name",
        "ref",
        Column("org_kind", accessor="get_org_kind_display", label=_("Type")),
        UpdatedAtColumn(),
    ]
    panels = common_panels(
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("org_kind"), FieldPanel("researchers")]),
                FieldPanel("offers"),
                FieldPanel("labs"),
            ],
            heading=_("R&D organisation"),
        )
    )


class IncubatorViewSet(RecordViewSet):
    model = Incubator
    icon = "pick"
    filterset_class = filters.IncubatorFilterSet
    list_display = [
        "name",
        "ref",
        Column("org_kind", accessor="get_org_kind_display", label=_("Type")),
        UpdatedAtColumn(),
    ]
    panels = common_panels(
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("org_kind"), FieldPanel("zone"), FieldPanel("applications_open")]
                ),
                FieldRowPanel([FieldPanel("capacity_startups"), FieldPanel("startups_supported")]),
                FieldRowPanel(
                    [
                        FieldPanel("fund_size_usd"),
                        FieldPanel("ticket_min_usd"),
                        FieldPanel("ticket_max_usd"),
                    ]
                ),
            ],
            heading=_("Incubator / fund"),
        )
    )


class TechnologyViewSet(SnippetViewSet):
    model = Technology
    icon = "tag"
    search_fields = ["code", "name_vi", "name_en"]
    search_backend_name = None
    list_display = ["code", "name_vi", "name_en", BooleanColumn("is_strategic")]
    list_filter = ["is_strategic"]
    panels = [
        FieldPanel("code"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")]),
        FieldPanel("is_strategic"),
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
        LandmarkViewSet,
        TechnologyViewSet,
    )


register_snippet(RegistryViewSetGroup)
