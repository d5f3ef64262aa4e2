"""Records that may be the same company: the same tax code, or a name that folds to the same or
a very similar string (flagged to curators on an enterprise's edit view). Pairs a curator marked
"not a duplicate" and records already merged into another are not listed again.

Marking is a catalogue-only write, done here; merging moves the portal's relations too and is
done by `cms.merging`."""

from dataclasses import dataclass
from difflib import SequenceMatcher
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from wagtail.log_actions import log

from .models import Enterprise, EnterpriseMerge, NotDuplicate
from .textfold import fold
from .validators import validate_ref

SIMILAR = 0.85
MARKED_NOT_DUPLICATE = "registry.not_duplicate"  # audit-log actions, registered by the admin
UNMARKED_NOT_DUPLICATE = "registry.not_duplicate_undone"
MERGED = "registry.merge"
MAX_REDIRECT_HOPS = 10
# Each record's log entry gets its own uuid: Wagtail's history shows one entry per (uuid, action)
# across records, and would hide one of the pair's.


@dataclass(frozen=True)
class Candidate:
    other: Enterprise
    why: str  # "tax_code", "same_name" or "similar_name"
    similarity: float  # of the folded names, 0..1 (1.0 for the same tax code)


def possible_duplicates(enterprise, limit: int = 10) -> list[Candidate]:
    """Other enterprises that may be this one, strongest first."""
    found = []
    names = {fold(n) for n in (enterprise.name, enterprise.name_en) if n}
    others = (
        Enterprise.objects.exclude(pk=enterprise.pk)
        .exclude(pk__in=not_duplicate_ids(enterprise))
        .filter(merged_into__isnull=True)
        .only("ref", "name", "name_en", "tax_code", "live")
    )
    for other in others:
        if enterprise.tax_code and other.tax_code == enterprise.tax_code:
            found.append((2.0, Candidate(other, "tax_code", 1.0)))
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
            why = "same_name" if best == 1.0 else "similar_name"
            found.append((best, Candidate(other, why, best)))
    found.sort(key=lambda f: (-f[0], f[1].other.ref))
    return [candidate for _score, candidate in found[:limit]]


def not_duplicate_ids(enterprise) -> set[int]:
    pairs = NotDuplicate.objects.filter(Q(first=enterprise) | Q(second=enterprise))
    return {
        first if second == enterprise.pk else second
        for first, second in pairs.values_list("first_id", "second_id")
    }


def not_duplicate_pairs(enterprise):
    """The pairs marked "not a duplicate" that involve this enterprise, newest first."""
    return NotDuplicate.objects.filter(Q(first=enterprise) | Q(second=enterprise)).select_related(
        "first", "second"
    )


def mark_not_duplicate(one: Enterprise, other: Enterprise, user) -> NotDuplicate | None:
    """Store the pair once, whichever way round it was marked; None when it was already."""
    if one.pk == other.pk:
        raise ValueError("a record is always a duplicate of itself")
    first, second = sorted((one, other), key=lambda e: e.pk)
    try:
        with transaction.atomic():
            pair = NotDuplicate.objects.create(first=first, second=second, created_by=user)
            for record, partner in ((first, second), (second, first)):
                data = {"other": {"id": partner.pk, "ref": partner.ref}}
                log(
                    instance=record, action=MARKED_NOT_DUPLICATE, user=user, data=data, uuid=uuid4()
                )
    except IntegrityError:  # marked twice (a double click, two curators): the first one holds
        return None
    return pair


def unmark_not_duplicate(pair: NotDuplicate, user) -> None:
    """The pair may be the same company after all: both records list each other again."""
    with transaction.atomic():
        for record, partner in ((pair.first, pair.second), (pair.second, pair.first)):
            data = {"other": {"id": partner.pk, "ref": partner.ref}}
            log(instance=record, action=UNMARKED_NOT_DUPLICATE, user=user, data=data, uuid=uuid4())
        pair.delete()


def survivor_of(kind: str, ref: str) -> Enterprise | None:
    """Where an unpublished, merged record's public address now leads: the published record it
    was merged into (following later merges), or None."""
    if kind != Enterprise.kind:
        return None
    try:
        validate_ref(
            ref
        )  # a ref that cannot be one (a NUL byte: PostgreSQL refuses it) led nowhere
    except ValidationError:
        return None
    merge = (
        EnterpriseMerge.objects.filter(merged__ref=ref, merged__live=False)
        .select_related("survivor")
        .first()
    )
    for _hop in range(MAX_REDIRECT_HOPS):
        if merge is None:
            return None
        survivor = merge.survivor
        if survivor.live:
            return survivor
        merge = EnterpriseMerge.objects.filter(merged=survivor).select_related("survivor").first()
    return None
