"""The preview of an import (issue #14): each record it creates, and each record it changes with
its changed fields, old → new, written as people read them (choice labels, yes/no, lists joined
by "; ") in the active language. Unchanged records are only counted."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext as _

from registry.fields import ChoiceListField
from registry.numbers import plain_number

from .mapping import KindMapping
from .validation import FieldChange, ParsedRecord, RecordChange, interchange_key


def readable(model_field: models.Field | None, value) -> str:
    """A stored value as a curator reads it; "" for no value."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(model_field, ChoiceListField):
        labels = dict(model_field.item_choices)
        return "; ".join(str(labels.get(item, item)) for item in value)
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(plain_number(value))
    return str(value)


def created(mapping: KindMapping, record: ParsedRecord) -> RecordChange:
    return RecordChange(mapping.kind, record.ref, str(record.values.get("name", "")), "create")


def changed(
    mapping: KindMapping,
    obj,
    record: ParsedRecord,
    values: dict,
    old_refs,
    old_codes,
):
    """The record's change: every attribute whose value differs, under its interchange key.
    `old_refs` gives the refs the record's foreign keys point at now, `old_codes` its codes and
    its `{"kind","ref"}` links as (kind, ref) pairs, by (key, record id)."""
    fields_by_attname = {f.attname: f for f in mapping.model._meta.concrete_fields}
    link_attnames = {f"{name}_id" for link in mapping.links for name in link.fields.values()}
    changes = []
    for attr, new in values.items():
        if attr in link_attnames:
            continue
        old = getattr(obj, attr)
        field = fields_by_attname.get(attr)
        if isinstance(field, models.ForeignKey):
            old, new = old_refs.get((field.name, old), ""), record.refs.get(field.name, "")
            if old != new:
                changes.append(FieldChange(field.name, old, new))
            continue
        if old != new:
            changes.append(
                FieldChange(interchange_key(attr), readable(field, old), readable(field, new))
            )
    for name, codes in record.codes.items():
        before = old_codes.get((name, obj.pk), [])
        if before != sorted(codes):
            changes.append(FieldChange(name, "; ".join(before), "; ".join(sorted(codes))))
    for name, pairs in record.links.items():
        before = old_codes.get((name, obj.pk), [])
        if before != sorted(pairs):
            changes.append(FieldChange(name, _links_text(before), _links_text(sorted(pairs))))
    return RecordChange(
        mapping.kind, record.ref, str(values.get("name", obj.name)), "change", changes
    )


def _links_text(pairs) -> str:
    return "; ".join(f"{kind}:{ref}" for kind, ref in pairs)
