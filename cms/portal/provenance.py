"""Where a record's figures come from and when they were last confirmed, as its public page (and
the owner's "still correct?" page) says it: the source (a link only when it is an http(s)
address), the date and who verified it, and whether it is past its kind's freshness rule."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from registry.freshness import OWNER_CONFIRMATION, is_stale

SOURCE_SEPARATOR = " · "  # between the citations of one source (the seeds cite several pages)


@dataclass(frozen=True)
class Citation:
    text: str
    url: str  # the text itself when it is an http(s) address, else ""


@dataclass(frozen=True)
class Provenance:
    source: list[Citation]
    verified_on: date | None
    verified_by: str
    stale: bool


def verified_by_label(value: str) -> str:
    """The owner's confirmation is stored in one form and read in the page's language."""
    return gettext("the owner's confirmation") if value == OWNER_CONFIRMATION else value


def citation(text: str) -> Citation:
    is_address = text.lower().startswith(("http://", "https://")) and not any(
        c.isspace() for c in text
    )
    return Citation(text, text if is_address else "")


def provenance(record) -> Provenance:
    parts = [part.strip() for part in record.source.split(SOURCE_SEPARATOR.strip())]
    return Provenance(
        source=[citation(part) for part in parts if part],
        verified_on=record.verified_on,
        verified_by=verified_by_label(record.verified_by),
        stale=is_stale(record),
    )
