from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_GET
from wagtail.views import serve as serve_page

from registry.addresses import absolute_url, record_url
from registry.duplicates import survivor_of
from search import api_http

from .portal.links import page_paths, page_url


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


# Endpoints whose query strings are endless (every search is a new URL): crawlers stay out.
UNCRAWLED_API_ROUTES = ("api-search", "api-suggest", "api-match")
# The open data crawlers and dataset search engines are welcome to.
OPEN_DATA_ROUTES = ("api-export", "api-geojson", "api-catalog", "data-json")


@require_GET
def robots_txt(request):
    """Crawlers may read the portal and download the open data; not the admin, nor search
    results (the API's, and the portal's search and finder pages once given a query)."""
    lines = ["User-agent: *", f"Disallow: {reverse('wagtailadmin_home')}"]
    lines += [f"Disallow: {reverse(route)}" for route in UNCRAWLED_API_ROUTES]
    lines += [f"Disallow: {path}?" for path in query_pages()]
    lines += [f"Allow: {reverse(route)}" for route in OPEN_DATA_ROUTES]
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def query_pages() -> list[str]:
    """The search and finder pages in each language: their query-string results are endless."""
    return [
        page_url(model, lang)
        for model in ("searchpage", "sitefinderpage")
        for lang, _name in settings.LANGUAGES
        if page_url(model, lang)
    ]


def record_page(request, kind, ref, action=""):
    """A record's permanent address, /<lang>/registry/<kind>/<ref>/[action/]: the named routes
    that `Record.get_absolute_url` reverses. The RegistryPage renders it, through Wagtail's own
    serving (site, privacy, hooks), wherever curators keep that page in the tree."""
    if request.method in ("GET", "HEAD"):
        survivor = survivor_of(kind, ref)
        if survivor is not None:  # merged into another record: its address leads there, for good
            return HttpResponsePermanentRedirect(
                record_url(kind, survivor.ref, action=action.rstrip("/"))
            )
    registry_path = page_paths().get("registrypage")
    if registry_path is None:  # this site has no record pages: the record's data instead
        return redirect("api-record", kind=kind, ref=ref)
    # Wagtail routes by the page tree's path (not a URL): the page's path, then its sub-route.
    return serve_page(request, f"{registry_path}{kind}/{ref}/{action}")
