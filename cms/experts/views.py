"""The expert's pages under /<lang>/account/expert/: each view reads the request, calls a
service and renders or redirects. The rules are in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from . import services
from .forms import CONSENT_TEXT, ExpertClaimForm, ExpertProfileForm, WithdrawForm


def _to_account():
    return redirect(reverse("expert-account"))


def _render(request, template, context=None, form=None):
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, template, {"form": form, **(context or {})}, status=status)


def account(request):
    """The expert's page: the profile's status, edit, submit, withdraw; or, for visitors, what
    an expert profile is and how to start."""
    if not request.user.is_authenticated:
        return TemplateResponse(request, "cms/experts/start.html", {"consent": CONSENT_TEXT})
    expert = services.own_profile(request.user)
    context = {
        "expert": expert,
        "status": services.profile_status(expert) if expert else None,
        "claims": services.pending_claims(request.user).select_related("expert"),
        "withdraw_form": WithdrawForm(),
    }
    return TemplateResponse(request, "cms/experts/account.html", context)


@login_required
def edit(request):
    expert = services.own_profile(request.user)
    if expert is None:
        expert = services.new_profile()
    else:
        expert = expert.get_latest_revision_as_object() if expert.latest_revision_id else expert
        if services.profile_status(expert).in_review:
            messages.warning(
                request,
                gettext("This profile is being reviewed; you can edit it again afterwards."),
            )
            return _to_account()
    form = ExpertProfileForm(request.POST or None, instance=expert)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_draft(
                request.user,
                form.save(commit=False),
                technologies=form.cleaned_data["technologies"],
                consent=form.cleaned_data.get("consent", False),
            )
        except services.Refused as refused:
            messages.warning(request, str(refused))
            return _to_account()
        messages.success(request, gettext("Draft saved. Submit it for review when it is ready."))
        return _to_account()
    return _render(request, "cms/experts/edit.html", {"expert": expert}, form=form)


@login_required
@require_POST
def submit(request):
    expert = services.own_profile(request.user)
    if expert is None:
        raise Http404
    try:
        services.submit_for_review(request.user, expert)
    except services.ModerationOff:
        raise Http404 from None
    except services.Refused as refused:
        messages.info(request, str(refused))
    except ValidationError as invalid:
        messages.error(
            request,
            gettext("This draft cannot be submitted yet (%(errors)s). Edit it and save it first.")
            % {"errors": "; ".join(invalid.messages)},
        )
    else:
        messages.success(request, gettext("Submitted. A curator will review your profile."))
    return _to_account()


@login_required
@require_POST
def withdraw(request):
    """One button: the profile leaves the public site at once; with the box ticked, the
    personal data is deleted too."""
    form = WithdrawForm(request.POST)
    erase = form.is_valid() and form.cleaned_data["erase"]
    if services.own_profile(request.user) is None:
        raise Http404
    services.withdraw_consent(request.user, erase=erase)
    messages.success(
        request,
        gettext("Your consent is withdrawn and your expert profile deleted.")
        if erase
        else gettext("Your consent is withdrawn: your expert profile is no longer public."),
    )
    return _to_account()


@login_required
def claim(request, ref):
    """Ask to hold an expert profile the agency prepared; a curator decides."""
    expert = services.claimable(ref)
    if expert is None:
        raise Http404
    form = ExpertClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_claim(request.user, expert, form.cleaned_data["message"])
        except services.Refused as refused:
            messages.info(request, str(refused))
        else:
            messages.success(request, gettext("Your claim is sent. A curator will check it."))
        return _to_account()
    return _render(request, "cms/experts/claim.html", {"expert": expert}, form=form)
