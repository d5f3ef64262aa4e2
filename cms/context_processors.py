from django.conf import settings
from django.core.cache import cache

from registry.language import in_language, language
from registry.models import KINDS

from .portal.links import page_paths, page_url, tree_url
from .portal.seo import head_context

SAMPLE_NOTICE_CACHE_KEY = "portal:has-published-sample-data"


def has_published_sample_data() -> bool:
    """True while any invented ('sample-') record is public: the portal must say so."""
    cached = cache.get(SAMPLE_NOTICE_CACHE_KEY)
    if cached is None:
        cached = any(model.objects.published().samples().exists() for model in KINDS.values())
        cache.set(SAMPLE_NOTICE_CACHE_KEY, cached, 60)
    return cached


LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def language_links(request) -> list[dict]:
    """The same page in each language, for the language switch: the path (and query) with its
    language prefix swapped. Search engines' alternates are cms.portal.seo's."""
    path = request.get_full_path()
    rest = path[3:] if path[:4] in ("/vi/", "/en/") else "/"
    current = language()
    return [
        {
            "code": code,
            "name": name,
            "url": f"/{code}{rest}",
            "current": code == current,
        }
        for code, name in LANGUAGE_NAMES.items()
    ]


def portal(request):
    paths = page_paths()
    lang = language()
    return {
        **head_context(request),
        "show_sample_data_notice": has_published_sample_data,
        "language_links": language_links(request),
        "nav": {
            "home": tree_url(""),
            "search": page_url("searchpage"),
            "finder": page_url("sitefinderpage"),
            "compare": page_url("comparepage"),
            "guides": [
                {"url": tree_url(relative), "title": in_language(title, title_en, lang)}
                for relative, title, title_en in paths.get("content", [])
            ],
        },
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "shortlist_size": len(request.session.get("compare", []))
        if hasattr(request, "session")
        else 0,
    }
