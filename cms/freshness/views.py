"""The page a "still correct?" link opens: the record's current public data, then "Yes, still
correct" (verified today, by the owner's confirmation) or "Propose changes" (a reply curators
act on through moderation; the owner publishes nothing). A link works once; expired, altered or
used links get a page that says so (4xx), never an error."""

from django import forms
from django.core import signing
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from registry.freshness import OWNER_CONFIRMATION, mark_verified
from registry.language import localized
from registry.models import KINDS

from ..portal.provenance import provenance
from ..portal.records import record_fields
from .mail import check_for
from .models import FreshnessCheck

TEMPLATE = "cms/freshness/check.html"


class ProposalForm(forms.Form):
    proposal = forms.CharField(
        label=_("What has changed?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say which figures or facts are wrong and what they should be."),
    )


def _refused(request, reason: str, status: int):
    return TemplateResponse(request, TEMPLATE, {"refused": reason}, status=status)


def _record(check: FreshnessCheck):
    model = KINDS.get(check.kind)
    return model.objects.filter(pk=check.record_id).first() if model else None


@never_cache
def check(request, token):
    try:
        found = check_for(token)
    except signing.SignatureExpired:
        return _refused(request, "expired", 410)
    if found is None:
        return _refused(request, "invalid", 404)
    record = _record(found)
    if record is None:
        return _refused(request, "gone", 410)
    if found.answer:
        return _refused(request, "used", 410)
    form = ProposalForm()
    if request.method == "POST":
        if "confirm" in request.POST:
            return _confirm(request, found, record)
        form = ProposalForm(request.POST)
        if form.is_valid():
            return _propose(request, found, form.cleaned_data["proposal"])
    context = {
        "record": record,
        "name": localized(record, "name"),
        "kind_label": record._meta.verbose_name,
        "fields": record_fields(record),
        "provenance": provenance(record),
        "form": form,
    }
    return TemplateResponse(request, TEMPLATE, context, status=400 if form.errors else 200)


def _close(found: FreshnessCheck, answer: str, proposal: str = "") -> bool:
    """Record the answer unless another request did first (the link works once)."""
    return bool(
        FreshnessCheck.objects.filter(pk=found.pk, answer="").update(
            answer=answer, answered_at=timezone.now(), proposal=proposal
        )
    )


def _confirm(request, found, record):
    with transaction.atomic():
        if not _close(found, FreshnessCheck.Answer.CONFIRMED):
            return _refused(request, "used", 410)
        mark_verified(record, OWNER_CONFIRMATION)
    return TemplateResponse(request, TEMPLATE, {"done": "confirmed"})


def _propose(request, found, text):
    if not _close(found, FreshnessCheck.Answer.PROPOSED, text):
        return _refused(request, "used", 410)
    return TemplateResponse(request, TEMPLATE, {"done": "proposed"})
