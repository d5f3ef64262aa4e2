"""Curators work investor inquiries in the admin: status, owner, notes."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Inquiry


class InquiryViewSet(SnippetViewSet):
    model = Inquiry
    menu_label = _("Inquiries")
    icon = "mail"
    menu_order = 105
    add_to_admin_menu = True
    list_display = [
        "record_name",
        "name",
        "company",
        "country",
        "status",
        "owner",
        "created_at",
        UpdatedAtColumn(),
    ]
    list_filter = ["status", "owner", "kind"]
    search_fields = ["name", "company", "email", "record_name", "message"]
    ordering = ["-created_at"]


register_snippet(InquiryViewSet)
