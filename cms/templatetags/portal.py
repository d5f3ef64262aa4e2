"""Template helpers: the record's text in the page language, with fallback; JSON-LD."""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from registry.addresses import record_url
from registry.language import localized

register = template.Library()


@register.filter
def loc(obj, field: str):
    """`record|loc:"name"`: `name` or `name_en` as the page's language wants
    (registry.language's rule)."""
    return localized(obj, field)


@register.simple_tag
def record_link(kind, ref):
    return record_url(kind, ref)


@register.filter
def jsonld(data) -> str:
    """A <script type="application/ld+json"> block; '<' escaped so no text can end it."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def url_with(context, **changes):
    """The current URL with some query parameters changed (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def icon(name: str, size: int = 24) -> str:
    """An icon of the portal's sprite (scripts/build-icons.mjs), decorative: hidden from screen
    readers, whose text is beside it."""
    return format_html(
        '<svg class="icon icon-{}" width="{}" height="{}" aria-hidden="true" focusable="false">'
        '<use href="{}#{}"></use></svg>',
        name,
        size,
        size,
        static("icons/sprite.svg"),
        name,
    )
