"""Import of interchange JSON Lines: validate every line (`validation.py`), then write all of it
or nothing.

Writing is done in bulk, from the validated records spooled by kind (`spool.py`): a handful of
queries per chunk of 2,000 records, new rows inserted through one prepared statement per table
(`bulk.py`); each changed record still gets a revision and audit-log entries, as a curator's
edit in the admin would.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, Revision

from registry.completeness import record_score
from registry.models import KINDS, Technology
from registry.signals import bulk_write_committed, records_published_in_bulk

from ..progress import Progress
from . import preview
from .bulk import insert_records, insert_revisions, insert_rows, new_instance, serializable_data
from .links import current_links, link_values, replace_many_links, resolve_links
from .mapping import KindMapping, mapping_for, through_pairs
from .readers import SPREADSHEET_SUFFIXES, read_spreadsheet
from .spool import RecordSpool
from .validation import ImportResult, ParsedRecord, Problem, validate_stream

STATE_FIELDS = ["live", "has_unpublished_changes", "first_published_at", "last_published_at"]


class DryRunRollback(Exception):
    """Raised to undo a dry run after it has computed what it would do."""


class Writer:
    """Writes validated records in bulk, with the revisions and audit entries an edit gets."""

    def __init__(self, publish: bool, user=None, stderr=None, on_progress=None, preview=False):
        self.publish = publish
        self.user = user
        self.stderr = stderr
        self.on_progress = on_progress
        self.preview = preview  # fill result.changes (a dry run)
        self.now = timezone.now()
        self.technology_ids = dict(Technology.objects.values_list("code", "id"))

    def write(self, spool: RecordSpool, result: ImportResult) -> None:
        total = sum(spool.counts.values())
        progress = Progress(_("Writing"), total, stream=self.stderr, callback=self.on_progress)
        for kind in KINDS:  # referenced kinds first, so forward refs resolve
            for chunk in spool.chunks(kind, 2000):
                self._write_chunk(mapping_for(kind), chunk, result)
                progress.advance(len(chunk))
        progress.close()

    def _write_chunk(self, mapping: KindMapping, chunk: list[ParsedRecord], result) -> None:
        model = mapping.model
        existing = {obj.ref: obj for obj in model.objects.filter(ref__in=[r.ref for r in chunk])}
        current_codes = self._current_codes(mapping, [obj.pk for obj in existing.values()])
        current_codes |= current_links(mapping, list(existing.values()))
        fk_ids = self._resolve_refs(mapping, chunk)
        old_refs = self._old_refs(mapping, existing.values()) if self.preview else {}

        created, row_updated, draft_only = [], [], []
        for record in chunk:
            values = self._values(mapping, record, fk_ids)
            obj = existing.get(record.ref)
            if obj is None:
                obj = new_instance(model, values)
                self._set_state(obj)
                created.append((obj, record))
                if self.preview:
                    result.changes.append(preview.created(mapping, record))
                continue
            if self._unchanged(obj, record, values, current_codes):
                result.unchanged[mapping.kind] += 1
                continue
            if self.preview:
                result.changes.append(
                    preview.changed(mapping, obj, record, values, old_refs, current_codes)
                )
            if self.publish or not obj.live:
                for attr, value in values.items():
                    setattr(obj, attr, value)
                self._set_state(obj)
                row_updated.append((obj, record))
            else:
                # A draft edit of a published record: the public row stays as it is.
                draft_only.append((obj, record, values))

        self._store(mapping, created, row_updated, fk_ids)
        # A preview rolls back: revisions and audit entries can refuse nothing, so it skips them
        # (the records and their codes are still written, for the database's constraints).
        revisions = (
            []
            if self.preview
            else self._revisions(mapping, created, row_updated, draft_only, fk_ids)
        )
        result.created[mapping.kind] += len(created)
        result.updated[mapping.kind] += len(row_updated) + len(draft_only)
        if self.publish and revisions:
            changed = [(obj.pk, obj.ref) for obj, _r in created + row_updated]
            records_published_in_bulk.send(Writer, kind=mapping.kind, records=changed)

    def _store(self, mapping: KindMapping, created, row_updated, fk_ids) -> None:
        """Write the rows of new and changed records, their taxonomy codes and links."""
        # Bulk inserts and bulk_update skip save(), which keeps the completeness score current:
        # scored here, with the file's taxonomy codes (the relations are not written yet).
        for obj, record in created + row_updated:
            obj.completeness = record_score(obj, codes=record.codes)
        insert_records(mapping.model, [obj for obj, _r in created])
        for obj, _record in row_updated:
            obj.updated_at = self.now
        if row_updated:
            mapping.model.objects.bulk_update(
                [obj for obj, _r in row_updated],
                mapping.columns + STATE_FIELDS + ["updated_at", "completeness"],
            )
        self._replace_codes(mapping, created + row_updated)
        replace_many_links(mapping, created + row_updated, fk_ids)

    @staticmethod
    def _values(mapping: KindMapping, record: ParsedRecord, fk_ids) -> dict:
        """The model attributes the record sets, its refs resolved to ids."""
        values = dict(record.values)
        for fk in mapping.foreign:
            ref = record.refs.get(fk.name)
            values[fk.attname] = fk_ids[fk.name][ref] if ref else None
        return values | link_values(mapping, record, fk_ids)

    def _unchanged(self, obj, record: ParsedRecord, values: dict, current_codes) -> bool:
        """Whether the import leaves the record as it is (its values, codes and state)."""
        same = (
            all(getattr(obj, attr) == value for attr, value in values.items())
            and all(
                current_codes.get((name, obj.pk), []) == sorted(record.codes[name])
                for name in record.codes
            )
            and all(
                current_codes.get((name, obj.pk), []) == sorted(pairs)
                for name, pairs in record.links.items()
            )
        )
        return (
            same
            and (obj.live or not self.publish)
            and not (self.publish and obj.has_unpublished_changes)
        )

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
        """Field name -> {ref: id}, for foreign keys and the keys of links (names apart)."""
        resolved = resolve_links(mapping, chunk)
        for fk in mapping.foreign:
            refs = {r.refs[fk.name] for r in chunk if fk.name in r.refs}
            resolved[fk.name] = dict(
                fk.related_model.objects.filter(ref__in=refs).values_list("ref", "id")
            )
        return resolved

    @staticmethod
    def _old_refs(mapping: KindMapping, objs) -> dict[tuple[str, int], str]:
        """(foreign key name, id) -> ref, for what the records point at before the import."""
        refs = {}
        for fk in mapping.foreign:
            ids = {getattr(obj, fk.attname) for obj in objs} - {None}
            for pk, ref in fk.related_model.objects.filter(pk__in=ids).values_list("pk", "ref"):
                refs[(fk.name, pk)] = ref
        return refs

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
            insert_rows(
                through,
                [
                    through(**{f"{source}_id": obj.pk, f"{target}_id": self.technology_ids[code]})
                    for obj, record in written
                    for code in record.codes[m2m.name]
                ],
            )

    def _revisions(self, mapping, created, row_updated, draft_only, fk_ids) -> list[Revision]:
        content_type = ContentType.objects.get_for_model(mapping.model)
        entries = []  # (obj, revision, action)
        # One audit entry per record: a publish when publishing, else a create or an edit.
        for obj, record in created:
            action = "wagtail.publish" if self.publish else "wagtail.create"
            entries.append((obj, self._content(mapping, obj, record, {}, fk_ids), action))
        for obj, record in row_updated:
            action = "wagtail.publish" if self.publish else "wagtail.edit"
            entries.append((obj, self._content(mapping, obj, record, {}, fk_ids), action))
        for obj, record, values in draft_only:
            entries.append(
                (obj, self._content(mapping, obj, record, values, fk_ids), "wagtail.edit")
            )
        revisions = [
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
        ]
        insert_revisions(revisions)
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

    def _content(self, mapping, obj, record, draft_values, fk_ids) -> dict:
        if draft_values:
            current = {
                f.attname: getattr(obj, f.attname) for f in mapping.model._meta.concrete_fields
            }
            content = serializable_data(new_instance(mapping.model, current | draft_values))
        else:
            content = serializable_data(obj)
        for m2m in mapping.many:
            content[m2m.name] = [self.technology_ids[c] for c in record.codes[m2m.name]]
        for link in mapping.many_links:
            for kind, name in link.fields.items():
                refs = sorted(ref for k, ref in record.links.get(link.name, []) if k == kind)
                content[name] = [fk_ids[name][ref] for ref in refs]  # records sort by ref
        return content

    def _log(self, content_type, entries, revisions) -> None:
        insert_rows(
            ModelLogEntry,
            [
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
            ],
        )


# Progress of long work for a caller that shows it elsewhere (the admin's import page):
# called with (stage label, units done, units in all).
ProgressCallback = Callable[[str, int, int], None]

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson", ".json")


def import_stream(
    stream: IO[bytes],
    *,
    publish=True,
    dry_run=False,
    user=None,
    total_bytes=0,
    stderr=None,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Validate a whole interchange JSON Lines stream, then write it in one transaction (unless
    dry run)."""
    spool, result = validate_stream(
        stream, total_bytes=total_bytes, stderr=stderr, on_progress=on_progress
    )
    return write_all(spool, result, publish, dry_run, user, stderr, on_progress)


