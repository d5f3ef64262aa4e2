"""A second factor for staff (curators, administrators): a TOTP device from django-otp, set up
from the admin's account menu and asked for after the admin sign-in. With REQUIRE_STAFF_2FA on
(the production default) staff cannot use the admin without one (see middleware.py)."""

import base64
import binascii

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .accounts import refuse, signin_allowances, too_many_attempts
from .portal.ratelimit import claim_all

DEVICE_NAME = "authenticator"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


def qr_svg(text: str) -> str:
    """The QR code as inline SVG (no script, no data URI for a CSP to allow). The markup is the
    library's own rectangles; the text is only encoded in them, never written as markup."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def _check_code(request, device, form) -> int:
    """Verify the form's code under the sign-in allowances (a code is a password too), on top
    of django-otp's own growing delay after each wrong code. 200 when it is right, else the
    status of the refusal, whose message the form then carries."""
    allowances = signin_allowances(request, request.user.get_username())
    slots, spent = claim_all(allowances)
    if spent is not None:
        refuse(form, too_many_attempts(spent))
        return 429
    if device.verify_token(form.cleaned_data["code"]):
        for owner, slot in zip(allowances, slots, strict=True):
            owner.release(slot)
        return 200
    refuse(
        form,
        gettext(
            "This code is not right, or came too soon after a wrong one. Wait a few seconds "
            "and enter the code your app shows now."
        ),
    )
    return 400


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return reverse("wagtailadmin_home")
    return target


@login_required(login_url="dnhub_admin_login")
def setup(request):
    """Set up an authenticator: scan the QR code (or type the secret), then confirm with a code."""
    user = request.user
    if not user.is_staff:
        return HttpResponseForbidden()
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if confirmed is not None and not request.user.is_verified():
        return redirect(reverse("second-factor-verify") + "?" + urlencode({"next": request.path}))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:  # the same key until it is confirmed, so a reload shows the same QR code
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        status = _check_code(request, device, form)
        if status == 200:
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one device at a time
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            messages.success(request, gettext("Two-step sign-in is on for your account."))
            return redirect("wagtailadmin_home")
    secret = base64.b32encode(binascii.unhexlify(device.key)).decode()
    return TemplateResponse(
        request,
        "cms/second_factor/setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "has_device": confirmed is not None,
        },
        status=status,
    )


@login_required(login_url="dnhub_admin_login")
def verify(request):
    """The code asked for after the admin sign-in, from users who have a confirmed device."""
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect("second-factor-setup")
    form = CodeForm(request.POST or None)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        status = _check_code(request, devices[0], form)
        if status == 200:
            django_otp.login(request, devices[0])
            return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "cms/second_factor/verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )
