"""Free text as both backends read it: the technologies it names, and how results are ranked.

Investors search in their own words: "OSAT", "data center", "trung tâm dữ liệu", "hyperscale".
A phrase of the query that is a technology's name, code or synonym (taxonomy data the agency
edits in the admin) matches a record that mentions the phrase OR is tagged with that technology
(which, since documents carry every ancestor of their codes, includes its children). The other
words must appear in the text as before. The expansion happens at query time, so a synonym a
curator adds works at once, with no reindex.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from registry.models import Technology
from registry.textfold import fold

# Letters and digits: how names, synonyms and the query are cut into tokens for phrase matching.
TOKEN = re.compile(r"[^\W_]+")

# Relevance tiers, the same on both backends (Elasticsearch adds BM25 within a tier): names
# weigh more than descriptions, a place's own name more than a firm named after the place, and
# a record tagged with a technology the query names more than one that only mentions it.
NAME_MATCH = 4  # every word of the query is in the record's names
ZONE_NAME_MATCH = 4  # ... and the record is a zone: a place search most often means the place
DIGITAL_ZONE_NAME_MATCH = 2  # ... a zone built for digital technology, what the portal is for
TAGGED = 2  # tagged with a technology the query names
DIGITAL_ZONE_KINDS = ("it_park", "high_tech_park", "innovation_zone")


def tokens(text: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold(text)))


@dataclass(frozen=True)
class NamedTechnology:
    """Consecutive words of the query that name one or more technologies."""

    words: tuple[str, ...]  # as typed (folded)
    phrase: tuple[str, ...]  # their tokens, matched as a phrase in the text
    codes: tuple[str, ...]


@dataclass(frozen=True)
class TextQuery:
    words: tuple[str, ...]  # every folded word of the query
    free_words: tuple[str, ...]  # words outside technology names: each must be in the text
    technologies: tuple[NamedTechnology, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted({code for named in self.technologies for code in named.codes}))


def phrase_pattern(phrase: tuple[str, ...]) -> str:
    """A regular expression for the phrase as whole words in folded text, understood alike by
    SQLite (Python's re) and PostgreSQL: 'data centre' matches 'data-centre,' not 'data centres'."""
    gap = "[^a-z0-9]+"
    return f"(^|[^a-z0-9]){gap.join(map(re.escape, phrase))}([^a-z0-9]|$)"


def read(words: list[str] | tuple[str, ...]) -> TextQuery:
    """Split the query's folded words into technology names (longest first, left to right) and
    free words. One small query: the taxonomy is read at each search, so every process sees a
    curator's change at once."""
    words = tuple(words)
    if not words:
        return TextQuery((), ())
    rows = Technology.objects.order_by("code").values_list("code", "name", "name_en", "synonyms")
    table = phrase_table(tuple((c, vi, en, tuple(syn or ())) for c, vi, en, syn in rows))
    longest = max(map(len, table), default=0)
    # (token, index of the word it comes from): a name must cover whole words.
    flat = [(token, i) for i, word in enumerate(words) for token in TOKEN.findall(word)]
    named, used = [], set()
    start = 0
    while start < len(flat):
        found = None
        if start == 0 or flat[start - 1][1] != flat[start][1]:
            for end in range(min(len(flat), start + longest), start, -1):
                if end < len(flat) and flat[end][1] == flat[end - 1][1]:
                    continue  # would end inside a word
                phrase = tuple(token for token, _i in flat[start:end])
                if phrase in table:
                    found = end, phrase
                    break
        if found is None:
            start += 1
            continue
        end, phrase = found
        span = range(flat[start][1], flat[end - 1][1] + 1)  # with any '&' or '-' in between
        named.append(NamedTechnology(tuple(words[i] for i in span), phrase, table[phrase]))
        used.update(span)
        start = end
    free = tuple(word for i, word in enumerate(words) if i not in used)
    return TextQuery(words, free, tuple(named))


@lru_cache(maxsize=8)
def phrase_table(rows: tuple) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Phrase (tokens) -> the codes it names, from (code, name, name_en, synonyms) rows.
    Cached on the rows themselves, so an edited taxonomy builds a new table."""
    table: dict[tuple[str, ...], set[str]] = {}
    for code, name_vi, name_en, synonyms in rows:
        for text in (code.replace(".", " "), name_vi, name_en, *synonyms):
            phrase = tokens(text)
            if phrase:
                table.setdefault(phrase, set()).add(code)
    return {phrase: tuple(sorted(codes)) for phrase, codes in table.items()}
