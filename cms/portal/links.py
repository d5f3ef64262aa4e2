"""Where the portal's pages live, looked up once a minute rather than on every page."""

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from registry.language import language, localized

CACHE_KEY = "portal:page-paths"
PAGE_TYPES = ("searchpage", "sitefinderpage", "comparepage", "registrypage")


def page_paths() -> dict[str, str]:
    """Page type -> path below the language prefix, e.g. {"searchpage": "search/"}; content
    pages under "content"."""
    paths = cache.get(CACHE_KEY)
    if paths is None:
        from wagtail.models import Page

        paths = {"content": []}
        home = Page.objects.filter(depth=2).first()
        if home is not None:
            for page in home.get_children().live().specific().order_by("path"):
                model = page.specific_class._meta.model_name
                relative = page.url_path.removeprefix(home.url_path)
                if model in PAGE_TYPES:
                    paths[model] = relative
                elif model == "contentpage" and page.show_in_menus:
                    paths["content"].append((relative, page.title, page.title_en))
        cache.set(CACHE_KEY, paths, 60)
    return paths


def technology_name(technology) -> str:
    return localized(technology, "name") or technology.code


def tree_url(relative: str, lang: str | None = None) -> str:
    """The address of the page at `relative` below the home page ("" for the home page)."""
    with translation.override(lang or language()):
        return reverse("wagtail_serve", args=[relative])


def page_url(model: str, lang: str | None = None) -> str:
    relative = page_paths().get(model)
    return tree_url(relative, lang) if relative is not None else ""
