"""Template helpers: the record's text in the page language, with fallback; JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from cms.portal.links import localized
from registry.addresses import record_url

register = template.Library()

PAIRS = {
    "name": ("name_en", "name"),
    "description": ("description_en", "description_vi"),
    "summary": ("summary_en", "summary_vi"),
    "incentives": ("incentives_en", "incentives_vi"),
    "reasoning": ("reasoning_en", "reasoning_vi"),
}


@register.filter
def loc(obj, field: str):
    """`record|loc:"name"`: the English text on English pages when there is one, else the
    Vietnamese."""
    return localized(obj, *PAIRS[field])


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
