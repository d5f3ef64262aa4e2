"""Security headers on every response: the Content-Security-Policy (django-csp) and the
Permissions-Policy. The policies themselves are settings (cms/settings/base.py); this module only
adds what depends on the request or on other settings: the admin's own policy and the map's tile
server."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def tile_origin(tile_url: str) -> str | None:
    """The origin a Leaflet tile URL template loads images from, as a CSP source: its `{s}`
    subdomain placeholder becomes a wildcard. None when no tile server is set."""
    parts = urlsplit(tile_url.replace("{s}", "*"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two additions: pages under /admin/ get the admin policy
    (CONTENT_SECURITY_POLICY_ADMIN replaces the directives it names), and every page may load the
    map tiles from MAP_TILE_URL's host, read at each request so a changed setting is obeyed."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        origin = tile_origin(settings.MAP_TILE_URL)
        if origin:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), origin]
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """Turns off browser features the registry never uses (camera, microphone, location,
    payment, USB…), for the page and anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy",
            ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED),
        )
        return response
