"""The founders' pages under /<lang>/account/: each view reads the request (and its limits),
calls a service and renders or redirects. The rules are in services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import urlsafe_base64_decode
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from registry.models import Enterprise

from ..accounts import (
    ThrottledLoginMixin,
    ThrottledPasswordResetMixin,
    account_email_allowances,
    refuse,
    too_many_attempts,
)
from ..portal.ratelimit import account_allowance, allowance, claim_all
from . import services
from .forms import (
    ClaimForm,
    DeleteAccountForm,
    FounderLoginForm,
    FounderPasswordResetForm,
    ResendForm,
    SignupForm,
    StartupForm,
)
from .services import MAX_PHOTOS
from .tokens import confirmation_tokens

SIGNUP_LIMIT = 5  # per client address and hour
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a logo and photos together, in one request
IMAGES_PER_HOUR = 30  # per account (and address): each image costs a decode and a re-encode
CONFIRM_SESSION_KEY = "_founder_confirmation_token"
CONFIRM_PLACEHOLDER = "confirm"


def _render(request, template, context=None, form=None, status=None):
    """A form page: 400 when the form has errors, unless a status is given."""
    if status is None:
        status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, template, {"form": form, **(context or {})}, status=status)


def _to_dashboard():
    return redirect(reverse("founder-dashboard"))


def _owned_or_404(user, ref):
    try:
        return services.owned_profile(user, ref)
    except services.NotOwner:
        raise Http404 from None


# Accounts


def signup(request):
    """The answer is the same whether or not the address has an account (services.sign_up)."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        signups = allowance(request, "signup", SIGNUP_LIMIT)
        spent = signups if signups.claim() is None else None
        if spent is None and form.cleaned_data["website"]:
            return TemplateResponse(request, "cms/founders/check_email.html")  # a bot
        if spent is None:
            _slots, spent = claim_all(account_email_allowances(request, email))
        if spent is not None:
            refuse(form, too_many_attempts(spent))
            return _render(request, "cms/founders/signup.html", form=form, status=429)
        services.sign_up(request, email, form.cleaned_data["password"])
        return TemplateResponse(request, "cms/founders/check_email.html")
    return _render(request, "cms/founders/signup.html", form=form)


def _user_from_uid(uidb64: str):
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return get_user_model()._default_manager.filter(pk=pk).first()


def verify(request, uidb64, token):
    """Confirm an address, as Django's PasswordResetConfirmView handles its links: the token is
    moved into the session and the browser sent on to a URL without it, so it appears in one
    request line only (not in later logs, the history or a Referer). Confirming does not sign
    in: the founder signs in with the password."""
    user = _user_from_uid(uidb64)
    failed = TemplateResponse(request, "cms/founders/verify_failed.html", status=400)
    if token != CONFIRM_PLACEHOLDER:
        if user is None or not confirmation_tokens.check_token(user, token):
            return failed
        request.session[CONFIRM_SESSION_KEY] = token
        return redirect(reverse("founder-verify", args=[uidb64, CONFIRM_PLACEHOLDER]))
    token = request.session.pop(CONFIRM_SESSION_KEY, "")
    if user is None or not confirmation_tokens.check_token(user, token):
        return failed
    services.confirm_address(user)
    return TemplateResponse(request, "cms/founders/verified.html")


def resend_confirmation(request):
    """A new confirmation link for a founder who lost or let expire the first one. The answer is
    the same whether or not the address has an account waiting."""
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        _slots, spent = claim_all(account_email_allowances(request, email))
        if spent is not None:
            refuse(form, too_many_attempts(spent))
            return _render(request, "cms/founders/resend.html", form=form, status=429)
        services.resend_confirmation(request, email)
        return TemplateResponse(request, "cms/founders/resent.html")
    return _render(request, "cms/founders/resend.html", form=form)


class PortalLoginView(ThrottledLoginMixin, auth_views.LoginView):
    """Sign-in for founders."""

    template_name = "cms/founders/login.html"
    redirect_authenticated_user = True
    form_class = FounderLoginForm


class PortalPasswordResetView(ThrottledPasswordResetMixin, auth_views.PasswordResetView):
    template_name = "cms/founders/password_reset.html"
    email_template_name = "cms/founders/password_reset_email.txt"
    form_class = FounderPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        # The link at the site's canonical address, not at whichever host the form came from.
        return {"site_url": settings.SITE_URL}


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "cms/founders/password_reset_confirm.html"

    def get_success_url(self):
        return reverse("login")

    def form_valid(self, form):
        if services.is_unconfirmed_founder(self.user):
            self.user.is_active = True  # the reset link reached the address: it is confirmed
        return super().form_valid(form)


