"""Merge one enterprise into another, all or nothing.

The kept record (the survivor) gets the merged one's technologies and value-chain roles (the
union), its photos up to the profile's limit, the founders' claims and ownerships, the
investors' inquiries, and any field the survivor leaves empty (a filled one is never
overwritten). The merged record is not deleted: it is unpublished, locked and marked merged
(`registry.EnterpriseMerge`), so both revision histories stay and its public addresses redirect.
Both get a revision and a "registry.merge" log entry; Wagtail's publish and unpublish signals put
the index work in the search outbox, in this same transaction."""

from dataclasses import dataclass, field
from uuid import uuid4

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log

from registry.duplicates import MERGED
from registry.interchange.mapping import mapping_for
from registry.models import Enterprise, EnterpriseMerge, EnterprisePhoto

from ..founders.services import MAX_PHOTOS
from ..models import Claim, Ownership
from ..portal.models import Inquiry
from ..portal.records import display

# Who the record is, or what the merge itself decides: never copied from the merged record.
NOT_FILLED = {"ref", "name", "sample", "value_chain_roles", "lat", "lon"}


class MergeRefused(Exception):
    """A rule refused the merge; the message is for the curator."""


@dataclass
class MergePlan:
    """What a merge of `merged` into `survivor` moves: the confirmation page shows it and the
    merge carries it out (the same plan, made again under the rows' locks)."""

    merged: Enterprise
    survivor: Enterprise
    filled: list[tuple[str, str, str]] = field(default_factory=list)  # attname, label, value
    kept: list[tuple[str, str, str]] = field(default_factory=list)  # label, kept, discarded
    technologies: list = field(default_factory=list)  # added to the survivor's
    roles: list[str] = field(default_factory=list)  # value-chain roles added
    photos_moved: list[EnterprisePhoto] = field(default_factory=list)
    photos_left: list[EnterprisePhoto] = field(default_factory=list)
    claims: int = 0
    ownerships: int = 0
    inquiries: int = 0

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Enterprise.ValueChainRole.choices)
        return [str(labels.get(role, role)) for role in self.roles]

    def summary(self) -> dict:
        """What moved, for the merge's record (EnterpriseMerge.summary)."""
        return {
            "fields_filled": [attname for attname, _label, _value in self.filled],
            "technologies_added": [t.code for t in self.technologies],
            "roles_added": self.roles,
            "photos_moved": [p.image_id for p in self.photos_moved],
            "photos_left": [p.image_id for p in self.photos_left],
            "claims": self.claims,
            "ownerships": self.ownerships,
            "inquiries": self.inquiries,
        }


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def shown(model_field, value) -> str:
    if model_field.is_relation:
        return str(value) if value is not None else ""
    return display(model_field, value, None) or ""


def fillable_fields() -> list:
    """The survivor's fields a merge may fill: every interchanged column, the logo and the
    location (as a pair)."""
    by_attname = {f.attname: f for f in Enterprise._meta.concrete_fields}
    names = [c for c in mapping_for(Enterprise.kind).columns if c not in NOT_FILLED]
    return [by_attname[name] for name in [*names, "photo_id"]]


def plan_fields(plan: MergePlan) -> None:
    merged, survivor = plan.merged, plan.survivor
    for model_field in fillable_fields():
        theirs = getattr(merged, model_field.name)
        ours = getattr(survivor, model_field.name)
        if is_empty(theirs) or theirs == ours:
            continue
        label = str(model_field.verbose_name)
        if is_empty(ours):
            plan.filled.append((model_field.attname, label, shown(model_field, theirs)))
        else:
            plan.kept.append((label, shown(model_field, ours), shown(model_field, theirs)))
    if survivor.lat is None and merged.lat is not None:
        plan.filled.append(("location", gettext("location"), f"{merged.lat}, {merged.lon}"))


def plan_merge(merged: Enterprise, survivor: Enterprise) -> MergePlan:
    """What merging `merged` into `survivor` would do; refused (MergeRefused) when it may not."""
    refusal = merge_refusal(merged, survivor)
    if refusal:
        raise MergeRefused(refusal)
    plan = MergePlan(merged=merged, survivor=survivor)
    plan_fields(plan)
    have = set(survivor.technologies.values_list("pk", flat=True))
    plan.technologies = [t for t in merged.technologies.all() if t.pk not in have]
    roles = set(survivor.value_chain_roles or [])
    plan.roles = [r for r in merged.value_chain_roles or [] if r not in roles]
    room = max(MAX_PHOTOS - survivor.photos.count(), 0)
    photos = list(merged.photos.select_related("image"))
    plan.photos_moved, plan.photos_left = photos[:room], photos[room:]
    plan.claims = Claim.objects.filter(enterprise=merged).count()
    plan.ownerships = Ownership.objects.filter(enterprise=merged).count()
    plan.inquiries = Inquiry.objects.filter(kind=Enterprise.kind, ref=merged.ref).count()
    return plan


