"""The bodies of the indicators' write endpoints, read strictly: a JSON object of known fields,
each of the right JSON type, before the model's own validation judges the values (a string
where a number belongs would otherwise reach the model as something it cannot compare)."""

import math
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _

from .api_http import InvalidBody, error, read_json, too_large

MAX_BODY = 16 * 1024  # a value or a target is a few hundred bytes
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BodyProblem(Exception):
    """A body refused before the model sees it: the 400 (or 413) to answer with."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields

    def response(self):
        if self.status == 413:
            return too_large(MAX_BODY)
        return error(self.status, self.code, self.message, self.fields)


@dataclass(frozen=True)
class Field:
    kind: str  # "date", "number", "whole", "text"
    required: bool = True
    default: object = None


def value_fields() -> dict[str, Field]:
    return {
        "as_of": Field("date"),
        "value": Field("number"),
        "source": Field("text"),
        "source_url": Field("text", required=False, default=""),
    }


def target_fields() -> dict[str, Field]:
    return {
        "year": Field("whole"),
        "comparison": Field("text"),
        "value": Field("number"),
        "value_max": Field("number", required=False),
    }


def _raw(request) -> bytes:
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:  # refused before reading it
        raise BodyProblem(413, "too_large", "")
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BodyProblem(413, "too_large", "") from None
    if len(raw) > MAX_BODY:
        raise BodyProblem(413, "too_large", "")
    return raw


def _typed(field: Field, value):
    """The value as the model takes it, or raise ValueError with the reason."""
    if field.kind == "text":
        if not isinstance(value, str):
            raise ValueError(_("expected text"))
        if any(ord(ch) < 32 for ch in value):
            raise ValueError(_("control characters are not allowed"))
        return value.strip()
    if field.kind == "date":
        if not isinstance(value, str) or not ISO_DATE.match(value):
            raise ValueError(_("a date YYYY-MM-DD"))
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(_("a date YYYY-MM-DD")) from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(_("expected a number"))
    if field.kind == "whole":
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(_("expected a whole number"))
        if not -(2**31) < value < 2**31:  # a database integer; the model names the real range
            raise ValueError(_("expected a whole number"))
        return int(value)
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        number = math.inf
    if not math.isfinite(number):  # 1e400 reads as infinity
        raise ValueError(_("expected a number"))
    return number


def read_body(request, fields: dict[str, Field]) -> dict:
    """The body's fields, typed; raises BodyProblem naming every bad field."""
    try:
        body = read_json(_raw(request))
    except InvalidBody as problem:
        raise BodyProblem(
            400, "invalid_body", _("The body is not valid JSON."), {"body": str(problem)}
        ) from None
    if not isinstance(body, dict):
        raise BodyProblem(
            400, "invalid_body", _("Invalid values."), {"body": _("expected a JSON object")}
        )
    problems = {name: _("unknown field") for name in body if name not in fields}
    typed = {}
    for name, field in fields.items():
        if body.get(name) is None:
            if field.required:
                problems[name] = _("This field is required.")
            else:
                typed[name] = field.default
            continue
        try:
            typed[name] = _typed(field, body[name])
        except ValueError as reason:
            problems[name] = str(reason)
    if problems:
        raise BodyProblem(400, "invalid_body", _("Invalid values."), dict(sorted(problems.items())))
    return typed
