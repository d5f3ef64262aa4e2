"""Vietnamese-aware text folding, applied the same way at index time and at query time.

The Elasticsearch in CI has no analysis plugins (no asciifolding, no ICU), so folding happens here
in Python and both backends only ever see folded text.
"""

import unicodedata
from functools import cache


@cache
def fold_char(ch: str) -> str:
    """One character folded to one character: 'Ế' -> 'e', 'đ' -> 'd'."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Lowercase, strip diacritics and map đ to d: 'Đồng Nai' -> 'dong nai'."""
    return " ".join("".join(map(fold_char, text)).split())
