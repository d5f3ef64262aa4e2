"""The experts' side of the admin: claims on agency-prepared profiles (decided through
services.decide_claim), the audit-log actions of consent, and the dashboard panel's rows."""

from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import TaskState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from registry.admin_views import LocalisedBreadcrumbsMixin
from registry.language import localized
from registry.models import Expert

from ..founders.review_panel import WaitingForReviewPanel
from ..models import ExpertClaim, ProfileReviewTask
from . import services


class ExpertClaimEditView(EditView):
    def save_instance(self):
        claim = self.form.instance
        return services.decide_claim(claim, self.request.user, claim.status, claim.curator_note)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.ValidationError as invalid:  # someone holds the profile already
            form.add_error(None, invalid.messages)
            return self.form_invalid(form)


class ExpertClaimViewSet(LocalisedBreadcrumbsMixin, SnippetViewSet):
    """People's claims on expert profiles the agency prepared."""

    model = ExpertClaim
    edit_view_class = ExpertClaimEditView
    menu_label = _("Expert claims")
    icon = "user"
    menu_order = 107
    add_to_admin_menu = True
    list_display = ["expert", "user", "status", "created_at"]
    list_filter = ["status"]

    def register_chooser_viewset(self):
        pass  # nothing chooses a claim; the chooser would list people's accounts


register_snippet(ExpertClaimViewSet)


@hooks.register("register_log_actions")
def register_expert_log_actions(actions):
    actions.register_action(
        services.CONSENT_GIVEN, _("Consent given"), _("Consent to a public profile given")
    )
    actions.register_action(
        services.CONSENT_WITHDRAWN, _("Consent withdrawn"), _("Consent withdrawn: unpublished")
    )
    actions.register_action(
        services.CLAIM_APPROVED, _("Approve claim"), _("Claim approved: the profile is theirs")
    )
    actions.register_action(services.CLAIM_REJECTED, _("Reject claim"), _("Claim rejected"))


def experts_waiting() -> list[dict]:
    """Experts' profiles in review and their pending claims, for the "Waiting for review"
    panel (cms.founders.review_panel)."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=ProfileReviewTask.objects.values("pk"),
        workflow_state__base_content_type__model="expert",
    ).select_related("workflow_state")
    experts = Expert.objects.in_bulk(int(s.workflow_state.object_id) for s in states)
    items = [
        {
            "what": gettext("Expert profile"),
            "name": localized(experts[int(state.workflow_state.object_id)], "name"),
            "since": state.started_at,
            "url": reverse(
                "wagtailsnippets_registry_expert:edit", args=[state.workflow_state.object_id]
            ),
        }
        for state in states
        if int(state.workflow_state.object_id) in experts
    ]
    for claim in ExpertClaim.objects.filter(status=ExpertClaim.Status.PENDING).select_related(
        "expert"
    ):
        items.append(
            {
                "what": gettext("Expert claim"),
                "name": localized(claim.expert, "name"),
                "since": claim.created_at,
                "url": reverse("wagtailsnippets_cms_expertclaim:edit", args=[claim.pk]),
            }
        )
    return items


class ExpertsWaitingPanel(WaitingForReviewPanel):
    name = "experts_waiting"
    order = 61  # just after the founders' "Waiting for review"
    panel_id = "experts-waiting"
    subject = _("Expert")

    def waiting(self) -> list[dict]:
        return experts_waiting()

    def heading(self, count: int) -> str:
        return ngettext(
            "Experts waiting for review (%(counter)s)",
            "Experts waiting for review (%(counter)s)",
            count,
        ) % {"counter": count}


@hooks.register("construct_homepage_panels")
def add_experts_waiting_panel(request, panels):
    if request.user.has_perm("cms.change_expertclaim"):
        panels.append(ExpertsWaitingPanel())
