"""Signing in, for founders on the portal and staff in the admin: one throttling policy for every
way in (sign-in, password reset, e-mail confirmation), single-use confirmation links bound to the
account's state, and answers that never tell whether an address has an account.

Built on Django's auth (its views, forms and PasswordResetTokenGenerator) rather than
django-allauth: see the README, Security → Accounts and sign-in."""

import math

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import send_mail
from django.forms.utils import ErrorDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account as wagtail_account

from .portal.ratelimit import Allowance, account_allowance, allowance, claim_all


def too_many_attempts(spent: Allowance) -> str:
    minutes = math.ceil(spent.retry_after() / 60)
    return ngettext(
        "Too many attempts; please try again in %(minutes)d minute.",
        "Too many attempts; please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def signin_allowances(request, username: str) -> list[Allowance]:
    """Failed sign-ins: per account (wherever they come from) and per client (whichever
    accounts it tries). The portal, the admin and the second-factor step share them."""
    return [
        account_allowance("signin", username, settings.SIGNIN_FAILURES_PER_ACCOUNT),
        allowance(request, "signin", settings.SIGNIN_FAILURES_PER_CLIENT),
    ]


def account_email_allowances(request, email: str) -> list[Allowance]:
    """E-mails sent about accounts (confirmation, password reset, "you already have an
    account"): per address, so nobody can flood an inbox, and per client."""
    return [
        account_allowance("account-email", email, settings.ACCOUNT_EMAILS_PER_ADDRESS),
        allowance(request, "account-email", settings.ACCOUNT_EMAILS_PER_CLIENT),
    ]


def refuse(form, message: str) -> None:
    """Mark a bound form invalid with one message, without validating it (validating a sign-in
    form would check the password, which a throttled client must not learn)."""
    form._errors = ErrorDict(
        {NON_FIELD_ERRORS: form.error_class([message], error_class="nonfield")}
    )
    form.cleaned_data = {}


class ThrottledLoginMixin:
    """Each sign-in attempt takes a slot of the account's and the client's allowance before the
    password is checked (so parallel guesses cannot slip past the count); a successful sign-in
    gives its slots back, so only failures are counted."""

    def post(self, request, *args, **kwargs):
        allowances = signin_allowances(request, request.POST.get("username", "")[:254])
        slots, spent = claim_all(allowances)
        if spent is not None:
            form = self.get_form()
            refuse(form, too_many_attempts(spent))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.signin_slots = list(zip(allowances, slots, strict=True))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        for owner, slot in self.signin_slots:
            owner.release(slot)
        return super().form_valid(form)


def is_unconfirmed_founder(user) -> bool:
    """A founder who signed up and never confirmed the address: inactive and never signed in.
    (An account deactivated by staff has signed in at least once.)"""
    return not user.is_active and user.last_login is None and not user.is_staff


class FounderLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not right."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Founders' accounts are named by their e-mail address.
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True, "maxlength": 254}
        )

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            # Said only to whoever knows the password, so it reveals nothing to anyone else.
            user = (
                get_user_model().objects.filter(username=self.cleaned_data.get("username")).first()
            )
            password = self.cleaned_data.get("password") or ""
            if user and is_unconfirmed_founder(user) and user.check_password(password):
                raise ValidationError(
                    _(
                        "Your e-mail address is not confirmed yet. Open the link we sent you, or "
                        "ask for a new one below."
                    ),
                    code="unconfirmed",
                ) from None
            raise


class PortalLoginView(ThrottledLoginMixin, auth_views.LoginView):
    """Sign-in for founders."""

    template_name = "cms/founders/login.html"
    redirect_authenticated_user = True
    form_class = FounderLoginForm


class AdminLoginView(ThrottledLoginMixin, wagtail_account.LoginView):
    """Wagtail's admin sign-in under the same throttling as the portal's."""


