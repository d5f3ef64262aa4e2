"""The Resolution 57 readings and breakdowns, kept in the cache between changes.

Computing them aggregates every published enterprise, R&D organisation, plot and zone (hundreds
of milliseconds at 100,000 records), yet they change only when the data does. So they are kept
under a key made of what they are computed from, read afresh on every call:
- the registry's public state (`search.freshness`: every publish, unpublish and delete writes
  the outbox, every save moves `updated_at`), the same trace the API's validators use;
- the indicators' own state: the latest edit and the number of rows of indicators, targets,
  reported values and snapshots (an edit moves `updated_at`, a deletion the count), and the
  strategic technologies the breakdowns are counted by;
- the day (the first read of a day stores the day's snapshot) and the language (sources and
  names are in it).
A change therefore gives a new key at once: nothing is ever served stale, in this process or in
another, whatever the cache backend."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Value
from django.utils import timezone

from registry import indicators
from registry.language import language
from registry.models import Technology
from registry.models.indicator import (
    Indicator,
    IndicatorSnapshot,
    IndicatorTarget,
    IndicatorValue,
)

from .freshness import data_state

KEPT_SECONDS = 24 * 3600  # a safety net only: the key changes with the data


def indicators_state() -> str:
    """Differs whenever an indicator, a target, a reported value or a snapshot changes: the
    latest edit and the row count of each, in one query."""
    parts = [
        model.objects.order_by()
        .annotate(part=Value(model._meta.model_name))
        .values("part")
        .annotate(latest=Max(moved), rows=Count("pk"))
        .values_list("part", "latest", "rows")
        for model, moved in (
            (Indicator, "updated_at"),
            (IndicatorTarget, "updated_at"),
            (IndicatorValue, "updated_at"),
            (IndicatorSnapshot, "taken_at"),
        )
    ]
    return repr(sorted(parts[0].union(*parts[1:], all=True), key=repr))


def technologies_state() -> str:
    """The strategic technologies the breakdowns count by, as they are named and nested."""
    strategic = Technology.objects.filter(is_strategic=True).order_by("code")
    named = list(strategic.values_list("code", "name", "name_en", "parent_id"))
    return repr((named, Technology.objects.aggregate(rows=Count("pk"), last=Max("pk"))))


def _key(what: str, registry_token: str | None, *more: str) -> str:
    token = registry_token or data_state().token
    asked = "\n".join([token, indicators_state(), *more, str(timezone.localdate()), language()])
    return f"indicators:{what}:{hashlib.sha256(asked.encode()).hexdigest()[:40]}"


def readings(registry_token: str | None = None) -> list[indicators.Reading]:
    """`registry.indicators.readings()` in the active language. `registry_token`: the
    registry's state token when the caller has already read it (the API's middleware has)."""
    key = _key("readings", registry_token)
    found = cache.get(key)
    if found is None:
        found = indicators.readings()
        cache.set(key, found, KEPT_SECONDS)
    return found


def breakdowns(registry_token: str | None = None) -> dict:
    """`registry.indicators.breakdowns()`, kept the same way."""
    key = _key("breakdowns", registry_token, technologies_state())
    found = cache.get(key)
    if found is None:
        found = indicators.breakdowns()
        cache.set(key, found, KEPT_SECONDS)
    return found
