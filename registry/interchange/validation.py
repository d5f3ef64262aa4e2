"""Validation of interchange JSON Lines: every line is checked against its kind's mapping and
the model's rules, and every ref against the file and the registry, before anything is written.
"""

import json
from collections import defaultdict
from typing import IO

from django.utils.translation import gettext as _

from registry.models import KINDS, Technology

from ..progress import Progress
from .bulk import new_instance
from .guards import check_guarded_rows
from .links import check_link_refs, format_rules, parse_links
from .mapping import (
    BILINGUAL_KEYS,
    LANGS,
    KindMapping,
    bilingual_column,
    mapping_for,
)
from .refindex import RefIndex
from .results import FieldChange as FieldChange  # re-exported: the admin's preview reads them
from .results import ImportResult, ParsedRecord, Problem
from .results import RecordChange as RecordChange
from .spool import RecordSpool
from .values import convert, empty_value, type_error, validate_field

MAX_LINE_BYTES = 1024 * 1024  # a record is a few KB; anything this long is a broken file
BATCH = 2000  # records checked against the registry (refs, guards) per round of queries


class LineValidator:
    """Validates one decoded line against its kind's mapping and the model's rules."""

    def __init__(self):
        self.technology_codes = set(Technology.objects.values_list("code", flat=True))

    def validate(self, line_no: int, text: str, problems: list[Problem]) -> ParsedRecord | None:
        data = self.decode(line_no, text, problems)
        if data is None:
            return None
        return self.validate_record(line_no, data, problems)

    def decode(self, line_no: int, text: str, problems: list[Problem]) -> dict | None:
        """A JSON line as an object with a known kind, or None (with the problem noted)."""
        return self._decode(
            text, lambda key, reason: problems.append(Problem(line_no, key, reason))
        )

    def validate_record(
        self, line_no: int, data: dict, problems: list[Problem], sheet: str = ""
    ) -> ParsedRecord | None:
        """One record (a decoded line or a spreadsheet row) against its kind's mapping."""

        def problem(key, reason):
            problems.append(Problem(line_no, key, reason, sheet))

        if not self.known_kind(data.get("kind"), problem):
            return None
        kind = data["kind"]
        mapping = mapping_for(kind)
        count_before = len(problems)

        for key in sorted(set(data) - mapping.keys):
            problem(key, _("unknown key for %(kind)s") % {"kind": kind})
        for key in sorted(mapping.required - set(data)):
            problem(key, _("required"))
        values = self._plain(mapping, data, problem)
        refs = self._refs(mapping, data, problem)
        codes = self._codes(mapping, data, problem)
        links = parse_links(mapping, data, problem)
        for key in mapping.bilingual:
            self._bilingual(data.get(key), key, values, problem)
        self._location(data.get("location"), values, problem)

        if len(problems) > count_before:
            return None
        instance = new_instance(mapping.model, values)
        for attr, reason in instance.invariant_errors().items():
            problem(interchange_key(attr), str(reason))
        format_rules(kind, data, links, problem)
        if len(problems) > count_before:
            return None
        return ParsedRecord(line_no, kind, data["ref"], values, refs, codes, sheet, links)

    @classmethod
    def _decode(cls, text, problem) -> dict | None:
        """The line as a JSON object with a known kind, or None (with the problem noted)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            problem(
                "-",
                _("malformed JSON: %(error)s") % {"error": error.msg}
                + f" ({_('column')} {error.colno})",
            )
            return None
        if not isinstance(data, dict):
            problem("-", _("each line must be a JSON object"))
            return None
        return data if cls.known_kind(data.get("kind"), problem) else None

    @staticmethod
    def known_kind(kind, problem) -> bool:
        if not isinstance(kind, str) or kind not in KINDS:  # a list or object is no kind either
            allowed = ", ".join(KINDS)
            if kind is None:
                problem("kind", _("required; one of: %(allowed)s") % {"allowed": allowed})
            else:
                problem(
                    "kind",
                    _("unknown kind %(kind)s; expected one of: %(allowed)s")
                    % {"kind": json.dumps(kind, ensure_ascii=False), "allowed": allowed},
                )
            return False
        return True

    @staticmethod
    def _plain(mapping: KindMapping, data: dict, problem) -> dict:
        """Model attribute -> converted value, for the fields that are neither refs nor codes."""
        values = {}
        for model_field in mapping.plain:
            raw = data.get(model_field.name)
            if raw is None:
                if (
                    model_field.name in data
                    and not model_field.null
                    and model_field.name in mapping.required
                ):
                    problem(model_field.name, _("required"))
                values[model_field.attname] = empty_value(model_field)
                continue
            try:
                value = convert(model_field, raw)
                validate_field(model_field, value)
            except ValueError as error:
                problem(model_field.name, str(error))
                continue
            values[model_field.attname] = value
        return values

    @staticmethod
    def _refs(mapping: KindMapping, data: dict, problem) -> dict:
        refs = {}
        for model_field in mapping.foreign:
            raw = data.get(model_field.name)
            if raw is None:
                continue
            if not isinstance(raw, str):
                problem(model_field.name, type_error(_("a ref"), raw))
                continue
            refs[model_field.name] = raw
        return refs

    def _codes(self, mapping: KindMapping, data: dict, problem) -> dict:
        codes = {}
        for model_field in mapping.many:
            raw = data.get(model_field.name)
            if raw is None:
                codes[model_field.name] = []
                continue
            if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
                problem(model_field.name, type_error(_("a list of taxonomy codes"), raw))
                continue
            unknown = [c for c in raw if c not in self.technology_codes]
            if unknown:
                problem(
                    model_field.name,
                    _("unknown taxonomy code %(codes)s") % {"codes": ", ".join(unknown)},
                )
                continue
            if len(set(raw)) != len(raw):
                problem(model_field.name, _("each code may appear only once"))
                continue
            codes[model_field.name] = raw
        return codes

    @staticmethod
    def _bilingual(raw, key, values, problem):
        for lang in LANGS:
            values[bilingual_column(key, lang)] = ""
        if raw is None:
            return
        if not isinstance(raw, dict):
            problem(key, type_error(_('an object {"vi": …, "en": …}'), raw))
            return
        for lang, text in raw.items():
            if lang not in LANGS:
                problem(f"{key}.{lang}", _("unknown language; use vi or en"))
            elif not isinstance(text, str):
                problem(f"{key}.{lang}", type_error(_("a text"), text))
            elif "\x00" in text:
                problem(f"{key}.{lang}", _("contains a NUL character"))
            else:
                values[bilingual_column(key, lang)] = text

    @staticmethod
    def _location(raw, values, problem):
        values["lat"] = values["lon"] = None
        if raw is None:
            return
        if not isinstance(raw, dict):
            problem("location", type_error(_('an object {"lat": …, "lon": …}'), raw))
            return
        for key in sorted(set(raw) - {"lat", "lon"}):
            problem(f"location.{key}", _("unknown key; use lat and lon"))
        for axis, (low, high) in (("lat", (8, 24)), ("lon", (102, 110))):
            value = raw.get(axis)
            if value is None:
                problem(f"location.{axis}", _("required"))
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problem(f"location.{axis}", type_error(_("a number"), value))
            elif not low <= value <= high:
                problem(
                    f"location.{axis}",
                    _("%(value)s is outside Vietnam (%(low)s to %(high)s)")
                    % {"value": value, "low": low, "high": high},
                )
            else:
                values[axis] = float(value)


def interchange_key(attr: str) -> str:
    if attr in ("lat", "lon"):
        return f"location.{attr}"
    for key in BILINGUAL_KEYS:
        for lang in LANGS:
            if attr == bilingual_column(key, lang):
                return f"{key}.{lang}"
    return attr


def read_lines(stream: IO[bytes], problems: list[Problem], progress: Progress | None = None):
    """Yield (line number, text) of non-blank lines; undecodable or oversized lines are problems."""
    for line_no, raw in enumerate(stream, start=1):
        if progress:
            progress.advance(len(raw))
        if len(raw) > MAX_LINE_BYTES:
            problems.append(
                Problem(
                    line_no,
                    "-",
                    _(
                        "line is %(size).1f MB, over the %(limit)d MB limit; "
                        "is this an interchange file?"
                    )
                    % {"size": len(raw) / 1e6, "limit": MAX_LINE_BYTES // (1024 * 1024)},
                )
            )
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    line_no,
                    "-",
                    _(
                        "not valid UTF-8 (byte 0x%(byte)02x at position %(pos)d); "
                        "save the file as UTF-8"
                    )
                    % {"byte": raw[error.start], "pos": error.start + 1},
                )
            )
            continue
        if line_no == 1:
            text = text.removeprefix("\ufeff")
        if text.strip():
            yield line_no, text


def validate_stream(stream: IO[bytes], total_bytes: int = 0, stderr=None, on_progress=None):
    """Validate every line; return (the validated records' spool, result carrying every problem)."""
    result = ImportResult()
    validator = LineValidator()
    progress = Progress(
        _("Validating"), total_bytes, stream=stderr, min_total=1_000_000, callback=on_progress
    )

    def decoded():
        for line_no, text in read_lines(stream, result.problems, progress):
            result.lines += 1
            data = validator.decode(line_no, text, result.problems)
            if data is not None:
                yield line_no, "", data

    spool = validate_records(decoded(), validator, result)
    progress.close()
    return spool, result


def validate_records(entries, validator: LineValidator, result: ImportResult) -> RecordSpool:
    """Validate (line or row, sheet, record) entries, then every ref against the file and the
    registry; problems end up in the file's order. Streams: records are checked in batches and
    spooled (`spool.py`), only their refs stay in memory (`refindex.py`)."""
    spool = RecordSpool()
    refs = RefIndex()
    batch: list[ParsedRecord] = []
    for line_no, sheet, data in entries:
        record = validator.validate_record(line_no, data, result.problems, sheet)
        if record is None:
            continue
        first = refs.first_line(record.kind, record.ref)
        if first is not None:
            result.problems.append(Problem(line_no, "ref", _duplicate(record, first), sheet))
            continue
        refs.add(record.kind, record.ref, line_no)
        batch.append(record)
        if len(batch) == BATCH:
            _check_batch(batch, refs, result.problems)
            spool.add(batch)
            batch = []
    _check_batch(batch, refs, result.problems)
    spool.add(batch)
    refs.unresolved(result.problems)
    sheets: dict[str, int] = {}
    for problem in result.problems:
        sheets.setdefault(problem.sheet, len(sheets))
    result.problems.sort(key=lambda p: (sheets[p.sheet], p.line))
    return spool


def _check_batch(batch: list[ParsedRecord], refs: RefIndex, problems) -> None:
    by_kind: dict[str, list[ParsedRecord]] = defaultdict(list)
    for record in batch:
        by_kind[record.kind].append(record)
    _check_references(by_kind, refs)
    check_link_refs(by_kind, refs)
    check_guarded_rows(by_kind, problems)


def _duplicate(record: ParsedRecord, first: int) -> str:
    names = {"kind": record.kind, "ref": record.ref, "first": first}
    if record.sheet:
        return _("duplicate %(kind)s ref %(ref)s, first on row %(first)d") % names
    return _("duplicate %(kind)s ref %(ref)s, first on line %(first)d") % names


def _check_references(by_kind, refs: RefIndex) -> None:
    """Every ref must name a record in the file or already in the database."""
    for kind, records in by_kind.items():
        for fk in mapping_for(kind).foreign:
            wanted = defaultdict(list)
            for record in records:
                if fk.name in record.refs:
                    wanted[record.refs[fk.name]].append((record.line, fk.name, record.sheet))
            refs.need(fk.related_model.kind, wanted)
