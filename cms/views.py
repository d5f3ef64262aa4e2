from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.http import require_GET

from search import api


def bad_request(request, exception):
    if api.is_api(request):
        return api.request_error(request, exception)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if api.is_api(request):
        return api.not_found_view(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if api.is_api(request):
        return api.server_error(request)
    return defaults.server_error(request)


@require_GET
def robots_txt(request):
    """Crawlers may read the portal, not the admin or the API's bulk export."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/v1/export/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class RateLimitedLoginView(LoginView):
    """Sign-in for founders; at most 10 attempts an hour from one address."""

    template_name = "cms/founders/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        from .portal.ratelimit import rate_limited

        if rate_limited(request, "login", 10):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None, gettext("Too many attempts from your address; try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
