"""Curators work investor inquiries in the admin: status, owner, notes."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from registry.admin_views import LocalisedBreadcrumbsMixin

# Imported for the hooks they register: the administrators' backup download, the branding.
from . import admin_backup, admin_branding  # noqa: F401
from .ask import admin as ask_admin  # noqa: F401 (registers the answers' review)
from .challenges import admin as challenges_admin  # noqa: F401 (registers its hooks)
from .founders.review_panel import add_waiting_for_review_panel
from .founders.services import CLAIM_APPROVED, CLAIM_REJECTED, decide_claim
from .models import Claim, ContactOfficer, Inquiry
from .pipeline import admin as pipeline_admin  # noqa: F401 (registers the pipeline's hooks)
from .pipeline.admin_views import VisibleInquiriesViewSetMixin


class WithoutChooserMixin:
    """No snippet chooser: nothing picks these in a form, and Wagtail's chooser lists every row
    (investors' and founders' names) to anyone in the admin, whatever their role or sectors."""

    def register_chooser_viewset(self):
        pass


class InquiryViewSet(
    WithoutChooserMixin, VisibleInquiriesViewSetMixin, LocalisedBreadcrumbsMixin, SnippetViewSet
):
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


class ClaimEditView(EditView):
    """The curator's decision goes through the founders' service, which grants the profile on
    approval and writes the claim's history."""

    def save_instance(self):
        claim = self.form.instance  # the form's status and note, not yet saved
        return decide_claim(claim, self.request.user, claim.status, claim.curator_note)


class ClaimViewSet(WithoutChooserMixin, LocalisedBreadcrumbsMixin, SnippetViewSet):
    """Founders' claims on agency-registered enterprises; approving one gives the founder the
    profile (edited through moderation)."""

    model = Claim
    edit_view_class = ClaimEditView
    menu_label = _("Profile claims")
    icon = "user"
    menu_order = 106
    add_to_admin_menu = True
    list_display = ["enterprise", "user", "status", "created_at"]
    list_filter = ["status"]


register_snippet(ClaimViewSet)


@hooks.register("register_log_actions")
def register_claim_log_actions(actions):
    actions.register_action(
        CLAIM_APPROVED, _("Approve claim"), _("Claim approved: the founder now edits the profile")
    )
    actions.register_action(CLAIM_REJECTED, _("Reject claim"), _("Claim rejected"))


class ContactOfficerViewSet(LocalisedBreadcrumbsMixin, SnippetViewSet):
    model = ContactOfficer
    menu_label = _("Contact officers")
    icon = "user"
    list_display = ["name", "role", "email", "sample"]
    search_fields = ["name", "role", "role_en"]


register_snippet(ContactOfficerViewSet)


@hooks.register("register_account_menu_item")
def two_step_sign_in_menu_item(request):
    """Staff set up their authenticator (TOTP) from the admin's account page."""
    return {
        "url": reverse("second-factor-setup"),
        "label": _("Two-step sign-in"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }


# Duplicates: merge into…, not a duplicate (their own module; Wagtail loads this one).
from .merging import hooks as _duplicates_hooks  # noqa: E402, F401

hooks.register("construct_homepage_panels", add_waiting_for_review_panel)
from .experts import admin as experts_admin  # noqa: E402, F401 (expert claims, consent log, panel)
from .freshness import admin as freshness_admin  # noqa: E402, F401 (registers its hooks)
from .monitor import report_admin  # noqa: E402, F401 (the quarterly report in the Reports menu)
