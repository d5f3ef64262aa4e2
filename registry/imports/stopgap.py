"""STOPGAP until import-core's `result.changes` lands (issue #14): the preview's record
changes for a JSON Lines file, computed here by comparing each line with the record it names.
Delete this module and its one call in `runs.run_preview` once `import_file` fills `changes`."""

import json

from registry.interchange.exporter import record_for_api
from registry.interchange.validation import FieldChange, RecordChange
from registry.models import KINDS


def changes_if_missing(run, result) -> list:
    writes = sum(result.created.values()) + sum(result.updated.values())
    if result.changes or not writes or not result.ok or run.format != "jsonl":
        return result.changes
    changes = []
    with run.file.open("rb") as stream:
        for raw in stream:
            if not raw.strip():
                continue
            new = json.loads(raw)
            model = KINDS[new["kind"]]
            existing = model.objects.filter(ref=new["ref"]).first()
            name = new.get("name", new["ref"])
            if existing is None:
                changes.append(RecordChange(new["kind"], new["ref"], name, "create"))
                continue
            old = record_for_api(existing)
            old.pop("distances_km", None)
            fields = [
                FieldChange(key, old.get(key), new.get(key))
                for key in sorted(set(old) | set(new))
                if old.get(key) != new.get(key)
            ]
            if fields:
                changes.append(RecordChange(new["kind"], new["ref"], name, "change", fields))
    return changes
