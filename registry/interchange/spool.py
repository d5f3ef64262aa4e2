"""Validated records kept on disk between validation and writing, so that a file of a million
lines is written all or nothing without holding a million records in memory.

Validation adds records in batches; the writer reads them back one kind at a time, in the
registry's order (referenced kinds first), in chunks. Small imports never touch the disk: each
kind's spool stays in memory up to `MEMORY_BYTES`.
"""

import pickle
import tempfile
from collections import defaultdict

from .results import ParsedRecord

MEMORY_BYTES = 4 * 1024 * 1024


class RecordSpool:
    """Validated records by kind, in the order they were read."""

    def __init__(self):
        self._files = {}
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, records: list[ParsedRecord]) -> None:
        by_kind = defaultdict(list)
        for record in records:
            by_kind[record.kind].append(record)
        for kind, batch in by_kind.items():
            if kind not in self._files:
                # Closed by close(), once the writer has read them back.
                self._files[kind] = tempfile.SpooledTemporaryFile(max_size=MEMORY_BYTES)  # noqa: SIM115
            pickle.dump(batch, self._files[kind], protocol=pickle.HIGHEST_PROTOCOL)
            self.counts[kind] += len(batch)

    def chunks(self, kind: str, size: int):
        """The records of one kind, in lists of at most about `size`."""
        spooled = self._files.get(kind)
        if spooled is None:
            return
        spooled.seek(0)
        chunk = []
        while True:
            try:
                chunk.extend(pickle.load(spooled))  # noqa: S301 (our own file, just written)
            except EOFError:
                break
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def records(self, kind: str) -> list[ParsedRecord]:
        """All records of one kind (for small files and tests)."""
        return [record for chunk in self.chunks(kind, 10_000) for record in chunk]

    def close(self) -> None:
        for spooled in self._files.values():
            spooled.close()
        self._files = {}
