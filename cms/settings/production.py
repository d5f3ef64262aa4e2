"""Production: DEBUG off, a real SECRET_KEY, HTTPS-only cookies and HSTS, static files through
WhiteNoise (compressed, with hashed names). Served by gunicorn (deploy/gunicorn.conf.py)."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

from cms.logs import json_logging

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY, env_bool, env_list, site_url

DEBUG = False
DEMO_ADMIN = False
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", True)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production settings).")
# Rotation: the new key in SECRET_KEY, the old ones here until sessions and reset links signed
# with them have expired (README, "Rotating secrets").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (deploy/nginx.conf).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host not in {"*"}]


def names_the_site(host: str) -> bool:
    """Whether an ALLOWED_HOSTS entry is a public host name (not a wildcard, loopback or IP)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host != "localhost" and not host.startswith(".") and "*" not in host
    return False


# One canonical address for links and search engines: SITE_URL, or HTTPS on the first allowed
# host name (a wildcard or an address names no site, so then SITE_URL is required).
if not os.environ.get("SITE_URL"):
    if not names_the_site(ALLOWED_HOSTS[0]):
        raise ImproperlyConfigured(
            "SITE_URL must be set (e.g. https://hub.dongnai.gov.vn) when the first of "
            "ALLOWED_HOSTS is not the site's public host name."
        )
    SITE_URL = site_url(f"https://{ALLOWED_HOSTS[0]}")
    WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL

# WhiteNoise serves the collected static files from the application itself, right after the
# security middleware so that its responses carry the security headers too.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# JSON lines on stderr, each with its request's id: a 500's traceback lands in the service's log.
LOGGING = json_logging(os.environ.get("LOG_LEVEL", "INFO"))
