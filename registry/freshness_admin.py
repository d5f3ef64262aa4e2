"""Curators set each kind's freshness rule in the admin (Settings → Freshness rules)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FreshnessRule


class FreshnessRuleViewSet(SnippetViewSet):
    model = FreshnessRule
    menu_label = _("Freshness rules")
    icon = "time"
    add_to_settings_menu = True
    list_display = ["kind", "months"]
    copy_view_enabled = False


register_snippet(FreshnessRuleViewSet)
