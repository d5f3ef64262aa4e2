"""Security headers on every response: the Content-Security-Policy (django-csp) and the
Permissions-Policy. The policies themselves are settings (cms/settings/base.py); this module only
adds what depends on the request or on other settings: the admin's own policy and the map's tile
server."""

import base64
import hashlib
import json
import re
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


# Wagtail 8 still writes a few inline <script> elements from Python and from widget templates, which
# cannot carry a nonce: chooser widgets, date/time pickers, InlinePanel. Each is one call of a known
# Wagtail initialiser with JSON arguments; exactly those scripts are allowed, by hash.
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
WAGTAIL_INITIALISER = re.compile(
    r"\s*(?:new (?:Chooser|PageChooser|ImageChooser|DocumentChooser|SnippetChooser)"
    r"|initDateChooser|initTimeChooser|initDateTimeChooser|createTaskChooser)"
    r"\((?P<args>.*)\);\s*",
    re.S,
)
WAGTAIL_PANEL = re.compile(
    r"\s*\(function\(\) \{\s*var panel = new (?:InlinePanel|MultipleChooserPanel)"
    r"\(JSON\.parse\((?P<args>\"[^\"]*\")\)\);\s*\}\)\(\);\s*",
    re.S,
)


def is_wagtail_initialiser(script: str) -> bool:
    """True if the script only hands JSON data to one of Wagtail's own initialisers."""
    match = WAGTAIL_INITIALISER.fullmatch(script) or WAGTAIL_PANEL.fullmatch(script)
    if not match:
        return False
    try:
        json.loads(f"[{match['args']}]")
    except ValueError:
        return False
    return True


def wagtail_script_hashes(html: str) -> list[str]:
    """CSP hash sources for the Wagtail initialisers inline in an admin page."""
    return sorted(
        {
            f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
            for script in INLINE_SCRIPT.findall(html)
            if is_wagtail_initialiser(script)
        }
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two additions: pages under /admin/ get the admin policy
    (CONTENT_SECURITY_POLICY_ADMIN replaces the directives it names) plus the hashes of the
    Wagtail initialisers inline in the page, and every page may load the map tiles from
    MAP_TILE_URL's host, read at each request so a changed setting is obeyed."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
            if response.get("Content-Type", "").startswith("text/html") and not getattr(
                response, "streaming", False
            ):
                hashes = wagtail_script_hashes(response.content.decode(response.charset))
                replace["script-src"] = [*replace.get("script-src", []), *hashes]
            parts.replace = replace
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