@login_required
def download_data(request):
    """Everything the portal keeps about the founder, as JSON (Decree 13/2023: access)."""
    data = services.founder_data(request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="dnhub-my-data.json"'
    return response


@login_required
def delete_account(request):
    """Delete the account (Decree 13/2023: erasure; services.delete_account)."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(request, gettext("Your account and its personal data are deleted."))
        return redirect(reverse("wagtail_serve", args=[""]))
    return _render(request, "cms/founders/delete.html", form=form)


# Profiles


def start(request):
    """What founders gain by registering, what happens next and what is public: where "For
    startups" leads anyone not signed in."""
    return TemplateResponse(
        request,
        "cms/founders/start.html",
        {"review_days": settings.FOUNDER_REVIEW_WORKING_DAYS, "max_photos": MAX_PHOTOS},
    )


def dashboard(request):
    if not request.user.is_authenticated:
        return start(request)
    rows = [
        {"enterprise": enterprise, "status": status}
        for enterprise, status in services.founders_profiles(request.user)
    ]
    claims = services.pending_claims(request.user)
    return TemplateResponse(
        request, "cms/founders/dashboard.html", {"rows": rows, "claims": claims}
    )


def upload_refusal(request) -> str | None:
    """Why this request's images are refused before any is opened, or None. Every file sent
    counts against the hour's allowance, refused ones included: refusing costs work too."""
    files = request.FILES.getlist("logo") + request.FILES.getlist("photos")
    if not files:
        return None
    if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
        return gettext("The files together are larger than 20 MB; send fewer at a time.")
    # Per account, wherever it uploads from: each file claims a slot of the hour's allowance.
    images = account_allowance("images", str(request.user.pk), IMAGES_PER_HOUR)
    if any(images.claim() is None for _file in files):
        return gettext("You have sent many images in the last hour; try again later.")
    return None


@login_required
def edit_startup(request, ref=None):
    if ref is None:
        enterprise = services.new_profile()
    else:
        enterprise = _owned_or_404(request.user, ref).get_latest_revision_as_object()
        if services.profile_status(enterprise).in_review:
            messages.warning(
                request,
                gettext("This profile is being reviewed; you can edit it again afterwards."),
            )
            return _to_dashboard()
    refusal = upload_refusal(request) if request.method == "POST" else None
    files = None if refusal else request.FILES or None  # refused files are never opened
    form = StartupForm(request.POST or None, files, instance=enterprise)
    if refusal:
        form.add_error(None, refusal)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_draft(
                request.user,
                form.save(commit=False),
                technologies=form.cleaned_data["technologies"],
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data["remove_logo"],
                kept_photos=form.cleaned_data["kept_photos"],
                new_photos=form.cleaned_data["photos"],
            )
        except services.Refused as refused:
            messages.warning(request, str(refused))
            return _to_dashboard()
        messages.success(request, gettext("Draft saved. Submit it for review when it is ready."))
        return _to_dashboard()
    return _render(request, "cms/founders/edit.html", {"enterprise": enterprise}, form=form)


def _problems(invalid: ValidationError) -> str:
    """A refused draft's problems, each after its field's label (as the edit form names it)."""
    fields = {field.name: field.verbose_name for field in Enterprise._meta.fields}
    return "; ".join(
        f"{capfirst(fields[name])}: {message}" if name in fields else message
        for name, messages_ in invalid.message_dict.items()
        for message in messages_
    )


@login_required
@require_POST
def submit_startup(request, ref):
    try:
        services.submit_for_review(request.user, _owned_or_404(request.user, ref))
    except services.ModerationOff:
        raise Http404 from None
    except services.Refused as refused:
        messages.info(request, str(refused))
    except ValidationError as invalid:
        messages.error(
            request,
            gettext("This draft cannot be submitted yet (%(errors)s). Edit it and save it first.")
            % {"errors": _problems(invalid)},
        )
    else:
        messages.success(request, gettext("Submitted. A curator will review your profile."))
    return _to_dashboard()


@login_required
def claim(request, ref):
    """A founder asks to manage an enterprise the agency registered; a curator decides."""
    enterprise = services.claimable(ref)
    if enterprise is None:
        raise Http404
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_claim(request.user, enterprise, form.cleaned_data["message"])
        except services.Refused as refused:  # someone else's claim was approved meanwhile
            messages.info(request, str(refused))
        else:
            messages.success(request, gettext("Your claim is sent. A curator will check it."))
        return _to_dashboard()
    return _render(request, "cms/founders/claim.html", {"enterprise": enterprise}, form=form)
