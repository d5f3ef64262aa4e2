"""What the catalogue tells the layers above it when records change outside Wagtail's own publish
signals (bulk writes such as the importer's). The catalogue imports nothing of its listeners.

- `records_published_in_bulk(kind, records)`: published records of `kind` were written, or
  replaced, in the current transaction; `records` is a list of (id, ref). Sent inside that
  transaction and not robustly: a listener that must record the change durably (the search
  outbox) does it in the same transaction, and if it fails the whole write is rolled back.
- `bulk_write_committed(stderr)`: a bulk write has been committed; listeners may now do the
  work they deferred (e.g. indexing), reporting progress on `stderr`.
"""

from django.dispatch import Signal

records_published_in_bulk = Signal()
bulk_write_committed = Signal()