def merge_refusal(merged: Enterprise, survivor: Enterprise) -> str:
    """Why these two may not be merged this way round ("" when they may)."""
    if merged.pk == survivor.pk:
        return gettext("A record cannot be merged into itself.")
    for record in (merged, survivor):
        done = EnterpriseMerge.objects.filter(merged=record).select_related("survivor").first()
        if done is not None:
            return gettext("%(name)s (%(ref)s) has already been merged into %(other)s.") % {
                "name": record.name, "ref": record.ref, "other": done.survivor.ref}  # fmt: skip
        if record.workflow_in_progress:
            return gettext(
                "%(name)s (%(ref)s) is waiting for review: approve or reject it first."
            ) % {"name": record.name, "ref": record.ref}
    if not survivor.live:
        return gettext("The record kept must be published.")
    if survivor.has_unpublished_changes:
        return gettext(
            "%(name)s (%(ref)s) has unpublished changes: publish or discard them first."
        ) % {"name": survivor.name, "ref": survivor.ref}
    return ""


def move_relations(plan: MergePlan) -> None:
    merged, survivor = plan.merged, plan.survivor
    start = survivor.photos.count()
    for order, photo in enumerate(plan.photos_moved, start):
        EnterprisePhoto.objects.filter(pk=photo.pk).update(enterprise=survivor, sort_order=order)
    Claim.objects.filter(enterprise=merged).update(enterprise=survivor)
    owners = set(Ownership.objects.filter(enterprise=survivor).values_list("user_id", flat=True))
    # A founder who owns both keeps the survivor's ownership; the merged one's goes with it.
    Ownership.objects.filter(enterprise=merged, user_id__in=owners).delete()
    Ownership.objects.filter(enterprise=merged).update(enterprise=survivor)
    Inquiry.objects.filter(kind=Enterprise.kind, ref=merged.ref).update(
        ref=survivor.ref, record_name=survivor.name
    )


def update_survivor(plan: MergePlan, user) -> Enterprise:
    """The survivor with the merged record's data added, published as a new revision."""
    merged = plan.merged
    survivor = Enterprise.objects.get(pk=plan.survivor.pk)  # with the photos just moved
    for attname, _label, _value in plan.filled:
        if attname == "location":
            survivor.lat, survivor.lon = merged.lat, merged.lon
        else:
            setattr(survivor, attname, getattr(merged, attname))
    survivor.value_chain_roles = [*(survivor.value_chain_roles or []), *plan.roles]
    survivor.technologies.add(*plan.technologies)
    survivor.save()
    revision = survivor.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    log(
        instance=survivor,
        action=MERGED,
        user=user,
        revision=revision,
        data=log_data(plan),
        uuid=uuid4(),
    )
    return survivor


def retire_merged(plan: MergePlan, user) -> None:
    """Unpublished (out of the index), locked and marked merged; its history stays."""
    merged = Enterprise.objects.get(pk=plan.merged.pk)
    if merged.live:
        UnpublishAction(merged, user=user).execute(skip_permission_checks=True)
    merged.locked, merged.locked_by, merged.locked_at = True, user, timezone.now()
    merged.save(update_fields=["locked", "locked_by", "locked_at"])
    log(instance=merged, action="wagtail.lock", user=user)
    revision = merged.save_revision(user=user, clean=False)
    log(
        instance=merged,
        action=MERGED,
        user=user,
        revision=revision,
        data=log_data(plan),
        uuid=uuid4(),
    )


# Each record's entry gets its own uuid: Wagtail's history shows one entry per (uuid, action),
# across records, and would hide the survivor's behind the merged record's.


def log_data(plan: MergePlan) -> dict:
    return {
        "merged": {"id": plan.merged.pk, "ref": plan.merged.ref},
        "survivor": {"id": plan.survivor.pk, "ref": plan.survivor.ref},
    }


def merge_enterprises(merged_pk: int, survivor_pk: int, user) -> MergePlan:
    """Merge one record into the other, or refuse (MergeRefused) and change nothing."""
    with transaction.atomic():
        # Both rows locked, in id order (no deadlock): a second, concurrent merge of either
        # waits here, then finds it merged and is refused.
        locked = {
            e.pk: e
            for e in Enterprise.objects.select_for_update()
            .filter(pk__in=[merged_pk, survivor_pk])
            .order_by("pk")
        }
        if merged_pk not in locked or survivor_pk not in locked:
            raise MergeRefused(gettext("That record no longer exists."))
        plan = plan_merge(locked[merged_pk], locked[survivor_pk])
        try:
            with transaction.atomic():
                # First: the one-merge-per-record rule, held by the database, is checked before
                # anything moves (SQLite takes no row locks: two merges at once meet here).
                EnterpriseMerge.objects.create(
                    merged=plan.merged, survivor=plan.survivor, merged_by=user,
                    summary=plan.summary(),
                )  # fmt: skip
        except IntegrityError:
            raise MergeRefused(gettext("This record has just been merged.")) from None
        move_relations(plan)
        update_survivor(plan, user)
        retire_merged(plan, user)
    return plan