def write_all(spool, result: ImportResult, publish, dry_run, user, stderr, on_progress):
    """Write validated records all or nothing; a dry run computes the preview and rolls back."""
    try:
        if result.ok:
            _write_spooled(spool, result, publish, dry_run, user, stderr, on_progress)
    finally:
        if spool is not None:
            spool.close()
    return result


def _write_spooled(spool, result: ImportResult, publish, dry_run, user, stderr, on_progress):
    writer = Writer(publish, user=user, stderr=stderr, on_progress=on_progress, preview=dry_run)
    try:
        with transaction.atomic():
            writer.write(spool, result)
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


def import_file(
    stream: IO[bytes],
    filename: str,
    *,
    publish=True,
    dry_run=False,
    user=None,
    total_bytes=0,
    stderr=None,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import an uploaded or named file in any import format, chosen by its name: JSON Lines,
    CSV (one kind) or XLSX (one sheet per kind). The admin's import and `import_registry` both
    come through here. A dry run fills `result.changes` (the preview)."""
    name = filename.lower()
    if name.endswith(JSON_LINES_SUFFIXES):
        return import_stream(
            stream,
            publish=publish,
            dry_run=dry_run,
            user=user,
            total_bytes=total_bytes,
            stderr=stderr,
            on_progress=on_progress,
        )
    if name.endswith(SPREADSHEET_SUFFIXES):
        spool, result = read_spreadsheet(
            stream, filename, total_bytes=total_bytes, stderr=stderr, on_progress=on_progress
        )
        return write_all(spool, result, publish, dry_run, user, stderr, on_progress)
    result = ImportResult()
    result.problems.append(
        Problem(
            0,
            "-",
            _("not a file this import reads: use JSON Lines (.jsonl), CSV (.csv) or XLSX (.xlsx)"),
            filename,
        )
    )
    return result
