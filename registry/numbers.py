"""Numbers as people write them: a whole number never comes out as `20000.0`.

The database keeps areas, power and prices as doubles, and Python writes a whole double with a
trailing `.0` (JSON, CSV, str). Readers take `20000.0` for a measured figure with one decimal,
and some tools type the column as text. Every output goes through here instead: the value is
unchanged (20000.0 == 20000, 20000.5 stays 20000.5), only its written form.
"""

import math

from django.core.serializers.json import DjangoJSONEncoder

# Beyond 2**53 a double no longer holds every whole number: written as an integer, it would
# claim a precision the stored value never had.
EXACT_INTEGER_LIMIT = 2**53


def plain_number(value):
    """A whole float as an int; anything else (ints, fractions, booleans, text) unchanged."""
    if (
        isinstance(value, float)
        and math.isfinite(value)
        and value.is_integer()
        and abs(value) <= EXACT_INTEGER_LIMIT
    ):
        return int(value)
    return value


def plain_numbers(data):
    """`plain_number` through dicts, lists and tuples (JSON-shaped data)."""
    if isinstance(data, float):
        return plain_number(data)
    if isinstance(data, dict):
        return {key: plain_numbers(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [plain_numbers(value) for value in data]
    return data


class PlainNumberJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder (dates, decimals, lazy text) writing whole floats as integers:
    `JsonResponse(data, encoder=PlainNumberJSONEncoder)`, or a renderer's `encoder_class`."""

    def iterencode(self, o, _one_shot=False):
        return super().iterencode(plain_numbers(o), _one_shot)
