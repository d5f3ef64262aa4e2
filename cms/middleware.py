from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from search.api_http import is_api


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, except that API responses are never redirected to a
    language prefix: an API 404 must stay a JSON 404."""

    def process_response(self, request, response):
        if is_api(request):
            return response
        return super().process_response(request, response)


class StaffSecondFactorMiddleware:
    """After django-otp's OTPMiddleware: an admin page asked for by someone who has an
    authenticator but has not given a code in this session goes to the code page first; with
    REQUIRE_STAFF_2FA, staff without an authenticator go to set one up."""

    OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/2fa/", "/admin/password_reset/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = request.user
        if (
            path.startswith("/admin/")
            and not path.startswith(self.OPEN_PATHS)
            and user.is_authenticated
            and not user.is_verified()
        ):
            if user_has_device(user):
                return redirect(
                    reverse("second-factor-verify")
                    + "?"
                    + urlencode({"next": request.get_full_path()})
                )
            if settings.REQUIRE_STAFF_2FA and user.is_staff:
                return redirect("second-factor-setup")
        return self.get_response(request)
