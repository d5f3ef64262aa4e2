"""The dashboard's "Waiting for review" panel: founders' profiles in the curators' review and
founders' claims not yet decided, oldest first, each with its age in the admin's language."""

from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from registry.language import localized
from registry.models import Enterprise

from ..models import Claim, ProfileReviewTask

SHOWN = 10


def profiles_in_review() -> list[dict]:
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=ProfileReviewTask.objects.values("pk"),
            # The same review serves experts' profiles (cms.experts.admin has their panel).
            workflow_state__base_content_type__model="enterprise",
        )
        .select_related("workflow_state")
        .order_by("started_at", "pk")
    )
    states = list(states)
    enterprises = Enterprise.objects.in_bulk(int(s.workflow_state.object_id) for s in states)
    items = []
    for state in states:
        enterprise = enterprises.get(int(state.workflow_state.object_id))
        if enterprise is not None:
            items.append(
                {
                    "what": gettext("Profile"),
                    "name": localized(enterprise, "name"),
                    "since": state.started_at,
                    "url": reverse(
                        "wagtailsnippets_registry_enterprise:edit", args=[enterprise.pk]
                    ),
                }
            )
    return items


def pending_claims() -> list[dict]:
    claims = Claim.objects.filter(status=Claim.Status.PENDING).select_related("enterprise")
    return [
        {
            "what": gettext("Claim"),
            "name": localized(claim.enterprise, "name"),
            "since": claim.created_at,
            "url": reverse("wagtailsnippets_cms_claim:edit", args=[claim.pk]),
        }
        for claim in claims
    ]


class WaitingForReviewPanel(Component):
    """Oldest first, each with its age; subclasses name what waits (the experts' panel)."""

    name = "waiting_for_review"
    template_name = "cms/founders/review_panel.html"
    order = 60  # after the new inquiries, above Wagtail's own panels
    panel_id = "waiting-for-review"
    subject = _("Enterprise")

    def waiting(self) -> list[dict]:
        return profiles_in_review() + pending_claims()

    def heading(self, count: int) -> str:
        return ngettext(
            "Waiting for review (%(counter)s)", "Waiting for review (%(counter)s)", count
        ) % {"counter": count}

    def get_context_data(self, parent_context=None):
        items = sorted(self.waiting(), key=lambda item: item["since"])
        for item in items:
            item["age"] = timesince(item["since"], depth=1)
        return {
            "count": len(items),
            "items": items[:SHOWN],
            "heading": self.heading(len(items)),
            "panel_id": self.panel_id,
            "subject": self.subject,
        }


def add_waiting_for_review_panel(request, panels):
    # Curators and administrators decide claims and review profiles; others have nothing here.
    if request.user.has_perm("cms.change_claim"):
        panels.append(WaitingForReviewPanel())
