"""Status changes of inquiries, written where they happen (the admin's edit view), in the same
transaction as the change."""

from cms.portal.models import Inquiry

from .models import InquiryEvent


def stored_status(inquiry: Inquiry) -> str | None:
    return Inquiry.objects.filter(pk=inquiry.pk).values_list("status", flat=True).first()


def record_status_change(inquiry: Inquiry, previous: str | None, user) -> InquiryEvent | None:
    """One event if the status moved (an unchanged status or a new inquiry writes nothing: its
    arrival is `created_at`)."""
    if previous is None or previous == inquiry.status:
        return None
    return InquiryEvent.objects.create(
        inquiry=inquiry, from_status=previous, to_status=inquiry.status, user=user
    )
