"""The spreadsheet form of the interchange format (CSV and XLSX): one declaration of each kind's
columns, their cell types and their meaning, read by both writers and, later, by a reader.

One table per kind, a header row of keys, nested keys dotted (`location.lat`, `description.vi`),
lists joined by `; `. Text cells that a spreadsheet would run as a formula (OWASP "CSV
injection": a first character `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'`; a
text that already starts with `'` gets one too, so `unquote_text` undoes it exactly. Numbers,
even negative ones, stay numbers. JSON Lines is not a spreadsheet and stays exact.
"""

import csv
import datetime as dt
import enum
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import IO

from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from registry.fields import ChoiceListField
from registry.models import Record
from registry.models.links import KIND_LABELS
from registry.numbers import plain_number

from .mapping import LANGS, bilingual_column, mapping_for

LIST_SEPARATOR = "; "
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

# CSV variants: the default (comma) and semicolon-separated for spreadsheets whose locale uses
# the comma as decimal separator (Vietnamese). Numbers keep a dot in both: they are data.
CSV_DELIMITERS = {"csv": ",", "csv-semicolon": ";"}
CSV_CHUNK_CHARS = 16 * 1024


class CellType(enum.StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    LIST = "list"  # texts or codes joined by "; "
    JSON = "json"  # an object written as JSON text (a zone's boundary)
    LINKS = "links"  # {"kind","ref"} objects written as "kind:ref; kind:ref" (format v1.1)


# Widths in characters, by type: enough for typical values, not for whole descriptions.
WIDTHS = {
    CellType.TEXT: 24,
    CellType.INTEGER: 12,
    CellType.NUMBER: 14,
    CellType.BOOLEAN: 10,
    CellType.DATE: 12,
    CellType.LIST: 30,
    CellType.JSON: 30,
    CellType.LINKS: 36,
}
WIDE_TEXT_KEYS = {"name", "name_en", "legal_name", "operator", "website"}
LONG_TEXT_PREFIXES = ("description.", "incentives.")

TYPE_NOTES = {
    CellType.TEXT: None,
    CellType.INTEGER: _("Whole number."),
    CellType.NUMBER: _("Number; decimals with a dot (12.5) or, on import, a comma (12,5)."),
    CellType.BOOLEAN: _("Yes/no: true or false."),
    CellType.DATE: _("Date (YYYY-MM-DD)."),
    CellType.LIST: _("Several values, separated by “; ”."),
    CellType.JSON: _("A GeoJSON object, as JSON text."),
    CellType.LINKS: _("Records as kind:ref, separated by “; ” (enterprise:dn-abc; incubator:x)."),
}


@dataclass(frozen=True)
class Column:
    """One column of a kind's table: its header (the dotted key), its cell type and the model
    field that gives its label, help text and choices."""

    key: str
    type: CellType
    field: models.Field | None = None
    note: str = ""  # said about the key beyond the field's own label and help

    @property
    def width(self) -> int:
        if self.key.startswith(LONG_TEXT_PREFIXES):
            return 50
        if self.key in WIDE_TEXT_KEYS:
            return 36
        return max(WIDTHS[self.type], len(self.key) + 3)

    def meaning(self, lang: str) -> str:
        """What the column holds, in one language (for the README sheet)."""
        with override(lang):
            parts = [str(capfirst(self.field.verbose_name)) if self.field else ""]
            if self.field is not None and self.field.help_text:
                parts.append(str(self.field.help_text))
            if self.note:
                parts.append(str(self.note))
            choices = _choices(self.field)
            if choices:
                listed = "; ".join(f"{code} ({label})" for code, label in choices)
                several = self.type is CellType.LIST
                wording = _("Any of: %(choices)s.") if several else _("One of: %(choices)s.")
                parts.append(str(wording) % {"choices": listed})
            if TYPE_NOTES[self.type]:
                parts.append(str(TYPE_NOTES[self.type]))
        return " ".join(_sentence(part) for part in parts if part)

    def cell(self, value):
        """The value of an interchange record as a typed spreadsheet cell (XLSX): numbers,
        booleans and dates typed, text neutralised; None when the key is absent."""
        if value is None:
            return None
        if self.type in (CellType.INTEGER, CellType.NUMBER):
            return plain_number(value)
        if self.type is CellType.BOOLEAN:
            return bool(value)
        if self.type is CellType.DATE:
            return dt.date.fromisoformat(value)
        return quote_text(self._text(value))

    def text(self, value) -> str:
        """The same value as CSV text: numbers with a dot, `true`/`false`, ISO dates."""
        if value is None:
            return ""
        if self.type in (CellType.INTEGER, CellType.NUMBER):
            return str(plain_number(value))
        if self.type is CellType.BOOLEAN:
            return "true" if value else "false"
        if self.type is CellType.DATE:
            return value
        return quote_text(self._text(value))

    def _text(self, value) -> str:
        if self.type is CellType.LIST:
            return LIST_SEPARATOR.join(map(str, value))
        if self.type is CellType.JSON:
            return json.dumps(value, ensure_ascii=False)
        if self.type is CellType.LINKS:
            return LIST_SEPARATOR.join(f"{link['kind']}:{link['ref']}" for link in value)
        return str(value)

    def read(self, cell):
        """The interchange value of a CSV or XLSX cell (the inverse of `text` and `cell`); None
        for an empty cell. What does not read as this column's type is returned as it is, for
        the importer's validation to name."""
        if cell is None or cell == "":
            return None
        if isinstance(cell, str) and self.type not in (CellType.TEXT, CellType.LIST):
            cell = cell.strip()
        if self.type in (CellType.INTEGER, CellType.NUMBER):
            return plain_number(read_number(cell))
        if self.type is CellType.BOOLEAN:
            words = {"true": True, "false": False}
            return words.get(cell.lower(), cell) if isinstance(cell, str) else cell
        if self.type is CellType.DATE:
            return cell.date().isoformat() if isinstance(cell, dt.datetime) else cell
        if isinstance(cell, float | dt.datetime):  # a number or date typed into a text column
            cell = plain_number(cell) if isinstance(cell, float) else cell.date().isoformat()
        text = unquote_text(str(cell))
        if self.type is CellType.LIST:
            return [item.strip() for item in text.split(LIST_SEPARATOR.strip()) if item.strip()]
        if self.type is CellType.JSON:
            try:
                return json.loads(text)
            except ValueError:
                return text
        if self.type is CellType.LINKS:
            items = [item.strip() for item in text.split(LIST_SEPARATOR.strip()) if item.strip()]
            # "kind:ref" as the format's object; an item without a colon stays as it is, for
            # the validation to name.
            return [_link_object(item) for item in items]
        return text


# Numbers written as text: with a decimal dot ("12.5", as exported), or the Vietnamese way with
# a decimal comma ("12,5") and thousands dots ("1.234,5", "1.234.567"). "1.234" is one point
# two three four: a single dot is always the decimal point. Anything else ("1,234.5", "nan",
# "1_000") stays text, for the validation to name.
# Digits are bounded: no registry figure has more, and Python refuses to convert over 4,300.
WHOLE = re.compile(r"[+-]?\d{1,30}", re.ASCII)
DOT_DECIMAL = re.compile(r"[+-]?\d{1,30}(\.\d{1,30})?([eE][+-]?\d{1,3})?", re.ASCII)
COMMA_DECIMAL = re.compile(r"[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+", re.ASCII)
THOUSANDS_DOTS = re.compile(r"[+-]?\d{1,3}(\.\d{3}){2,}", re.ASCII)


def read_number(cell):
    """The number a cell holds: numeric cells as they are, text by the rules above."""
    if isinstance(cell, bool) or not isinstance(cell, str):
        return cell
    if WHOLE.fullmatch(cell):
        return int(cell)
    if DOT_DECIMAL.fullmatch(cell):
        number = float(cell)
    elif COMMA_DECIMAL.fullmatch(cell):
        number = float(cell.replace(".", "").replace(",", "."))
    elif THOUSANDS_DOTS.fullmatch(cell):
        return int(cell.replace(".", ""))
    else:
        return cell
    return number if math.isfinite(number) else cell


def record_from_row(kind: str, row: dict) -> dict:
    """An interchange record from a spreadsheet row (cells by header key): dotted keys nested
    again, empty cells left out. For the spreadsheet import (issue #14)."""
    record = {}
    for column in columns(kind):
        value = column.read(row.get(column.key))
        if value is None:
            continue
        head, _dot, sub = column.key.partition(".")
        if sub:
            record.setdefault(head, {})[sub] = value
        else:
            record[head] = value
    return record


def _link_object(item: str):
    kind, colon, ref = item.partition(":")
    return {"kind": kind.strip(), "ref": ref.strip()} if colon else item


def quote_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading `'` where it would start a formula (or where
    it already starts with `'`, so that the quote can be taken off again without guessing)."""
    if text.startswith((*FORMULA_TRIGGERS, QUOTE)):
        return QUOTE + text
    return text


def unquote_text(cell: str) -> str:
    """The text `quote_text` was given."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _choices(field) -> list[tuple[str, str]]:
    if field is None:
        return []
    if isinstance(field, ChoiceListField):
        return [(code, str(label)) for code, label in field.item_choices]
    return [(code, str(label)) for code, label in field.flatchoices if code]


def choice_codes(field) -> list[str]:
    """The codes a column's field allows (its choices, or its list's item choices)."""
    return [code for code, _label in _choices(field)]


def _field_type(field: models.Field) -> CellType:
    if isinstance(field, models.BooleanField):
        return CellType.BOOLEAN
    if isinstance(field, models.IntegerField):
        return CellType.INTEGER
    if isinstance(field, models.FloatField):
        return CellType.NUMBER
    if isinstance(field, models.DateField):
        return CellType.DATE
    if isinstance(field, models.JSONField):
        return CellType.JSON if field.name == "boundary" else CellType.LIST
    return CellType.TEXT


@cache
def columns(kind: str) -> tuple[Column, ...]:
    """A kind's columns in order: kind, ref, the plain keys, references, code lists, the
    bilingual texts and the location (the order of `mapping_for`'s fields)."""
    mapping = mapping_for(kind)
    cols = [Column("kind", CellType.TEXT, note=_("The record's kind (the sheet's name)."))]
    for field in mapping.plain:
        cols.append(Column(field.name, _field_type(field), field))
    for field in mapping.foreign:
        note = format_lazy(_("The ref of a record of kind {kind}."), kind=field.related_model.kind)
        cols.append(Column(field.name, CellType.TEXT, field, note))
    for field in mapping.many:
        cols.append(Column(field.name, CellType.LIST, field, _("Technology taxonomy codes.")))
    for link in mapping.links:
        cols.extend(_link_columns(link))
    for key in mapping.bilingual:
        for lang in LANGS:
            field = mapping.model._meta.get_field(bilingual_column(key, lang))
            cols.append(Column(f"{key}.{lang}", CellType.TEXT, field))
    for axis in ("lat", "lon"):
        cols.append(Column(f"location.{axis}", CellType.NUMBER, Record._meta.get_field(axis)))
    return tuple(cols)


def _link_columns(link) -> list[Column]:
    """A single link as `<key>.kind` (a drop-down of the kinds it may name) and `<key>.ref`; a
    list of links as one `kind:ref; kind:ref` column."""
    kinds = [(kind, KIND_LABELS[kind]) for kind in link.fields]
    if link.many:
        # An unbound field: the column's label and the kinds it may name, for the README.
        field = models.CharField(link.verbose_name, choices=kinds)
        return [Column(link.name, CellType.LINKS, field)]
    kind_field = models.CharField(
        format_lazy(_("{link}: kind of the record"), link=link.verbose_name), choices=kinds
    )
    ref_field = models.CharField(
        format_lazy(_("{link}: ref of the record"), link=link.verbose_name)
    )
    return [
        Column(f"{link.name}.kind", CellType.TEXT, kind_field),
        Column(
            f"{link.name}.ref", CellType.TEXT, ref_field, _("The ref of a record of that kind.")
        ),
    ]


def flat(record: dict) -> dict:
    """A record's values by column key: nested objects dotted (`location.lat`, `poster.kind`)."""
    values = {}
    for key, value in record.items():
        if isinstance(value, dict) and key != "boundary":
            for sub, inner in value.items():
                values[f"{key}.{sub}"] = inner
        else:
            values[key] = value
    return values


def csv_columns(kind: str) -> list[str]:
    return [column.key for column in columns(kind)]


def csv_row(record: dict) -> list[str]:
    values = flat(record)
    return [column.text(values.get(column.key)) for column in columns(record["kind"])]


def csv_lines(kind: str, records: Iterable[dict], fmt: str = "csv") -> Iterator[str]:
    """One kind as CSV text, a few lines at a time (for streaming); starts with a BOM so that
    spreadsheets read UTF-8 (Vietnamese) right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITERS[fmt])
    writer.writerow(csv_columns(kind))
    for record in records:
        writer.writerow(csv_row(record))
        if buffer.tell() > CSV_CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():  # each piece ends with a whole row: a stream may add nothing after it
        yield buffer.getvalue()


def write_csv(kind: str, records: Iterable[dict], out: IO[str], fmt: str = "csv") -> int:
    """One kind as a CSV file; returns the number of records."""
    count = 0

    def counted():
        nonlocal count
        for record in records:
            count += 1
            yield record

    for chunk in csv_lines(kind, counted(), fmt):
        out.write(chunk)
    return count
