"""Signing in, for founders on the portal and staff in the admin: one throttling policy for every
way in (sign-in, password reset, e-mail confirmation, the second factor). The founders' own
account pages (sign-up, single-use confirmation links bound to the account's state, answers that
never tell whether an address has an account) are in cms/founders/.

Built on Django's auth (its views, forms and PasswordResetTokenGenerator) rather than
django-allauth: see the README, Security → Accounts and sign-in."""

import math

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.utils.translation import ngettext
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


class AdminPasswordResetView(ThrottledPasswordResetMixin, wagtail_account.PasswordResetView):
    """Wagtail's admin password reset under the same limits as the portal's."""
