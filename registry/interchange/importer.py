"""Import of interchange JSON Lines: validate every line, then write all of it or nothing.

Writing is done in bulk (a handful of queries per 500 records) so that 100,000 lines import in
well under two minutes; each changed record still gets a revision and audit-log entries, as a
curator's edit in the admin would.
"""

import datetime as dt
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import ModelLogEntry, Revision

from registry.models import KINDS, Technology
from registry.signals import bulk_write_committed, records_published_in_bulk

from ..progress import Progress
from .mapping import LANGS, KindMapping, chunked, mapping_for, through_pairs

MAX_LINE_BYTES = 1024 * 1024  # a record is a few KB; anything this long is a broken file
STATE_FIELDS = ["live", "has_unpublished_changes", "first_published_at", "last_published_at"]


@dataclass
class Problem:
    line: int
    field: str
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.reason}"


@dataclass
class ParsedRecord:
    line: int
    kind: str
    ref: str
    values: dict  # model attribute -> value (foreign keys still as refs, under the field name)
    refs: dict  # foreign key field name -> ref
    codes: dict  # many-to-many field name -> list of codes


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: dict = field(default_factory=lambda: defaultdict(int))
    updated: dict = field(default_factory=lambda: defaultdict(int))
    unchanged: dict = field(default_factory=lambda: defaultdict(int))
    lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class DryRunRollback(Exception):
    """Raised to undo a dry run after it has computed what it would do."""


# ---------------------------------------------------------------------------------------------
# Validation


def _type_error(expected: str, value) -> str:
    return _("expected %(expected)s, got %(actual)s") % {
        "expected": expected,
        "actual": json.dumps(value, ensure_ascii=False)[:60],
    }


