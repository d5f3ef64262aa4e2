"""The one rule for bilingual text, used by every layer (API, portal, e-mails, JSON-LD, PDFs).

Vietnamese is the primary language: its text is the plain field (`name`, `description`), the
English text is `<field>_en`. English readers get the English text when there is one, everyone
else the Vietnamese, and a record known only by its English text still shows that text.
"""

from django.utils.translation import get_language


def language(code: str | None = None) -> str:
    """ "en" or "vi": `code` (default: the active language) reduced to the portal's two."""
    code = code or get_language() or "vi"
    return "en" if code.startswith("en") else "vi"


def in_language(vietnamese, english, lang: str | None = None):
    """The text of the pair to show in `lang` (default: the active language). Texts are usually
    strings; rich text and StreamField values work too (an empty one is returned as it is)."""
    if language(lang) == "en" and english:
        return english
    return vietnamese if vietnamese or not english else english


def localized(obj, field: str, lang: str | None = None) -> str:
    """`obj.<field>` in `lang` (default: the active language), from `field` and `field_en`;
    `obj` is a model, a search hit or a dict (e.g. a row of `.values()`)."""
    if isinstance(obj, dict):
        return in_language(obj.get(field, ""), obj.get(f"{field}_en", ""), lang)
    return in_language(getattr(obj, field, ""), getattr(obj, f"{field}_en", ""), lang)
