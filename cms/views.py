from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_GET
from wagtail.views import serve as serve_page

from registry.addresses import absolute_url
from search import api_http

from .portal.links import page_paths


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
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Disallow: {reverse('api-export')}",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def record_page(request, kind, ref, action=""):
    """A record's permanent address, /<lang>/registry/<kind>/<ref>/[action/]: the named routes
    that `Record.get_absolute_url` reverses. The RegistryPage renders it, through Wagtail's own
    serving (site, privacy, hooks), wherever curators keep that page in the tree."""
    registry_path = page_paths().get("registrypage")
    if registry_path is None:  # this site has no record pages: the record's data instead
        return redirect("api-record", kind=kind, ref=ref)
    # Wagtail routes by the page tree's path (not a URL): the page's path, then its sub-route.
    return serve_page(request, f"{registry_path}{kind}/{ref}/{action}")
