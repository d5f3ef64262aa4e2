"""Founders' logos and photos live as long as something uses them, and no longer.

They are Wagtail images kept in their own collection ("Founders' uploads"), so that only they are
ever deleted automatically: a curator's library image is left alone wherever it was used. An
image of that collection is deleted (row, file, renditions and their files) once nothing needs it:
no live row points at it (a record's photo, an enterprise's photos, anything else), no page or
snippet's content references it (Wagtail's reference index), and no pending revision uses it: the
latest revision of any record (a draft awaiting review or submission) or one scheduled to go live.
Older revisions in the history may have used it; reverting to one then restores the profile
without that image.

The check runs after a founder saves a draft, after a curator publishes a profile, and after an
enterprise is deleted (a founder deleting their account deletes their never-published drafts)."""

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, pre_delete
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    DraftStateMixin,
    Page,
    ReferenceIndex,
    Revision,
    RevisionMixin,
    TaskState,
    WorkflowState,
)
from wagtail.signals import published

from registry.models import Enterprise

COLLECTION_NAME = "Founders' uploads"


def founders_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def founder_image(title: str, file):
    """A logo or photo a founder uploaded (already checked by registry.uploads.clean_image),
    in the collection whose images are deleted once nothing uses them."""
    return get_image_model().objects.create(
        title=title, file=file, collection=founders_collection()
    )


def _images_in(content: dict) -> set[int]:
    """Images a registry record's revision uses: its photo and, for an enterprise, its photos."""
    found = {content.get("photo")}
    photos = content.get("photos") or []
    found |= {photo.get("image") for photo in photos if isinstance(photo, dict)}
    return {pk for pk in found if isinstance(pk, int)}


def images_of(enterprise: Enterprise) -> set[int]:
    """Every image the enterprise uses now or used in any revision."""
    found = {enterprise.photo_id} if enterprise.photo_id else set()
    found |= set(enterprise.photos.values_list("image_id", flat=True))
    for content in Revision.objects.for_instance(enterprise).values_list("content", flat=True):
        found |= _images_in(content)
    return found


def _pending_revisions():
    """Revisions that may still become live: the latest of every object with unpublished
    changes (drafts, awaiting submission or review), those in moderation, and scheduled ones.
    Few, whatever the size of the history."""
    pending = Q(approved_go_live_at__isnull=False) | Q(
        pk__in=TaskState.objects.filter(
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS
        ).values("revision_id")
    )
    for model in apps.get_models():
        if not (issubclass(model, DraftStateMixin) and issubclass(model, RevisionMixin)):
            continue
        if issubclass(model, Page) and model is not Page:
            continue  # every page's draft state is on Page's own table
        drafts = model._base_manager.filter(has_unpublished_changes=True)
        pending |= Q(pk__in=drafts.values("latest_revision_id"))
    return Revision.objects.filter(pending)


def _live_lookup(model) -> dict:
    """Rows of a record that was never published, or is unpublished, are drafts, not uses: what
    a draft needs is in its latest revision. The same holds for a draft record's photos."""
    if any(f.name == "live" for f in model._meta.concrete_fields):
        return {"live": True}
    for field in model._meta.concrete_fields:
        parent = field.related_model if isinstance(field, ParentalKey) else None
        if parent is not None and any(f.name == "live" for f in parent._meta.concrete_fields):
            return {f"{field.name}__live": True}
    return {}


def _used(image) -> bool:
    for relation in type(image)._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.is_relation and not relation.concrete):
            continue
        related = relation.related_model
        if related is type(image).get_rendition_model() or issubclass(related, TaggedItemBase):
            continue  # its own renditions and tags are not uses
        rows = related._base_manager.filter(**{relation.field.name: image})
        if rows.filter(**_live_lookup(related)).exists():
            return True
    for reference in ReferenceIndex.get_references_to(image).select_related("content_type"):
        source = reference.content_type.model_class()
        lookup = {"live": True} if _live_lookup(source) == {"live": True} else {}
        if source._base_manager.filter(pk=reference.object_id, **lookup).exists():
            return True
    # Revisions hold JSON: find the pending ones that mention the id, then read them exactly.
    mentions = _pending_revisions().filter(
        Q(content__icontains=f'"photo": {image.pk}') | Q(content__icontains=f'"image": {image.pk}')
    )
    return any(
        image.pk in _images_in(content) for content in mentions.values_list("content", flat=True)
    )


def delete_unused(image_ids) -> int:
    """Delete those of these founders' images that nothing needs; Wagtail then deletes their
    renditions and the files of both after the commit. Returns how many went."""
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection is None or not image_ids:
        return 0
    deleted = 0
    for image in get_image_model().objects.filter(pk__in=image_ids, collection=collection):
        if not _used(image):
            image.delete()
            deleted += 1
    return deleted


def delete_unused_after_commit(image_ids) -> None:
    image_ids = set(image_ids)
    transaction.on_commit(lambda: delete_unused(image_ids))


def _remember_images(sender, instance, **kwargs):
    instance._images_before_delete = images_of(instance)


def _forget_images(sender, instance, **kwargs):
    delete_unused_after_commit(getattr(instance, "_images_before_delete", set()))


def _after_publish(sender, instance, **kwargs):
    delete_unused_after_commit(images_of(instance))


def connect():
    """Called from CmsConfig.ready."""
    pre_delete.connect(_remember_images, sender=Enterprise, dispatch_uid="dnhub-images-pre")
    post_delete.connect(_forget_images, sender=Enterprise, dispatch_uid="dnhub-images-post")
    published.connect(_after_publish, sender=Enterprise, dispatch_uid="dnhub-images-published")
