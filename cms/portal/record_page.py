"""The page of a registry record, and the inquiry form it carries: shown, then received (and
shown again with its errors)."""

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from registry.addresses import absolute_url, record_url
from registry.completeness import record_missing, record_score
from registry.language import localized

from . import ratelimit
from .inquiries import INQUIRY_KINDS, InquiryForm, just_sent, send_inquiry, thank_on_next_view
from .provenance import provenance
from .record_kinds import kind_context
from .records import (
    distances,
    load,
    localized_name,
    record_fields,
    related,
)
from .seo import record_og_image, record_summary, structured_data
from .site_profile import PROFILE_KINDS, pdf_available

# The badge names this many of the missing fields (the heaviest), then says how many more.
BADGE_MISSING_SHOWN = 5


def completeness_badge(record) -> dict:
    missing = [item["label"] for item in record_missing(record)]
    return {
        "score": record_score(record),
        "missing": missing[:BADGE_MISSING_SHOWN],
        "more": max(len(missing) - BADGE_MISSING_SHOWN, 0),
    }


def serve_record(page, request, kind, ref, inquiry_form=None, status=200, extend=None):
    """`extend(request, record)` adds a kind's own context (a challenge's partners and form)."""
    record = load(kind, ref)
    url = absolute_url(record_url(kind, ref))
    description = localized(record, "description")
    name = localized_name(record)
    og_image = record_og_image(record)
    owners = (
        set(record.founders.values_list("user_id", flat=True)) if kind == "enterprise" else set()
    )
    if kind in INQUIRY_KINDS and inquiry_form is None:
        inquiry_form = InquiryForm()
    context = {
        "page": page,
        "self": page,
        "request": request,
        "record": record,
        "kind_label": record._meta.verbose_name,
        "name": name,
        "description": description,
        "summary": record_summary(record, name, description),
        "og_image": og_image,
        "fields": record_fields(record),
        **kind_context(record),  # a challenge's and an expert's own part of the page
        "completeness": completeness_badge(record),
        "related": related(record),
        "distances": distances(record),
        "jsonld": structured_data(record, url, name, description, og_image),
        "canonical_url": url,
        "is_sample": record.sample,
        "provenance": provenance(record),
        "inquiry_form": inquiry_form if kind in INQUIRY_KINDS else None,
        "inquiry_action": record_url(kind, ref, action="inquiry"),
        "inquiry_sent": kind in INQUIRY_KINDS and just_sent(request, kind, ref),
        "photos": list(record.photos.select_related("image")) if kind == "enterprise" else [],
        "can_compare": kind == "plot",
        # Startups the agency registered and nobody manages yet can be claimed by their founders
        # (checked again on submit); the owner is offered the edit page instead.
        "can_claim": kind == "enterprise" and bool(record.startup_stage) and not owners,
        "is_owner": request.user.is_authenticated and request.user.pk in owners,
        # An expert profile the agency prepared: "This is me" (cms/experts, a curator decides).
        "can_claim_expert": kind == "expert" and record.account_id is None,
        "in_shortlist": kind == "plot" and ref in request.session.get("compare", []),
        "profile_pdf_url": (
            record_url(kind, ref, action="site-profile")
            if kind in PROFILE_KINDS and pdf_available()
            else ""
        ),
    }
    if extend is not None:
        context |= extend(request, record)
    return TemplateResponse(request, "cms/record_page.html", context, status=status)


def receive_inquiry(page, request, kind, ref):
    if kind not in INQUIRY_KINDS:
        raise Http404
    record = load(kind, ref)
    back = record_url(kind, ref) + "#inquiry"
    if request.method == "GET":
        # The address of a form with errors, opened again: back to the record's form.
        return HttpResponseRedirect(back)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = InquiryForm(request.POST)
    if form.is_valid() and form.cleaned_data["website"]:
        thank_on_next_view(request, kind, ref)
        return HttpResponseRedirect(back)  # a bot: answer as if sent, keep nothing
    if not form.is_valid():
        return serve_record(page, request, kind, ref, inquiry_form=form, status=400)
    # Only inquiries that are sent count; the slot is claimed before saving, so parallel posts
    # cannot all pass one check.
    if ratelimit.rate_limited(request, "inquiry", settings.INQUIRY_RATE_LIMIT):
        form.add_error(
            None, gettext("Too many messages from your address; please try again in an hour.")
        )
        return serve_record(page, request, kind, ref, inquiry_form=form, status=429)
    send_inquiry(record, form, absolute_url(back))
    thank_on_next_view(request, kind, ref)
    return HttpResponseRedirect(back)
