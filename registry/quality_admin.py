"""The admin's view of data quality: the completeness column and panel, the plot checks'
warning, and the dashboard's completeness distribution (issue #14, "đủ" and "sạch")."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column

from .completeness import BANDS, record_missing, record_score
from .models import KINDS
from .plot_checks import plot_flags


def percent(value: int) -> str:
    return f"{value}%"  # written the same way in Vietnamese and English


def completeness_column() -> Column:
    return Column(
        "completeness",
        label=_("Completeness"),
        sort_key="completeness",
        accessor=lambda record: percent(record.completeness),
    )


class CompletenessPanel(Panel):
    """The record's score and what it misses, from the fields being edited (a draft's too)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registry/admin/completeness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["score"] = percent(record_score(self.instance))
            context["missing"] = record_missing(self.instance)
            return context


class PlotCheckPanel(Panel):
    """Warnings on a plot's figures that look wrong (plot_checks); nothing is refused."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "registry/admin/plot_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["flags"] = plot_flags(self.instance) if self.instance.pk else []
            return context


def list_url(model) -> str:
    return reverse(f"wagtailsnippets_registry_{model._meta.model_name}:list")


def distribution() -> list[dict]:
    """Per kind: how many records fall in each completeness band (drafts included)."""
    counts = {
        key: Count("pk", filter=Q(completeness__gte=low, completeness__lte=high))
        for key, _label, low, high in BANDS
    }
    rows = []
    for model in KINDS.values():
        found = model.objects.aggregate(**counts)
        total = sum(found.values())
        bands = [
            {
                "label": label,
                "count": found[key],
                "share": round(100 * found[key] / total) if total else 0,
            }
            for key, label, _low, _high in BANDS
        ]
        for band, (key, *_rest) in zip(bands, BANDS, strict=True):
            band["url"] = f"{list_url(model)}?completeness={key}"
        rows.append({"kind": model._meta.verbose_name_plural, "total": total, "bands": bands})
    return rows


class CompletenessDashboardPanel(Component):
    name = "registry_completeness"
    template_name = "registry/admin/completeness_dashboard.html"
    order = 160

    def get_context_data(self, parent_context=None):
        return {"rows": distribution(), "bands": [label for _k, label, _l, _h in BANDS]}


def may_list_records(user) -> bool:
    return any(user.has_perm(f"registry.view_{m._meta.model_name}") for m in KINDS.values())


@hooks.register("construct_homepage_panels")
def add_completeness_panel(request, panels):
    # Staff who cannot list the registry's records (an inquiries officer) get no counts of them.
    if may_list_records(request.user):
        panels.append(CompletenessDashboardPanel())
