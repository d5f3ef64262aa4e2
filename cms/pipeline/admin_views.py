"""The inquiry admin's views, limited to the inquiries the user works: an officer gets a 404 for
another sector's inquiry (its edit, history and usage pages alike), and every status change made
in the edit view is written to the inquiry's history."""

from django.db import transaction
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, UsageView

from .history import record_status_change, stored_status
from .sectors import visible_inquiries


class VisibleInquiryMixin:
    """For views that find their inquiry through `get_queryset` (edit, delete)."""

    def get_queryset(self):
        return visible_inquiries(self.request.user, super().get_queryset())


class VisibleInquiryObjectMixin:
    """For views that find it through `get_base_object_queryset` (history, usage; their own
    `get_queryset` lists log entries or references)."""

    def get_base_object_queryset(self):
        return visible_inquiries(self.request.user, super().get_base_object_queryset())


class InquiryEditView(VisibleInquiryMixin, EditView):
    def save_instance(self):
        with transaction.atomic():
            previous = stored_status(self.object)
            instance = super().save_instance()
            record_status_change(instance, previous, self.request.user)
        return instance


class InquiryDeleteView(VisibleInquiryMixin, DeleteView):
    pass


class InquiryHistoryView(VisibleInquiryObjectMixin, HistoryView):
    pass


class InquiryUsageView(VisibleInquiryObjectMixin, UsageView):
    pass


class VisibleInquiriesViewSetMixin:
    """For the inquiries' snippet viewset: its list and every view of one inquiry show only the
    inquiries the user works, and status changes are recorded."""

    edit_view_class = InquiryEditView
    delete_view_class = InquiryDeleteView
    history_view_class = InquiryHistoryView
    usage_view_class = InquiryUsageView

    def get_queryset(self, request):
        return visible_inquiries(request.user)
