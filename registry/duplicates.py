"""Records that may be the same company: the same tax code, or a name that folds to the same or
a very similar string (flagged to curators when a founder's profile awaits review)."""

from difflib import SequenceMatcher

from .models import Enterprise
from .textfold import fold

SIMILAR = 0.85


def possible_duplicates(enterprise, limit: int = 10) -> list[tuple[object, str]]:
    """(other enterprise, why) pairs, strongest first."""
    found = []
    names = {fold(n) for n in (enterprise.name, enterprise.name_en) if n}
    others = Enterprise.objects.exclude(pk=enterprise.pk).only("ref", "name", "name_en", "tax_code")
    for other in others:
        if enterprise.tax_code and other.tax_code == enterprise.tax_code:
            found.append((2.0, other, "tax_code"))
            continue
        best = max(
            (
                SequenceMatcher(None, a, fold(b)).ratio()
                for a in names
                for b in (other.name, other.name_en)
                if b
            ),
            default=0.0,
        )
        if best >= SIMILAR:
            found.append((best, other, "same_name" if best == 1.0 else "similar_name"))
    found.sort(key=lambda f: (-f[0], f[1].ref))
    return [(other, why) for _score, other, why in found[:limit]]
