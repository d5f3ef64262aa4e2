"""Where a record's figures come from and when they were last confirmed, as its public page (and
the owner's "still correct?" page) says it: the source (a link only when it is an http(s)
address), the date and who verified it, and whether it is past its kind's freshness rule."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from registry.freshness import OWNER_CONFIRMATION, is_stale


@dataclass(frozen=True)
class Provenance:
    source: str
    source_url: str  # the source itself when it is a web address, else ""
    verified_on: date | None
    verified_by: str
    stale: bool


def verified_by_label(value: str) -> str:
    """The owner's confirmation is stored in one form and read in the page's language."""
    return gettext("the owner's confirmation") if value == OWNER_CONFIRMATION else value


def provenance(record) -> Provenance:
    source = record.source.strip()
    is_address = source.lower().startswith(("http://", "https://")) and " " not in source
    return Provenance(
        source=source,
        source_url=source if is_address else "",
        verified_on=record.verified_on,
        verified_by=verified_by_label(record.verified_by),
        stale=is_stale(record),
    )