class ThrottledPasswordResetMixin:
    def form_valid(self, form):
        _slots, spent = claim_all(
            account_email_allowances(self.request, form.cleaned_data["email"])
        )
        if spent is not None:
            refuse(form, too_many_attempts(spent))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class FounderPasswordResetForm(PasswordResetForm):
    """Django's form (the same answer whether or not the address has an account), also for a
    founder who never confirmed the address: the link proves it, so a reset confirms it."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email)
        return (
            user
            for user in users
            if user.has_usable_password() and (user.is_active or is_unconfirmed_founder(user))
        )


class PortalPasswordResetView(ThrottledPasswordResetMixin, auth_views.PasswordResetView):
    template_name = "cms/founders/password_reset.html"
    email_template_name = "cms/founders/password_reset_email.txt"
    form_class = FounderPasswordResetForm
    success_url = "done/"


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "cms/founders/password_reset_confirm.html"

    def get_success_url(self):
        return reverse("login")

    def form_valid(self, form):
        if is_unconfirmed_founder(self.user):
            self.user.is_active = True  # the reset link reached the address: it is confirmed
        return super().form_valid(form)


class AdminPasswordResetView(ThrottledPasswordResetMixin, wagtail_account.PasswordResetView):
    """Wagtail's admin password reset under the same limits as the portal's."""


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for e-mail confirmation links. Besides the password and last sign-in that
    Django's reset tokens hash, the account's active state is in the hash: confirming the
    address changes it, so a link works once. Valid for PASSWORD_RESET_TIMEOUT (3 days)."""

    key_salt = "cms.accounts.ConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


confirmation_tokens = ConfirmationTokenGenerator()
CONFIRM_SESSION_KEY = "_founder_confirmation_token"
CONFIRM_PLACEHOLDER = "confirm"


def send_confirmation(request, user) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = confirmation_tokens.make_token(user)
    link = request.build_absolute_uri(
        reverse("founder-verify", kwargs={"uidb64": uid, "token": token})
    )
    send_mail(
        gettext("Confirm your e-mail for Đồng Nai Digital Hub"),
        gettext("Open this link within 3 days to confirm your e-mail:\n%(link)s") % {"link": link},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def send_already_registered(request, user) -> None:
    """What a sign-up with an address that has an account sends: the page the visitor sees is
    the same as for a new address, only the owner of the inbox learns the account exists."""
    send_mail(
        gettext("Your account at Đồng Nai Digital Hub"),
        gettext(
            "Someone (perhaps you) tried to register with this address, but you already have an "
            "account.\nSign in: %(login)s\nForgot your password? Choose a new one: %(reset)s\n"
            "If it was not you, you can ignore this e-mail."
        )
        % {
            "login": request.build_absolute_uri(reverse("login")),
            "reset": request.build_absolute_uri(reverse("password_reset")),
        },
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


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
        return redirect("founder-verify", uidb64=uidb64, token=CONFIRM_PLACEHOLDER)
    token = request.session.pop(CONFIRM_SESSION_KEY, "")
    if user is None or not confirmation_tokens.check_token(user, token):
        return failed
    user.is_active = True
    user.save(update_fields=["is_active"])
    return TemplateResponse(request, "cms/founders/verified.html")


class ResendForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


def resend_confirmation(request):
    """A new confirmation link for a founder who lost or let expire the first one. The answer is
    the same whether or not the address has an account waiting."""
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        _slots, spent = claim_all(account_email_allowances(request, email))
        if spent is not None:
            refuse(form, too_many_attempts(spent))
            return TemplateResponse(request, "cms/founders/resend.html", {"form": form}, status=429)
        user = get_user_model().objects.filter(username=email).first()
        if user is not None and is_unconfirmed_founder(user):
            send_confirmation(request, user)
        return TemplateResponse(request, "cms/founders/resent.html")
    return TemplateResponse(
        request, "cms/founders/resend.html", {"form": form}, status=400 if form.errors else 200
    )
