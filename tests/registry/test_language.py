"""The one language fallback (registry/language.py), and a guard that it stays the only one."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from registry.language import in_language, language, localized
from registry.models import Zone

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize(
    ("lang", "vietnamese", "english", "shown"),
    [
        ("en", "Khu công nghệ số", "Digital Park", "Digital Park"),
        ("vi", "Khu công nghệ số", "Digital Park", "Khu công nghệ số"),
        ("en", "Khu công nghệ số", "", "Khu công nghệ số"),  # no English: the Vietnamese
        ("vi", "", "Digital Park", "Digital Park"),  # known only in English: still shown
        ("en-gb", "Khu", "Park", "Park"),
        ("fr", "Khu", "Park", "Khu"),  # any other language reads the primary, Vietnamese
        ("en", "", "", ""),
    ],
)
def test_english_readers_get_english_when_there_is_some_and_others_vietnamese(
    lang, vietnamese, english, shown
):
    zone = Zone(name=vietnamese, name_en=english)
    assert localized(zone, "name", lang) == shown
    assert localized({"name": vietnamese, "name_en": english}, "name", lang) == shown
    assert in_language(vietnamese, english, lang) == shown


def test_without_a_language_the_active_one_decides():
    zone = Zone(description="Bán dẫn.", description_en="Chips.")
    with translation.override("en"):
        assert (language(), localized(zone, "description")) == ("en", "Chips.")
    with translation.override("vi"):
        assert (language(), localized(zone, "description")) == ("vi", "Bán dẫn.")


# What an inline copy of the rule looks like: `(x.name_en if english else "") or x.name`,
# `doc.get("name_en") if ... else ...`, `h.name_en or h.name`, `... if english else ...`,
# `{% if LANGUAGE_CODE == "en" and page.intro_en %}`.
INLINE_FALLBACK = re.compile(
    r"_en\b[\]\)\"']*\s+if\b.*\belse\b"
    r"|\b(\w+)_en\b[\]\"']*\s+or\s+[\w.\[\]\"']*\b\1\b"
    r"|\bif\s+english\s+else\b"
    r"|LANGUAGE_CODE\s*==\s*[\"']en[\"']\s+and\b"
)


def test_no_inline_language_fallback_outside_registry_language():
    """Every bilingual text goes through registry.language (a template: the `loc` filter), so
    a change of the rule is a change in one place."""
    sources = [
        path
        for package in ("registry", "search", "cms")
        for pattern in ("*.py", "*.html", "*.txt")
        for path in (REPO / package).rglob(pattern)
        if "migrations" not in path.parts and path != REPO / "registry" / "language.py"
    ]
    assert len(sources) > 50
    copies = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE_FALLBACK.search(line)
    ]
    assert copies == [], "use registry.language.localized / in_language instead:\n" + "\n".join(
        copies
    )
