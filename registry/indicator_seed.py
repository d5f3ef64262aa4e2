"""The seed of the Resolution 57 monitor (`seeds/indicators.json`): every target of the plan and
the province's population. It only creates the indicators that are missing: one that exists,
however a curator has edited it (targets and values included), is left as it stands."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models.indicator import Indicator, IndicatorTarget, IndicatorValue

INDICATOR_FIELDS = (
    "code",
    "name",
    "name_en",
    "description",
    "description_en",
    "unit",
    "direction",
    "origin",
    "theme",
    "plan_clause",
    "plan_clause_en",
    "sort_order",
)


@dataclass(frozen=True)
class SeedResult:
    created: int
    kept: int


def load_indicators(path: Path) -> SeedResult:
    entries = json.loads(path.read_text(encoding="utf-8"))
    existing = set(Indicator.objects.values_list("code", flat=True))
    created = 0
    with transaction.atomic():
        for entry in entries:
            if entry["code"] in existing:
                continue
            create_indicator(entry)
            created += 1
    return SeedResult(created=created, kept=len(entries) - created)


def create_indicator(entry: dict) -> Indicator:
    indicator = Indicator(**{field: entry[field] for field in INDICATOR_FIELDS})
    indicator.full_clean()
    indicator.save()
    for order, target in enumerate(entry["targets"]):
        IndicatorTarget.objects.create(indicator=indicator, sort_order=order, **target)
    for order, value in enumerate(entry["reported_values"]):
        IndicatorValue.objects.create(indicator=indicator, sort_order=order, **value)
    # The first revision: the admin's history starts from the seed, not from the first edit.
    indicator.save_revision()
    return indicator
