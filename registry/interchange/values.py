"""Interchange values: a JSON value checked against its model field's type and rules, and the
value an absent key stands for."""

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def type_error(expected: str, value) -> str:
    return _("expected %(expected)s, got %(actual)s") % {
        "expected": expected,
        # default=str: a spreadsheet cell may hold what JSON has no type for (a time of day).
        "actual": json.dumps(value, ensure_ascii=False, default=str)[:60],
    }


def convert(model_field: models.Field, value):
    """Check a JSON value's type for a model field and convert it; raise ValueError(reason)."""
    if isinstance(model_field, models.BooleanField):
        if not isinstance(value, bool):
            raise ValueError(type_error(_("true or false"), value))
        return value
    if isinstance(model_field, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(type_error(_("a whole number"), value))
        return value
    if isinstance(model_field, models.FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(type_error(_("a number"), value))
        return float(value)
    if isinstance(model_field, models.DateField):
        if not isinstance(value, str):
            raise ValueError(type_error(_("a date YYYY-MM-DD"), value))
        try:
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(type_error(_("a date YYYY-MM-DD"), value)) from None
    if isinstance(model_field, models.JSONField):
        expected = dict if model_field.name == "boundary" else list
        if not isinstance(value, expected):
            raise ValueError(type_error(_("an object") if expected is dict else _("a list"), value))
        return value
    if not isinstance(value, str):
        raise ValueError(type_error(_("a text"), value))
    if "\x00" in value:  # PostgreSQL cannot store it, and no real text contains it
        raise ValueError(_("contains a NUL character"))
    return value


def validate_field(model_field: models.Field, value) -> None:
    try:
        model_field.validate(value, None)
        model_field.run_validators(value)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None


def empty_value(model_field: models.Field):
    if model_field.has_default():  # `sample`: absent means false
        return model_field.get_default()
    if model_field.null:
        return None
    if isinstance(model_field, models.JSONField):
        return []
    return ""
