"""Publish, unpublish, revert-and-publish and delete put index work in the outbox, inside the
transaction of the change (never on every draft save); so do the catalogue's bulk writes (the
importer), which drain once, after their commit."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from registry.models import KINDS
from registry.models.links import ORGANISATION_KINDS
from registry.signals import bulk_write_committed, records_published_in_bulk

from . import sync, tasks


def _on_publish_change(sender, instance, **kwargs):
    queued = sync.enqueue(instance.kind, [(instance.pk, instance.ref)])
    # An expert's document holds their organisation's name: a renamed organisation re-indexes
    # its experts. (A plot's document holds nothing of its zone's that a publish could change.)
    queued |= sync.enqueue("expert", affiliated_experts(instance))
    if queued:
        transaction.on_commit(tasks.schedule_drain)


def affiliated_experts(record) -> list[tuple[int, str]]:
    if record.kind not in ORGANISATION_KINDS:
        return []
    return list(record.experts.published().values_list("pk", "ref"))


def _on_delete(sender, instance, **kwargs):
    if sync.enqueue(instance.kind, [(None, instance.ref)]):
        transaction.on_commit(tasks.schedule_drain)


def _on_bulk_publish(sender, kind, records, **kwargs):
    sync.enqueue(kind, records)  # drained once, after the whole write commits


def _on_bulk_commit(sender, stderr=None, **kwargs):
    tasks.schedule_drain(stderr=stderr)


def connect() -> None:
    records_published_in_bulk.connect(_on_bulk_publish, dispatch_uid="search-bulk-published")
    bulk_write_committed.connect(_on_bulk_commit, dispatch_uid="search-bulk-committed")
    for model in KINDS.values():
        uid = f"search-{model.kind}"
        published.connect(_on_publish_change, sender=model, dispatch_uid=f"{uid}-published")
        unpublished.connect(_on_publish_change, sender=model, dispatch_uid=f"{uid}-unpublished")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-deleted")
