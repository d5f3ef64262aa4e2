"""The admin's Workflows report with one row per item: the state it is in now.

Wagtail's report lists every workflow an item has ever been through, so a profile approved
last month and waiting again today shows as both "Approved" and "In progress"; curators read
that as two contradicting states. Only each item's latest workflow state is kept here."""

from django.db.models import OuterRef, Subquery
from wagtail.admin.views.reports.workflows import WorkflowView
from wagtail.models import WorkflowState


class LatestWorkflowStateView(WorkflowView):
    def get_queryset(self):
        latest = (
            WorkflowState.objects.filter(
                base_content_type_id=OuterRef("base_content_type_id"),
                object_id=OuterRef("object_id"),
            )
            .order_by("-created_at", "-pk")
            .values("pk")[:1]
        )
        return super().get_queryset().filter(pk=Subquery(latest))
