"""Publish, unpublish, revert-and-publish and delete put index work in the outbox, inside the
transaction of the change (never on every draft save)."""

from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from registry.models import KINDS

from . import sync


def _on_publish_change(sender, instance, **kwargs):
    sync.enqueue(instance.kind, [(instance.pk, instance.ref)])


def _on_delete(sender, instance, **kwargs):
    sync.enqueue(instance.kind, [(None, instance.ref)])


def connect() -> None:
    for model in KINDS.values():
        uid = f"search-{model.kind}"
        published.connect(_on_publish_change, sender=model, dispatch_uid=f"{uid}-published")
        unpublished.connect(_on_publish_change, sender=model, dispatch_uid=f"{uid}-unpublished")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"{uid}-deleted")
