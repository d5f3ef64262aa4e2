"""Text excerpts around the query's words, highlighted, made the same way for both backends
(the API's `snippet` field; nothing to do with Wagtail snippets).

Folding maps each character to at most one character, so positions found in the folded text
point at the same characters of the original, diacritics and all.
"""

from django.utils.html import escape

from registry.textfold import fold_char

WINDOW = 160


def excerpt(text: str, words: list[str], window: int = WINDOW) -> str:
    """A short extract of `text` around the first query word, words wrapped in <mark>; HTML-safe."""
    if not text:
        return ""
    folded = "".join(fold_char(ch) for ch in text)
    hits = []
    for word in words:
        start = 0
        while (pos := folded.find(word, start)) != -1:
            # whole words and prefixes only, as the search itself matches
            if pos == 0 or not folded[pos - 1].isalnum():
                hits.append((pos, pos + len(word)))
            start = pos + 1
    first = min((h[0] for h in hits), default=0)
    begin = max(0, first - window // 3)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < first else begin
    end = min(len(text), begin + window)
    parts, cursor = [], begin
    for start, stop in sorted(h for h in hits if h[0] >= begin and h[1] <= end):
        if start < cursor:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        cursor = stop
    parts.append(escape(text[cursor:end]))
    return ("…" if begin else "") + "".join(parts) + ("…" if end < len(text) else "")
