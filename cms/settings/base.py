"""Settings shared by every environment.

All configuration that varies between installs is read from the environment here, in one place:
DATABASE_URL, ELASTICSEARCH_URL, SEARCH_INDEX_PREFIX, SECRET_KEY, ALLOWED_HOSTS, DEBUG.
With none of them set the project runs on SQLite and the database search backend.
"""
# size: every setting read from the environment in one place, as the README's table lists them

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("DNHUB_DATA_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def site_url(value: str) -> str:
    """The one address the site is known by ("https://host[:port]", no path): every absolute
    link (canonical, hreflang, sitemap, JSON-LD, e-mails) starts with it, whatever Host a
    request came with."""
    scheme, _sep, rest = value.strip().rstrip("/").partition("://")
    if scheme not in {"http", "https"} or not rest or any(c in rest for c in "/?#@ "):
        raise ImproperlyConfigured(
            f"SITE_URL must be http(s)://host[:port] with no path, not {value!r}"
        )
    return f"{scheme}://{rest.lower()}"


RATE_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def env_rate(name: str, default: str) -> tuple[int, int] | None:
    """A rate such as "300/minute" as (300, 60): requests, seconds; empty or 0: None (off)."""
    value = os.environ.get(name, default).strip().lower()
    count, _slash, period = value.partition("/")
    if value in {"", "0", "off"}:
        return None
    if not count.isdigit() or period not in RATE_PERIODS:
        periods = ", ".join(RATE_PERIODS)
        raise ImproperlyConfigured(
            f"{name} must be like 300/minute (per {periods}), or empty for none, not {value!r}"
        )
    return (int(count), RATE_PERIODS[period]) if int(count) else None


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# The canonical address (registry.addresses.absolute_url); production derives it from
# ALLOWED_HOSTS when unset.
SITE_URL = site_url(os.environ.get("SITE_URL") or "http://localhost:8000")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'dnhub.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the portal read while an import writes. IMMEDIATE transactions queue writers on
    # the busy timeout instead of failing one of two that read then write (the cache's `add`).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }

# Rate limits live in a cache shared by every process (they must hold with several workers):
# Redis or Valkey when REDIS_URL is set, else a table in the database (`createcachetable` runs
# after each migrate). MAX_ENTRIES is high because the database cache culls a third of its rows
# when full, which would forget rate-limit slots; it counts its rows on each write, hence not
# higher (busy sites use Redis). The default cache (page paths, the sample notice) stays in
# memory without Redis: it is read on every page, and a database query each time would cost
# more than it saves.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    # A dead Redis must fail a request fast, not hold a server thread.
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}
CACHES = {
    "default": REDIS_CACHE
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": REDIS_CACHE
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "dnhub_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
# How many reverse proxies append to X-Forwarded-For in front of the app: 0 uses REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Requests one client address may make to the public API (/api/, /data.json), in the shared
# cache above: (requests, seconds), or None for no limit (cms/api_edge/throttle.py).
API_THROTTLE = env_rate("API_THROTTLE", "300/minute")

# Search: Elasticsearch when ELASTICSEARCH_URL is set, else the embedded database backend.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "dnhub")
SEARCH_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_TIMEOUT_SECONDS", "1"))
SEARCH_WRITE_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_WRITE_TIMEOUT_SECONDS", "30"))
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
SEARCH_RETRY_MAX_SECONDS = int(os.environ.get("SEARCH_RETRY_MAX_SECONDS", "300"))
# How often requests look for outbox work left behind by an outage, and retry it (0: never).
SEARCH_RETRY_CHECK_SECONDS = float(os.environ.get("SEARCH_RETRY_CHECK_SECONDS", "10"))
# How long the API keeps a search's answer in the default cache (search/answer_cache.py; 0: not
# at all). Publishing makes a new key at once: this only bounds the memory answers hold.
SEARCH_ANSWER_CACHE_SECONDS = int(os.environ.get("SEARCH_ANSWER_CACHE_SECONDS", "600"))

# Background work (the search outbox): run at once in the embedded default; in production set
# TASKS_BACKEND=database and run `manage.py db_worker` beside the web server.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# The largest spreadsheet (CSV, XLSX) an import reads; an XLSX may unpack to ten times this.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))

INSTALLED_APPS = [
    "registry",
    "search",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",  # the API's documentation page from its own static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First: probes get their answer before host validation and the HTTPS redirect (cms/health.py).
    "cms.health.HealthCheckMiddleware",
    "cms.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "cms.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The public API's CORS, caching, validators, HEAD and throttle (cms/api_edge).
    "cms.api_edge.middleware.ApiHttpMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "search.middleware.OutboxRetryMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.portal",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English complete.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Dates in each language's own words (cms/formats); numbers are grouped where people read them
# (formats.number_format(force_grouping=True)), never in codes, years or machine-read values.
FORMAT_MODULE_PATH = ["cms.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
# Leaflet, installed from npm by scripts/bootstrap; without it the portal shows no map.
if (BASE_DIR / "node_modules" / "leaflet" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"))
if (BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist").is_dir():
    STATICFILES_DIRS.append(
        (
            "vendor/leaflet.markercluster",
            BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist",
        )
    )

# The portal's map background. With the tiles unreachable the markers still show on a plain
# background; set MAP_TILE_URL="" to never ask a tile server.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")

# Content-Security-Policy (django-csp; cms/security.py adds MAP_TILE_URL's host to img-src).
# The portal runs only its own static scripts: no inline script, no eval, no inline style.
# JSON-LD blocks are data, not script, and need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (under ADMIN_URL_PREFIX) replaces these directives. Its scripts are its own
# static files, plus the inline initialisers Wagtail 8 writes from Python (choosers, date pickers,
# InlinePanel), which cannot carry a nonce: cms/security.py allows exactly those by hash, so no
# 'unsafe-inline' for scripts, and no eval. Wagtail's templates and scripts set style attributes,
# hence style-src 'unsafe-inline' (styles cannot run code). Images may be data:/blob: (previews of
# uploads); the dashboard asks releases.wagtail.org for the latest version; frames: its own
# previews (the location preview is a Leaflet map on MAP_TILE_URL); it may be framed by itself.
ADMIN_URL_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Browser features nobody on the portal or in the admin needs, off for every page and frame.
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Founders sign in on the portal (the admin has its own sign-in page).
LOGIN_URL = "/account/login/"
LOGIN_REDIRECT_URL = "/account/"
# Sign-in failures (portal and admin, one policy) and account e-mails (verification, password
# reset), per hour, per account and per client address.
SIGNIN_FAILURES_PER_ACCOUNT = int(os.environ.get("SIGNIN_FAILURES_PER_ACCOUNT", "10"))
SIGNIN_FAILURES_PER_CLIENT = int(os.environ.get("SIGNIN_FAILURES_PER_CLIENT", "30"))
ACCOUNT_EMAILS_PER_ADDRESS = int(os.environ.get("ACCOUNT_EMAILS_PER_ADDRESS", "3"))
ACCOUNT_EMAILS_PER_CLIENT = int(os.environ.get("ACCOUNT_EMAILS_PER_CLIENT", "10"))
# What the founders' landing page promises: a curator reviews a submitted profile within this.
FOUNDER_REVIEW_WORKING_DAYS = int(os.environ.get("FOUNDER_REVIEW_WORKING_DAYS", "5"))
# A second factor (TOTP) for staff: with this on, staff without a confirmed device are sent to
# set one up before using the admin. Production settings turn it on by default.
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", False)
OTP_TOTP_ISSUER = "Đồng Nai Digital Hub"

# Investor inquiries: who the agency's notification goes to, and how many one address may send.
INQUIRY_EMAIL = os.environ.get("INQUIRY_EMAIL", "investment@dnhub.invalid")
# The contact an investor's acknowledgement names beside INQUIRY_EMAIL (empty: none given).
INQUIRY_PHONE = os.environ.get("INQUIRY_PHONE", "")
INQUIRY_RATE_LIMIT = int(os.environ.get("INQUIRY_RATE_LIMIT", "5"))  # per hour
# Responses to challenges one account may send (or edit) per hour.
CHALLENGE_RESPONSE_RATE_LIMIT = int(os.environ.get("CHALLENGE_RESPONSE_RATE_LIMIT", "10"))
# Open data: the licence of every published record, stated wherever a licence is (catalogue,
# data.json, the open-data page, its schema.org markup); a licence's URI. And the contact point
# the catalogue names: an agency's functional mailbox, never a person's.
OPEN_DATA_LICENCE = os.environ.get(
    "OPEN_DATA_LICENCE", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", INQUIRY_EMAIL)
# Ask an expert: days an expert's signed answer link works; questions a client may ask an hour.
ASK_LINK_MAX_AGE_DAYS = int(os.environ.get("ASK_LINK_MAX_AGE_DAYS", "30"))
ASK_RATE_LIMIT = int(os.environ.get("ASK_RATE_LIMIT", "5"))
# Freshness (issue #14): how long the "still correct?" link works, and the name that "Mark
# verified" in the admin writes into verified_by (empty: the agency's name in Vietnamese). Public:
# an organisation or office, never a person's name or e-mail.
FRESHNESS_LINK_DAYS = int(os.environ.get("FRESHNESS_LINK_DAYS", "30"))
FRESHNESS_VERIFIED_BY = os.environ.get("FRESHNESS_VERIFIED_BY", "")
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Files the admin keeps but never serves at a public address (the spreadsheets curators import,
# downloadable by curators through the admin only): outside MEDIA_ROOT on purpose.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or DATA_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The founders' form takes a logo and five photos, the admin one image a request: more than ten
# files is refused (400) before any is read. Uploads over 2.5 MB (Django's default
# FILE_UPLOAD_MAX_MEMORY_SIZE) wait in a temporary file, not in memory; the reverse proxy should
# cap a request's body (e.g. nginx client_max_body_size 25m).
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# The agency's branding of the admin, set here once (cms/admin_branding.py): the name on the
# sign-in page, the tab titles and the sidebar; the logo (a path among the static files); the
# sidebar's (primary) and the buttons' and links' (secondary) colours, as #rrggbb.
AGENCY_NAME = os.environ.get("AGENCY_NAME") or "Đồng Nai Digital Hub"
AGENCY_LOGO = os.environ.get("AGENCY_LOGO") or "img/favicon.svg"
AGENCY_PRIMARY_COLOUR = os.environ.get("AGENCY_PRIMARY_COLOUR") or "#07344f"
AGENCY_SECONDARY_COLOUR = os.environ.get("AGENCY_SECONDARY_COLOUR") or "#0b5c8c"
WAGTAIL_SITE_NAME = AGENCY_NAME
# No Gravatar: it would send a hash of each curator's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin's links in e-mails (Wagtail's notices, inquiries): the site's own address unless
# the admin is served elsewhere.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or SITE_URL
# CMS pages are few; Wagtail's own page search stays on the database in every install.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploaded images are checked by content and re-encoded without EXIF (registry/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "registry.forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "docx", "txt", "zip"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@dnhub.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "dnhub": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "elastic_transport": {"handlers": ["console"], "level": "WARNING"},
    },
}
