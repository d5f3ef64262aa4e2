"""The Resolution 57 indicators in the admin: curators edit each indicator with its targets and,
for the ones the agency reports, its dated values (each with a source); every save is a
revision. The list shows where each indicator stands now, read through `registry.indicators`."""

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from .admin_views import LocalisedBreadcrumbsMixin
from .indicators import Status, reading
from .models.indicator import Indicator

STATUS_LABELS = {
    Status.ON_TRACK: _("On track"),
    Status.BEHIND: _("Behind"),
    Status.NO_DATA: _("No data"),
}
SNAPSHOTS_SHOWN = 10


def shown_value(indicator: Indicator, value: float | None) -> str:
    """A value as the admin's reader writes it (4.491.408 / 4,491,408; "yes" for 1)."""
    if value is None:
        return "—"
    if indicator.unit == Indicator.Unit.YES_NO:
        return str(_("yes") if value else _("no"))
    value = int(value) if float(value).is_integer() else round(value, 2)
    return formats.number_format(value, force_grouping=True)


class IndicatorForm(WagtailAdminModelForm):
    """Each target and reported value is validated against the indicator being edited, with
    the unit and origin chosen in this same form: modelcluster builds a new child without its
    parent, and an existing one with the parent as it stands in the database."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formset in self.formsets.values():
            for child in formset.forms:
                child.instance.indicator = self.instance


class IndicatorIndexView(IndexView):
    """The list, each row with its indicator's current reading (computed once per row shown)."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, paginated = super().paginate_queryset(queryset, page_size)
        rows = list(rows)
        for indicator in rows:
            indicator.admin_reading = reading(indicator.code)
        return paginator, page, rows, paginated


def reading_column(name: str, label, shown) -> Column:
    return Column(name, label=label, accessor=lambda indicator: shown(indicator.admin_reading))


def latest_value(current) -> str:
    return shown_value(current.indicator, current.value)


def latest_as_of(current) -> str:
    return formats.date_format(current.as_of, "SHORT_DATE_FORMAT") if current.as_of else "—"


def status_label(current) -> str:
    return str(STATUS_LABELS.get(current.status, current.status))


class SnapshotsPanel(Panel):
    """The registry's latest daily snapshots of a computed indicator (read-only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registry/admin/indicator_snapshots.html"

        def is_shown(self):
            return bool(self.instance.pk) and self.instance.origin == Indicator.Origin.REGISTRY

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            latest = self.instance.snapshots.order_by("-taken_on")[:SNAPSHOTS_SHOWN]
            context["snapshots"] = [
                {
                    "taken_on": snapshot.taken_on,
                    "value": shown_value(self.instance, snapshot.value),
                    "counted": snapshot.records_counted,
                    "unknown": snapshot.records_unknown,
                }
                for snapshot in latest
            ]
            return context


class IndicatorInspectView(InspectView):
    """What viewers read: the indicator's fields, then its targets and its reported values."""

    def get_field_label(self, field_name, field):
        if field_name in CHILDREN:
            return capfirst(CHILDREN[field_name])
        return super().get_field_label(field_name, field)

    def get_targets_display_value(self):
        shown = []
        for target in self.object.targets.order_by("year"):
            value = shown_value(self.object, target.value)
            if target.value_max is not None:
                value = f"{value}–{shown_value(self.object, target.value_max)}"
            shown.append(f"{target.year}: {target.get_comparison_display()} {value}")
        return "; ".join(shown) or "—"

    def get_reported_values_display_value(self):
        values = self.object.reported_values.order_by("as_of", "sort_order")
        shown = [
            f"{formats.date_format(v.as_of, 'SHORT_DATE_FORMAT')}: "
            f"{shown_value(self.object, v.value)} ({v.source})"
            for v in values
        ]
        return "; ".join(shown) or "—"


CHILDREN = {"targets": _("targets"), "reported_values": _("reported values")}
INSPECTED = [
    *("code", "name", "name_en", "description", "description_en", "origin", "theme"),
    *("unit", "direction", "plan_clause", "plan_clause_en", "sort_order", *CHILDREN),
]


def pair(*fields: str) -> FieldRowPanel:
    return FieldRowPanel([FieldPanel(field) for field in fields])


class IndicatorViewSet(LocalisedBreadcrumbsMixin, SnippetViewSet):
    model = Indicator
    menu_label = _("Resolution 57 indicators")
    icon = "table"
    add_to_admin_menu = True
    menu_order = 101  # just after the Registry group (100)
    index_view_class = IndicatorIndexView
    list_per_page = 50
    search_fields = ["code", "name", "name_en"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True  # what viewers open from the list
    inspect_view_class = IndicatorInspectView
    inspect_view_fields = INSPECTED
    list_filter = ["origin", "theme"]
    list_display = [
        "name",  # the first column links to the form: a name wraps where a code would break
        "code",
        Column("origin", accessor="get_origin_display", label=_("How it is obtained")),
        Column("unit", accessor="get_unit_display", label=_("Unit")),
        reading_column("latest_value", _("Latest value"), latest_value),
        reading_column("latest_as_of", _("As of"), latest_as_of),
        reading_column("status", _("Status"), status_label),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    pair("code", "sort_order"),
                    pair("name", "name_en"),
                    pair("description", "description_en"),
                    pair("origin", "theme"),
                    pair("unit", "direction"),
                    pair("plan_clause", "plan_clause_en"),
                ],
                heading=_("Indicator"),
            ),
            InlinePanel("targets", heading=_("Targets of the plan"), label=_("Target")),
            InlinePanel(
                "reported_values",
                heading=_("Reported values"),
                label=_("Reported value"),
                help_text=_(
                    "Only for indicators reported by the agency: each dated figure with the source "
                    "it was published in. The registry computes the others itself."
                ),
            ),
            SnapshotsPanel(heading=_("Latest snapshots from the registry")),
        ],
        base_form_class=IndicatorForm,
    )


register_snippet(IndicatorViewSet)
