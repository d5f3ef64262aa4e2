"""Where a record lives on the site, by Django's URL reversing: the catalogue names the route
("registry-record") and the project's URLconf provides it (the portal serves it), so nothing that
needs a record's address imports the portal."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

RECORD_ROUTE = "registry-record"
QUESTION_ROUTE = "question-page"  # "ask an expert": a published question, found by search


def site_language() -> str:
    """The active language as one of the site's (LANGUAGES): "en-us" is "en"; one the site does
    not have is the default language."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def record_url(kind: str, ref: str, lang: str | None = None, action: str = "") -> str:
    """The public page of a record, in `lang` (default: the active language); with `action`
    ("inquiry", "site-profile"), the page's route of that name."""
    with translation.override(lang or site_language()):
        if kind == "question":  # a search-only kind: the Q&A pages of "ask an expert"
            return reverse(QUESTION_ROUTE, kwargs={"ref": ref})
        route = f"{RECORD_ROUTE}-{action}" if action else RECORD_ROUTE
        return reverse(route, kwargs={"kind": kind, "ref": ref})


def absolute_url(path: str) -> str:
    """`path` ("/vi/...") at the site's one canonical address (settings.SITE_URL), whichever
    host a request came in by: for links that leave the page (canonical, hreflang, sitemap,
    JSON-LD, catalogues, e-mails). An address that is already absolute (static or media files
    on another host) is kept."""
    if path.startswith(("https://", "http://")):
        return path
    if path.startswith("//"):
        return f"{settings.SITE_URL.split(':', 1)[0]}:{path}"
    return settings.SITE_URL + (path if path.startswith("/") else f"/{path}")
