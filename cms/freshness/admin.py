"""The freshness parts of the admin: the stale records' queue (menu and URL), the dashboard's
panel, and the owners' replies curators act on. Imported by cms/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from registry.freshness import oldest_stale, stale_querysets
from registry.models import KINDS

from .models import FreshnessCheck
from .queue import StaleRecordsView, can_view

PANEL_OLDEST = 5


@hooks.register("register_admin_urls")
def stale_records_urls():
    return [path("freshness/stale/", StaleRecordsView.as_view(), name="freshness_stale")]


class StaleMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_admin_menu_item")
def stale_records_menu_item():
    return StaleMenuItem(
        _("Stale records"), reverse("freshness_stale"), icon_name="time", order=107
    )


class StaleRecordsPanel(Component):
    """Counts per kind and the records longest unverified, linking the queue."""

    name = "stale_records"
    template_name = "cms/freshness/panel.html"
    order = 160

    def get_context_data(self, parent_context=None):
        counts = [
            (KINDS[kind]._meta.verbose_name_plural, qs.count())
            for kind, qs in stale_querysets().items()
        ]
        return {
            "counts": [(label, count) for label, count in counts if count],
            "total": sum(count for _label, count in counts),
            "oldest": oldest_stale(PANEL_OLDEST),
        }


@hooks.register("construct_homepage_panels")
def add_stale_records_panel(request, panels):
    if can_view(request.user):
        panels.append(StaleRecordsPanel())


def record_edit_url(check: FreshnessCheck) -> str:
    model = KINDS.get(check.kind)
    if model is None:
        return ""
    name = model._meta.model_name
    return reverse(f"wagtailsnippets_registry_{name}:edit", args=[check.record_id])


class FreshnessCheckViewSet(SnippetViewSet):
    """The owners' answers. A proposal is applied by editing the record (drafts, review,
    publish), never by the owner directly; tick "handled" once done."""

    model = FreshnessCheck
    menu_label = _("Owners' replies")
    icon = "comment"
    menu_order = 108
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        TitleColumn("record_name", label=_("record"), get_url=lambda c: record_edit_url(c)),
        Column("answer", accessor="get_answer_display", label=_("answer")),
        "answered_at",
        "sent_at",
        BooleanColumn("handled"),
    ]
    list_filter = ["answer", "handled", "kind"]
    panels = [
        FieldPanel("handled"),
        FieldPanel("record_name", read_only=True),
        FieldPanel("proposal", read_only=True),
        FieldPanel("answer", read_only=True),
        FieldPanel("answered_at", read_only=True),
        FieldPanel("recipients", read_only=True),
        FieldPanel("sent_at", read_only=True),
    ]


register_snippet(FreshnessCheckViewSet)
