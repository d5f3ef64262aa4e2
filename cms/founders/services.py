"""The founders' rules: who may change which profile, what a draft, a submission and a claim do,
and what a founder's account holds. Views, the admin and tests call these; each write happens in
one transaction, and a refused change leaves everything as it was.

Every change a founder makes is a draft revision until a curator approves it in the admin
workflow; a published profile stays live meanwhile."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from registry.interchange.exporter import record_for_api
from registry.models import Enterprise, EnterprisePhoto

from ..models import Claim, Ownership
from . import notifications
from .images import delete_unused_after_commit, founder_image, images_of

MAX_PHOTOS = 5
CLAIM_APPROVED = "dnhub.claim.approve"  # audit-log actions, registered in cms/wagtail_hooks.py
CLAIM_REJECTED = "dnhub.claim.reject"


# Other profiles an account may hold (an expert's) join the account's erasure and its my-data
# download through these, so the founders' module needs to know nothing of them.
account_deleting = Signal()  # sent inside the deletion's transaction, before the user goes; user=
account_data = Signal()  # user=; each receiver returns (key, data) or None


class NotOwner(PermissionDenied):
    """The profile is not this founder's. Views answer 404: whose it is stays private."""


class Refused(Exception):
    """A rule refused the change; the message is for the founder."""


class ModerationOff(LookupError):
    """The agency switched the founders' moderation workflow off: nothing can be submitted."""


# Accounts


def is_unconfirmed_founder(user) -> bool:
    """A founder who signed up and never confirmed the address: inactive and never signed in.
    (An account deactivated by staff has signed in at least once.)"""
    return not user.is_active and user.last_login is None and not user.is_staff


