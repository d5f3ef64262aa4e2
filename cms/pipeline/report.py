"""The inquiry pipeline's figures for a period, for the report page and its XLSX: counts by
status, country, sector, zone and officer; the median time to first contact; the conversions.

Definitions (the README's report section repeats them):
- the period holds the inquiries *received* from its first to its last day (local time);
- first contact: the first move out of "new" in the inquiry's history, minus its arrival; an
  inquiry that left "new" before the history existed has none and is not in the median;
- reached a site visit: a move to "site visit" in the history, or a status now of site visit or
  won; won: the status is won now. Both are shares of the inquiries received in the period.
"""

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

from cms.portal.inquiries import COUNTRIES
from cms.portal.links import technology_name
from cms.portal.models import Inquiry
from registry.language import localized

from .resolve import top_level_sectors, zones_of
from .sectors import visible_inquiries

Status = Inquiry.Status
DEFAULT_DAYS = 90


@dataclass
class Outcome:
    """What happened to one inquiry, read from its status and history."""

    first_contact: dt.timedelta | None
    reached_site_visit: bool
    won: bool


@dataclass
class Group:
    """The figures of a set of inquiries (the period's, or one officer's)."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def received(self) -> int:
        return len(self.outcomes)

    @property
    def contacted(self) -> int:
        return sum(o.first_contact is not None for o in self.outcomes)

    @property
    def median_first_contact(self) -> dt.timedelta | None:
        waits = [o.first_contact.total_seconds() for o in self.outcomes if o.first_contact]
        return dt.timedelta(seconds=statistics.median(waits)) if waits else None

    @property
    def site_visits(self) -> int:
        return sum(o.reached_site_visit for o in self.outcomes)

    @property
    def won(self) -> int:
        return sum(o.won for o in self.outcomes)

    @property
    def site_visit_rate(self) -> float | None:
        return self.site_visits / self.received if self.received else None

    @property
    def won_rate(self) -> float | None:
        return self.won / self.received if self.received else None


@dataclass
class Pipeline:
    start: dt.date
    end: dt.date
    total: Group
    by_status: list[tuple[str, int]]
    by_country: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]
    by_zone: list[tuple[str, int]]
    by_officer: list[tuple[str, Group]]


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    end = today or timezone.localdate()
    return end - dt.timedelta(days=DEFAULT_DAYS), end


def outcome(inquiry: Inquiry) -> Outcome:
    events = list(inquiry.events.all())  # prefetched, in order
    first = next((e for e in events if e.from_status == Status.NEW), None)
    return Outcome(
        first_contact=first.at - inquiry.created_at if first else None,
        reached_site_visit=inquiry.status in (Status.SITE_VISIT, Status.WON)
        or any(e.to_status == Status.SITE_VISIT for e in events),
        won=inquiry.status == Status.WON,
    )


def received_between(user, start: dt.date, end: dt.date) -> list[Inquiry]:
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    inquiries = Inquiry.objects.filter(created_at__gte=since, created_at__lt=until)
    return list(
        visible_inquiries(user, inquiries)
        .select_related("owner")
        .prefetch_related("events")
        .order_by("created_at")
    )


def ranked(counter: Counter, last: str) -> list[tuple[str, int]]:
    """Most frequent first, then by name; `last` (no value) at the end."""
    rows = sorted(((k, n) for k, n in counter.items() if k != last), key=lambda r: (-r[1], r[0]))
    return rows + ([(last, counter[last])] if counter[last] else [])


def pipeline(user, start: dt.date, end: dt.date) -> Pipeline:
    """The figures, in the active language (names of countries, sectors, zones, statuses)."""
    inquiries = received_between(user, start, end)
    outcomes = {i.pk: outcome(i) for i in inquiries}
    statuses = Counter(i.status for i in inquiries)
    countries, sectors, zones = Counter(), Counter(), Counter()
    country_names = dict(COUNTRIES)
    sectors_of, zone_of = top_level_sectors(inquiries), zones_of(inquiries)
    officers: dict[str, Group] = {}
    no_country, no_sector, no_zone = gettext("Not given"), gettext("No sector"), gettext("No zone")
    unassigned = gettext("Unassigned")
    for inquiry in inquiries:
        code = inquiry.country
        countries[str(country_names.get(code, code)) if code else no_country] += 1
        for sector in sectors_of[inquiry.pk] or [None]:
            sectors[technology_name(sector) if sector else no_sector] += 1
        zone = zone_of[inquiry.pk]
        zones[localized(zone, "name") if zone else no_zone] += 1
        owner = inquiry.owner
        name = (owner.get_full_name() or owner.get_username()) if owner else unassigned
        officers.setdefault(name, Group()).outcomes.append(outcomes[inquiry.pk])
    return Pipeline(
        start=start,
        end=end,
        total=Group(list(outcomes.values())),
        by_status=[(str(label), statuses[value]) for value, label in Status.choices],
        by_country=ranked(countries, no_country),
        by_sector=ranked(sectors, no_sector),
        by_zone=ranked(zones, no_zone),
        by_officer=sorted(officers.items(), key=lambda r: (r[0] == unassigned, r[0])),
    )
