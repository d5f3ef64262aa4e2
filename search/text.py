"""Vietnamese-aware text folding, applied the same way at index time and at query time.

The Elasticsearch in CI has no analysis plugins (no asciifolding, no ICU), so folding happens here
in Python and both backends only ever see folded text.
"""

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lowercase, strip diacritics and map đ to d: 'Đồng Nai' -> 'dong nai'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
