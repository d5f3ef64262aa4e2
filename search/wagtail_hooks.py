"""Curators tune the matching presets in the admin: thresholds, weights, reasons and sources,
with revisions, without a deploy."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MatchProfile


class MatchProfileViewSet(SnippetViewSet):
    model = MatchProfile
    menu_label = _("Matching profiles")
    icon = "list-ol"
    menu_order = 110
    add_to_admin_menu = True
    list_display = ["name", "name_en", "code", UpdatedAtColumn()]
    search_fields = ["name", "name_en", "code"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                FieldRowPanel([FieldPanel("summary"), FieldPanel("summary_en")]),
                FieldPanel("sort_order"),
            ],
            heading=_("Profile"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("technologies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partner_roles"),
            ],
            heading=_("Ecosystem partners"),
        ),
        InlinePanel(
            "criteria",
            heading=_("Criteria"),
            label=_("Criterion"),
            panels=[
                FieldRowPanel([FieldPanel("mode"), FieldPanel("key")]),
                FieldPanel("value"),
                FieldRowPanel([FieldPanel("weight"), FieldPanel("target"), FieldPanel("zero_at")]),
                FieldRowPanel([FieldPanel("reasoning"), FieldPanel("reasoning_en")]),
                FieldPanel("source"),
            ],
        ),
    ]


register_snippet(MatchProfileViewSet)