def _convert(model_field: models.Field, value):
    """Check a JSON value's type for a model field and convert it; raise ValueError(reason)."""
    if isinstance(model_field, models.BooleanField):
        if not isinstance(value, bool):
            raise ValueError(_type_error(_("true or false"), value))
        return value
    if isinstance(model_field, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_type_error(_("a whole number"), value))
        return value
    if isinstance(model_field, models.FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(_type_error(_("a number"), value))
        return float(value)
    if isinstance(model_field, models.DateField):
        if not isinstance(value, str):
            raise ValueError(_type_error(_("a date YYYY-MM-DD"), value))
        try:
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(_type_error(_("a date YYYY-MM-DD"), value)) from None
    if isinstance(model_field, models.JSONField):
        expected = dict if model_field.name == "boundary" else list
        if not isinstance(value, expected):
            raise ValueError(
                _type_error(_("an object") if expected is dict else _("a list"), value)
            )
        return value
    if not isinstance(value, str):
        raise ValueError(_type_error(_("a text"), value))
    if "\x00" in value:  # PostgreSQL cannot store it, and no real text contains it
        raise ValueError(_("contains a NUL character"))
    return value


def _validate_field(model_field: models.Field, value) -> None:
    try:
        model_field.validate(value, None)
        model_field.run_validators(value)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None


def _empty_value(model_field: models.Field):
    if model_field.null:
        return None
    if isinstance(model_field, models.JSONField):
        return []
    return ""


class LineValidator:
    """Validates one decoded line against its kind's mapping and the model's rules."""

    def __init__(self):
        self.technology_codes = set(Technology.objects.values_list("code", flat=True))

    def validate(self, line_no: int, text: str, problems: list[Problem]) -> ParsedRecord | None:
        def problem(key, reason):
            problems.append(Problem(line_no, key, reason))

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
        kind = data.get("kind")
        if kind not in KINDS:
            allowed = ", ".join(KINDS)
            if kind is None:
                problem("kind", _("required; one of: %(allowed)s") % {"allowed": allowed})
            else:
                problem(
                    "kind",
                    _("unknown kind %(kind)s; expected one of: %(allowed)s")
                    % {"kind": json.dumps(kind, ensure_ascii=False), "allowed": allowed},
                )
            return None
        mapping = mapping_for(kind)
        count_before = len(problems)

        for key in sorted(set(data) - mapping.keys):
            problem(key, _("unknown key for %(kind)s") % {"kind": kind})
        for key in sorted(mapping.required - set(data)):
            problem(key, _("required"))

        values, refs, codes = {}, {}, {}
        for model_field in mapping.plain:
            raw = data.get(model_field.name)
            if raw is None:
                if (
                    model_field.name in data
                    and not model_field.null
                    and model_field.name in mapping.required
                ):
                    problem(model_field.name, _("required"))
                values[model_field.attname] = _empty_value(model_field)
                continue
            try:
                value = _convert(model_field, raw)
                _validate_field(model_field, value)
            except ValueError as error:
                problem(model_field.name, str(error))
                continue
            values[model_field.attname] = value
        for model_field in mapping.foreign:
            raw = data.get(model_field.name)
            if raw is None:
                continue
            if not isinstance(raw, str):
                problem(model_field.name, _type_error(_("a ref"), raw))
                continue
            refs[model_field.name] = raw
        for model_field in mapping.many:
            raw = data.get(model_field.name)
            if raw is None:
                codes[model_field.name] = []
                continue
            if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
                problem(model_field.name, _type_error(_("a list of taxonomy codes"), raw))
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
        for key in mapping.bilingual:
            self._bilingual(data.get(key), key, values, problem)
        self._location(data.get("location"), values, problem)

        if len(problems) > count_before:
            return None
        instance = mapping.model(**values)
        for attr, reason in instance.invariant_errors().items():
            problem(_interchange_key(attr), str(reason))
        if len(problems) > count_before:
            return None
        return ParsedRecord(line_no, kind, data["ref"], values, refs, codes)

    @staticmethod
    def _bilingual(raw, key, values, problem):
        for lang in LANGS:
            values[f"{key}_{lang}"] = ""
        if raw is None:
            return
        if not isinstance(raw, dict):
            problem(key, _type_error(_('an object {"vi": …, "en": …}'), raw))
            return
        for lang, text in raw.items():
            if lang not in LANGS:
                problem(f"{key}.{lang}", _("unknown language; use vi or en"))
            elif not isinstance(text, str):
                problem(f"{key}.{lang}", _type_error(_("a text"), text))
            elif "\x00" in text:
                problem(f"{key}.{lang}", _("contains a NUL character"))
            else:
                values[f"{key}_{lang}"] = text

    @staticmethod
    def _location(raw, values, problem):
        values["lat"] = values["lon"] = None
        if raw is None:
            return
        if not isinstance(raw, dict):
            problem("location", _type_error(_('an object {"lat": …, "lon": …}'), raw))
            return
        for key in sorted(set(raw) - {"lat", "lon"}):
            problem(f"location.{key}", _("unknown key; use lat and lon"))
        for axis, (low, high) in (("lat", (8, 24)), ("lon", (102, 110))):
            value = raw.get(axis)
            if value is None:
                problem(f"location.{axis}", _("required"))
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problem(f"location.{axis}", _type_error(_("a number"), value))
            elif not low <= value <= high:
                problem(
                    f"location.{axis}",
                    _("%(value)s is outside Vietnam (%(low)s to %(high)s)")
                    % {"value": value, "low": low, "high": high},
                )
            else:
                values[axis] = float(value)


def _interchange_key(attr: str) -> str:
    if attr in ("lat", "lon"):
        return f"location.{attr}"
    for suffix in LANGS:
        if attr.endswith(f"_{suffix}") and attr.split("_")[0] in ("description", "incentives"):
            return attr.replace(f"_{suffix}", f".{suffix}")
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


def validate_stream(stream: IO[bytes], total_bytes: int = 0, stderr=None):
    """Validate every line; return (records by kind, result carrying every problem)."""
    result = ImportResult()
    validator = LineValidator()
    by_kind: dict[str, list[ParsedRecord]] = defaultdict(list)
    first_line: dict[tuple[str, str], int] = {}
    progress = Progress(_("Validating"), total_bytes, stream=stderr, min_total=1_000_000)
    for line_no, text in read_lines(stream, result.problems, progress):
        result.lines += 1
        record = validator.validate(line_no, text, result.problems)
        if record is None:
            continue
        key = (record.kind, record.ref)
        if key in first_line:
            result.problems.append(
                Problem(
                    line_no,
                    "ref",
                    _("duplicate %(kind)s ref %(ref)s, first on line %(first)d")
                    % {"kind": record.kind, "ref": record.ref, "first": first_line[key]},
                )
            )
            continue
        first_line[key] = line_no
        by_kind[record.kind].append(record)
    progress.close()
    _check_references(by_kind, result.problems)
    result.problems.sort(key=lambda p: p.line)
    return by_kind, result


def _check_references(by_kind, problems):
    """Every ref must name a record in the file or already in the database."""
    for kind, records in by_kind.items():
        for fk in mapping_for(kind).foreign:
            target_kind = fk.related_model.kind
            wanted = {r.refs[fk.name] for r in records if fk.name in r.refs}
            known = {r.ref for r in by_kind.get(target_kind, [])}
            missing = wanted - known
            if missing:
                missing -= set(
                    fk.related_model.objects.filter(ref__in=missing).values_list("ref", flat=True)
                )
            for record in records:
                ref = record.refs.get(fk.name)
                if ref in missing:
                    problems.append(
                        Problem(
                            record.line,
                            fk.name,
                            _("no %(kind)s with ref %(ref)s in this file or the registry")
                            % {"kind": target_kind, "ref": ref},
                        )
                    )


# ---------------------------------------------------------------------------------------------
# Writing


class Writer:
    def __init__(self, publish: bool, user=None, stderr=None):
        self.publish = publish
        self.user = user
        self.stderr = stderr
        self.now = timezone.now()
        self.technology_ids = dict(Technology.objects.values_list("code", "id"))

    def write(self, by_kind: dict[str, list[ParsedRecord]], result: ImportResult) -> None:
        total = sum(len(records) for records in by_kind.values())
        progress = Progress(_("Writing"), total, stream=self.stderr)
        for kind in KINDS:  # referenced kinds first, so forward refs resolve
            records = by_kind.get(kind, [])
            for chunk in chunked(records, 2000):
                self._write_chunk(mapping_for(kind), chunk, result)
                progress.advance(len(chunk))
        progress.close()

    def _write_chunk(self, mapping: KindMapping, chunk: list[ParsedRecord], result) -> None:
        model = mapping.model
        existing = {obj.ref: obj for obj in model.objects.filter(ref__in=[r.ref for r in chunk])}
        current_codes = self._current_codes(mapping, [obj.pk for obj in existing.values()])
        fk_ids = self._resolve_refs(mapping, chunk)

        created, row_updated, draft_only = [], [], []
        for record in chunk:
            values = dict(record.values)
            for fk in mapping.foreign:
                ref = record.refs.get(fk.name)
                values[fk.attname] = fk_ids[fk.name][ref] if ref else None
            obj = existing.get(record.ref)
            if obj is None:
                obj = model(**values)
                self._set_state(obj)
                created.append((obj, record))
                continue
            same = all(getattr(obj, attr) == value for attr, value in values.items()) and all(
                current_codes.get((name, obj.pk), []) == sorted(record.codes[name])
                for name in record.codes
            )
            if (
                same
                and (obj.live or not self.publish)
                and not (self.publish and obj.has_unpublished_changes)
            ):
                result.unchanged[mapping.kind] += 1
                continue
            if self.publish or not obj.live:
                for attr, value in values.items():
                    setattr(obj, attr, value)
                self._set_state(obj)
                row_updated.append((obj, record))
            else:
                # A draft edit of a published record: the public row stays as it is.
                draft_only.append((obj, record, values))

        model.objects.bulk_create([obj for obj, _r in created])
        for obj, _record in row_updated:
            obj.updated_at = self.now
        if row_updated:
            model.objects.bulk_update(
                [obj for obj, _r in row_updated],
                mapping.columns + STATE_FIELDS + ["updated_at"],
            )
        self._replace_codes(mapping, created + row_updated)

        revisions = self._revisions(mapping, created, row_updated, draft_only)
        result.created[mapping.kind] += len(created)
        result.updated[mapping.kind] += len(row_updated) + len(draft_only)
        if self.publish and revisions:
            changed = [(obj.pk, obj.ref) for obj, _r in created + row_updated]
            records_published_in_bulk.send(Writer, kind=mapping.kind, records=changed)

    def _set_state(self, obj) -> None:
        if self.publish:
            obj.live = True
            obj.has_unpublished_changes = False
            obj.first_published_at = obj.first_published_at or self.now
            obj.last_published_at = self.now
        elif obj.pk is None:
            obj.live = False
            obj.has_unpublished_changes = True

    def _resolve_refs(self, mapping: KindMapping, chunk) -> dict[str, dict[str, int]]:
        resolved = {}
        for fk in mapping.foreign:
            refs = {r.refs[fk.name] for r in chunk if fk.name in r.refs}
            resolved[fk.name] = dict(
                fk.related_model.objects.filter(ref__in=refs).values_list("ref", "id")
            )
        return resolved

    def _current_codes(self, mapping, ids) -> dict[tuple[str, int], list[str]]:
        codes_by_id = {v: k for k, v in self.technology_ids.items()}
        current = defaultdict(list)
        for m2m in mapping.many:
            for record_id, tech_id in through_pairs(m2m, ids):
                current[(m2m.name, record_id)].append(codes_by_id[tech_id])
        return {key: sorted(value) for key, value in current.items()}

    def _replace_codes(self, mapping, written) -> None:
        if not written:
            return
        ids = [obj.pk for obj, _r in written]
        for m2m in mapping.many:
            through = m2m.remote_field.through
            source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            through.objects.filter(**{f"{source}_id__in": ids}).delete()
            through.objects.bulk_create(
                through(**{f"{source}_id": obj.pk, f"{target}_id": self.technology_ids[code]})
                for obj, record in written
                for code in record.codes[m2m.name]
            )

    def _revisions(self, mapping, created, row_updated, draft_only) -> list[Revision]:
        content_type = ContentType.objects.get_for_model(mapping.model)
        entries = []  # (obj, revision, action)
        # One audit entry per record: a publish when publishing, else a create or an edit.
        for obj, record in created:
            action = "wagtail.publish" if self.publish else "wagtail.create"
            entries.append((obj, self._content(mapping, obj, record, {}), action))
        for obj, record in row_updated:
            action = "wagtail.publish" if self.publish else "wagtail.edit"
            entries.append((obj, self._content(mapping, obj, record, {}), action))
        for obj, record, values in draft_only:
            entries.append((obj, self._content(mapping, obj, record, values), "wagtail.edit"))
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(obj.pk),
                created_at=self.now,
                user=self.user,
                object_str=str(content.get("name", obj.name))[:255],
                content=content,
            )
            for obj, content, _action in entries
        )
        if entries:
            # One UPDATE per chunk points each record at its newest revision (bulk_update's
            # CASE expressions cost more than the rest of the import).
            newest = (
                Revision.objects.filter(
                    content_type=content_type, object_id=Cast(OuterRef("pk"), models.CharField())
                )
                .order_by("-created_at", "-id")
                .values("id")[:1]
            )
            pointers = {"latest_revision": Subquery(newest)}
            if self.publish:
                pointers["live_revision"] = Subquery(newest)
            else:
                pointers["has_unpublished_changes"] = True
            mapping.model.objects.filter(pk__in=[obj.pk for obj, _c, _a in entries]).update(
                **pointers
            )
        self._log(content_type, entries, revisions)
        return revisions

    def _content(self, mapping, obj, record, draft_values) -> dict:
        if draft_values:
            draft = mapping.model(
                **{
                    **{
                        f.attname: getattr(obj, f.attname)
                        for f in mapping.model._meta.concrete_fields
                    },
                    **draft_values,
                }
            )
            content = get_serializable_data_for_fields(draft)
        else:
            content = get_serializable_data_for_fields(obj)
        for m2m in mapping.many:
            content[m2m.name] = [self.technology_ids[c] for c in record.codes[m2m.name]]
        return content

    def _log(self, content_type, entries, revisions) -> None:
        ModelLogEntry.objects.bulk_create(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(obj.pk),
                label=str(content.get("name", obj.name)),
                action=action,
                content_changed=True,
                timestamp=self.now,
                user=self.user,
                uuid=uuid.uuid4(),
                revision=revision,
                data={"source": "import_registry"},
            )
            for (obj, content, action), revision in zip(entries, revisions, strict=True)
        )


def import_stream(
    stream: IO[bytes], *, publish=True, dry_run=False, user=None, total_bytes=0, stderr=None
) -> ImportResult:
    """Validate a whole interchange stream, then write it in one transaction (unless dry run)."""
    by_kind, result = validate_stream(stream, total_bytes=total_bytes, stderr=stderr)
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            Writer(publish=publish, user=user, stderr=stderr).write(by_kind, result)
            if dry_run:
                raise DryRunRollback
            # Listeners do their deferred work (indexing) once, for the whole file, once it is
            # committed.
            transaction.on_commit(lambda: bulk_write_committed.send(Writer, stderr=stderr))
    except DryRunRollback:
        pass
    except IntegrityError as error:
        result.problems.append(
            Problem(0, "-", _("the database refused the import: %(error)s") % {"error": error})
        )
    return result
