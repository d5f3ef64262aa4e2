from django.http import HttpResponse
from django.views import defaults
from django.views.decorators.http import require_GET

from search import api_http


def bad_request(request, exception):
    if api_http.is_api(request):
        return api_http.request_error(request, exception)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if api_http.is_api(request):
        return api_http.not_found_view(request)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if api_http.is_api(request):
        return api_http.server_error(request)
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
