from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from registry.models import KINDS

from . import sync


def _on_publish_change(sender, instance, **kwargs):
    transaction.on_commit(lambda: sync.records_changed(sender, [instance.pk]))


def _on_delete(sender, instance, **kwargs):
    kind, ref = instance.kind, instance.ref
    transaction.on_commit(lambda: sync.record_removed(kind, ref))


def connect() -> None:
    for model in KINDS.values():
        published.connect(_on_publish_change, sender=model, dispatch_uid=f"search-pub-{model.kind}")
        unpublished.connect(
            _on_publish_change, sender=model, dispatch_uid=f"search-unpub-{model.kind}"
        )
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-del-{model.kind}")