def sign_up(request, email: str, password: str) -> None:
    """The visitor learns nothing about whether the address has an account; the inbox does: a
    new address gets a confirmation link, an unconfirmed one a new link, an existing account a
    note with sign-in and reset links. (`request` makes the links absolute.)"""
    users = get_user_model().objects
    existing = users.filter(username=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = users.create_user(
                    username=email, email=email, password=password, is_active=False
                )
        except IntegrityError:  # the same address signed up twice at once: the other won
            existing = users.get(username=email)
        else:
            notifications.send_confirmation(request, user)
            return
    make_password(password)  # the same work as a new account
    if is_unconfirmed_founder(existing):
        notifications.send_confirmation(request, existing)
    else:
        notifications.send_already_registered(request, existing)


def resend_confirmation(request, email: str) -> None:
    user = get_user_model().objects.filter(username=email).first()
    if user is not None and is_unconfirmed_founder(user):
        notifications.send_confirmation(request, user)


def confirm_address(user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


def delete_account(user) -> None:
    """Decree 13/2023: erasure. Profiles that were never published go with the account;
    published ones stay in the registry as the agency's records, without an owner."""
    with transaction.atomic():
        Enterprise.objects.filter(
            founders__user=user, live=False, last_published_at__isnull=True
        ).delete()
        account_deleting.send(sender=None, user=user)
        user.delete()


def founder_data(user) -> dict:
    """Everything the portal keeps about the founder (Decree 13/2023: access)."""
    profiles = [
        {
            "ref": enterprise.ref,
            "public": enterprise.live,
            "latest_draft": record_for_api(enterprise.get_latest_revision_as_object()),
            "status": str(profile_status(enterprise).label),
        }
        for enterprise in Enterprise.objects.filter(founders__user=user)
    ]
    data = {
        "account": {"email": user.email, "joined": user.date_joined.isoformat(),
                    "last_login": user.last_login.isoformat() if user.last_login else None},
        "startup_profiles": profiles,
    }  # fmt: skip
    for _receiver, extra in account_data.send(sender=None, user=user):
        if extra is not None:
            data[extra[0]] = extra[1]
    return data


# Profiles


@dataclass(frozen=True)
class ProfileStatus:
    label: str
    comment: str  # the curator's, when they asked for changes or rejected the profile
    live: bool
    in_review: bool


def profile_status(enterprise: Enterprise) -> ProfileStatus:
    state = (
        WorkflowState.objects.for_instance(enterprise).order_by("-created_at").first()
        if enterprise.pk
        else None
    )
    status = state.status if state is not None else None
    comment, rejected = "", False
    if status in (WorkflowState.STATUS_NEEDS_CHANGES, WorkflowState.STATUS_CANCELLED):
        last = state.task_states.order_by("-finished_at").first()
        comment = last.comment if last else ""
        rejected = status == WorkflowState.STATUS_CANCELLED and last and last.status == "rejected"
    if status == WorkflowState.STATUS_IN_PROGRESS:
        label = _("Waiting for review")
    elif status == WorkflowState.STATUS_NEEDS_CHANGES:
        label = _("Changes requested")
    elif rejected and not enterprise.live:
        label = _("Not accepted")
    elif enterprise.has_unpublished_changes:
        label = _("Draft: not yet submitted")
    else:
        label = _("Published")
    in_review = status == WorkflowState.STATUS_IN_PROGRESS
    return ProfileStatus(label=label, comment=comment, live=enterprise.live, in_review=in_review)


def founders_profiles(user) -> list[tuple[Enterprise, ProfileStatus]]:
    enterprises = Enterprise.objects.filter(founders__user=user).order_by("name")
    return [(enterprise, profile_status(enterprise)) for enterprise in enterprises]


def owned_profile(user, ref: str) -> Enterprise:
    """The founder's own enterprise (its live row; its draft is the latest revision)."""
    enterprise = Enterprise.objects.filter(ref=ref, founders__user=user).first()
    if enterprise is None:
        raise NotOwner
    return enterprise


def _check_owner(user, enterprise: Enterprise) -> None:
    if not (
        user.is_authenticated
        and Ownership.objects.filter(user=user, enterprise_id=enterprise.pk).exists()
    ):
        raise NotOwner


def new_profile() -> Enterprise:
    """A founder's new startup, for the form to fill: a domestic company, not public."""
    return Enterprise(ownership=Enterprise.Ownership.DOMESTIC, live=False)


def unique_ref(name: str) -> str:
    base = slugify(name)[:40] or "startup"
    return f"startup-{base}-{secrets.token_hex(3)}"


def save_draft(
    user, draft: Enterprise, *, technologies, logo=None, remove_logo=False, kept_photos=None,
    new_photos=(),
) -> Enterprise:  # fmt: skip
    """Save the founder's changes as a revision only: a published profile stays as it is until a
    curator approves. `draft` is a new profile or the latest revision with the form's changes;
    `logo` and `new_photos` are files already checked (registry.uploads.clean_image). A new
    logo replaces the current one; new photos join the kept ones (all of them by default)."""
    if draft.pk is not None:
        _check_owner(user, draft)
        if profile_status(draft).in_review:
            raise Refused(
                gettext("This profile is being reviewed; you can edit it again afterwards.")
            )
    kept = list(draft.photos.all()) if kept_photos is None else list(kept_photos)
    if len(kept) + len(new_photos) > MAX_PHOTOS:
        raise ValidationError(gettext("At most %(n)d photos.") % {"n": MAX_PHOTOS}, "too_many")
    with transaction.atomic():
        if logo:
            draft.photo = founder_image(f"{draft.name} — logo", logo)
        elif remove_logo:
            draft.photo = None
        draft.photos = kept + [
            EnterprisePhoto(image=founder_image(f"{draft.name} — {n}", photo))
            for n, photo in enumerate(new_photos, len(kept) + 1)
        ]
        draft.technologies.set(technologies)
        if draft.pk is None:
            draft.ref = unique_ref(draft.name)
            draft.live = False
            draft.save()
            Ownership.objects.create(user=user, enterprise=draft)
        draft.save_revision(user=user, log_action=True)
        # A replaced logo or photo goes, unless the public profile or another record uses it.
        delete_unused_after_commit(images_of(draft))
    return draft


def _check_complete(draft: Enterprise) -> None:
    """What a curator may publish: the model's own validation, and a startup stage (a
    founder's profile is a startup's)."""
    draft.full_clean()
    if not draft.startup_stage:
        raise ValidationError({"startup_stage": gettext("Choose the startup's stage.")})


def submit_for_review(user, enterprise: Enterprise) -> None:
    """Start the moderation workflow on the founder's latest draft. Refused (and nothing
    changes) when it is not the founder's, already in review, has nothing new, or is not
    complete (ValidationError)."""
    _check_owner(user, enterprise)
    with transaction.atomic():
        # One submission at a time: a double click starts one workflow, not two.
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        if profile_status(enterprise).in_review:
            raise Refused(gettext("This profile is already waiting for review."))
        if not enterprise.has_unpublished_changes:
            raise Refused(gettext("There is nothing new to review."))
        workflow = Enterprise.get_default_workflow()
        if workflow is None:
            raise ModerationOff
        _check_complete(enterprise.get_latest_revision_as_object())
        workflow.start(enterprise, user)


# Claims on agency-registered enterprises


def claimable(ref: str) -> Enterprise | None:
    """A published enterprise nobody manages yet, which a founder may ask to manage."""
    enterprise = Enterprise.objects.published().filter(ref=ref).first()
    return None if enterprise is None or enterprise.founders.exists() else enterprise


def request_claim(user, enterprise: Enterprise, message: str) -> Claim:
    """The founder's pending claim (asking twice keeps the first one)."""
    if claimable(enterprise.ref) is None:
        raise Refused(gettext("This profile cannot be claimed."))
    claim, _created = Claim.objects.get_or_create(
        user=user,
        enterprise=enterprise,
        status=Claim.Status.PENDING,
        defaults={"message": message},
    )
    return claim


def decide_claim(claim: Claim, curator, status: str, note: str = "") -> Claim:
    """A curator's decision on a claim, kept in the claim's history. Approving gives the
    founder the profile (edited through moderation, like their own) exactly once; a later
    change of status does not take it back (a curator or administrator removes the ownership)."""
    if not curator.has_perm("cms.change_claim"):
        raise PermissionDenied
    with transaction.atomic():
        before = Claim.objects.select_for_update().get(pk=claim.pk).status
        claim.status, claim.curator_note = status, note
        claim.save(update_fields=["status", "curator_note", "updated_at"])
        if status == before:
            log(instance=claim, action="wagtail.edit", user=curator)
        elif status == Claim.Status.APPROVED:
            Ownership.objects.get_or_create(user=claim.user, enterprise=claim.enterprise)
            log(instance=claim, action=CLAIM_APPROVED, user=curator)
        elif status == Claim.Status.REJECTED:
            log(instance=claim, action=CLAIM_REJECTED, user=curator)
        else:
            log(instance=claim, action="wagtail.edit", user=curator)
    return claim


def pending_claims(user):
    """The founder's claims a curator has not approved (waiting or rejected, with the note)."""
    return user.claims.exclude(status=Claim.Status.APPROVED).select_related("enterprise")
