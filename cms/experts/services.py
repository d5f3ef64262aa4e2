"""The experts' rules: an account's one expert profile, its consent (Decree 13/2023), its
moderation, a claim on a profile the agency prepared, and consent withdrawal and erasure.

Each write happens in one transaction; a refused change leaves everything as it was. Changes are
draft revisions until a curator approves them; withdrawing consent is the exception: it takes the
profile off the public site at once, with no review in between."""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from registry.models import Expert
from registry.models.questions import ExpertAnswer, QuestionRoute

from ..founders.services import (
    ModerationOff,
    Refused,
    account_data,
    account_deleting,
    profile_status,
)
from ..models import ExpertClaim

# The consent wording's version, written in the audit log beside the date: when the wording
# changes, the version changes, and each consent says which text the person accepted.
CONSENT_VERSION = "2026-11"
CONSENT_GIVEN = "dnhub.expert.consent"  # audit-log actions, registered in cms/wagtail_hooks.py
CONSENT_WITHDRAWN = "dnhub.expert.withdraw"
CLAIM_APPROVED = "dnhub.expert_claim.approve"
CLAIM_REJECTED = "dnhub.expert_claim.reject"
FORMER_EXPERT = "—"  # the name left on an erased expert whose published answers stay


def own_profile(user) -> Expert | None:
    """The account's expert profile (its live row; the draft is its latest revision)."""
    if not user.is_authenticated:
        return None
    return Expert.objects.filter(account=user).first()


def new_profile() -> Expert:
    return Expert(live=False)


def unique_ref() -> str:
    # Not derived from the name: a ref outlives an erasure, a name is personal data.
    return f"expert-{secrets.token_hex(4)}"


def save_draft(user, draft: Expert, *, technologies, consent: bool) -> Expert:
    """Save the expert's form as a revision. `consent` (the ticked box) records today's date
    in the draft and the audit log; a profile already consented keeps its date. The questions'
    address is the account's verified one, kept private in `contact_email`."""
    if draft.pk is not None:
        if draft.account_id != user.pk:
            raise Refused(gettext("This profile is not yours."))
        if profile_status(draft).in_review:
            raise Refused(
                gettext("This profile is being reviewed; you can edit it again afterwards.")
            )
    elif own_profile(user) is not None:
        raise Refused(gettext("Your account already has an expert profile."))
    newly_consented = consent and draft.consent_on is None
    if newly_consented:
        draft.consent_on = timezone.localdate()
    draft.contact_email = user.email
    with transaction.atomic():
        if draft.pk is None:
            draft.ref, draft.account, draft.live = unique_ref(), user, False
            draft.save()
        elif newly_consented:
            # The row holds the consent too: a curator's publish reads it from the revision,
            # and the check constraint from the row.
            Expert.objects.filter(pk=draft.pk).update(consent_on=draft.consent_on)
        draft.technologies.set(technologies)
        draft.save_revision(user=user, log_action=True)
        if newly_consented:
            log(
                instance=draft,
                action=CONSENT_GIVEN,
                user=user,
                data={"date": draft.consent_on.isoformat(), "text_version": CONSENT_VERSION},
            )
    return draft


def submit_for_review(user, expert: Expert) -> None:
    """Start the curators' review of the latest draft; refused without consent, while in review,
    with nothing new, or incomplete (ValidationError)."""
    with transaction.atomic():
        expert = Expert.objects.select_for_update().filter(pk=expert.pk, account=user).first()
        if expert is None:
            raise Refused(gettext("This profile is not yours."))
        if profile_status(expert).in_review:
            raise Refused(gettext("This profile is already waiting for review."))
        if not expert.has_unpublished_changes:
            raise Refused(gettext("There is nothing new to review."))
        draft = expert.get_latest_revision_as_object()
        if draft.consent_on is None:
            raise ValidationError(
                {"consent": gettext("Tick the consent to a public profile first.")}
            )
        workflow = Expert.get_default_workflow()
        if workflow is None:
            raise ModerationOff
        draft.full_clean()
        waiting = WorkflowState.objects.for_instance(expert).filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES
        )
        if waiting.exists():  # the curator asked for changes: the same review goes on
            waiting.get().resume(user)
        else:
            workflow.start(expert, user)


def withdraw_consent(user, *, erase: bool = False) -> None:
    """Decree 13/2023: withdrawal. The profile leaves the public site now (Wagtail's unpublish,
    so the search index follows through the outbox), any review is cancelled, questions stop.
    With `erase`, the personal data goes too (see `erase_profile`)."""
    expert = own_profile(user)
    if expert is None:
        return
    with transaction.atomic():
        expert = Expert.objects.select_for_update().get(pk=expert.pk)
        for state in WorkflowState.objects.for_instance(expert).filter(
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
        ):
            state.cancel(user=user)
        if expert.live:
            unpublish(expert, user)
        if erase:
            erase_profile(expert)
            return
        draft = expert.get_latest_revision_as_object() if expert.latest_revision_id else expert
        for record in (expert, draft):
            record.consent_on, record.accepts_questions = None, False
        Expert.objects.filter(pk=expert.pk).update(consent_on=None, accepts_questions=False)
        forget_consent_in_revisions(expert)
        draft.save_revision(user=user)
        log(
            instance=expert,
            action=CONSENT_WITHDRAWN,
            user=user,
            data={"date": timezone.localdate().isoformat()},
        )


def forget_consent_in_revisions(expert: Expert) -> None:
    """No old revision may publish the profile again: neither a scheduled one nor one a curator
    reverts to carries the withdrawn consent (the check constraint then refuses to publish)."""
    for revision in Revision.objects.for_instance(expert):
        revision.content["consent_on"] = None
        revision.content["accepts_questions"] = False
        revision.approved_go_live_at = None
        revision.save(update_fields=["content", "approved_go_live_at"])


def unpublish(expert: Expert, user) -> None:
    """Off the public site now. The person's own right (Decree 13/2023), so no editor's
    permission is asked; Wagtail's action sends `unpublished`, which the search outbox follows."""
    UnpublishAction(expert, user=user, commit=True, log_action=user is not None).execute(
        skip_permission_checks=True
    )


def erase_profile(expert: Expert) -> None:
    """Delete an expert's personal data: the record with its revisions and audit entries,
    questions waiting for them and answers not yet published. An expert whose answers are
    already public keeps an anonymous row (no name, bio, account or address) so the answers
    stay, signed "a former expert"; everything else about them is deleted."""
    QuestionRoute.objects.filter(expert=expert).delete()
    expert.answers.exclude(status=ExpertAnswer.Status.APPROVED).delete()
    claims = ExpertClaim.objects.filter(expert=expert)
    # A claim's log entries are labelled "account e-mail → expert's name": personal data.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ExpertClaim),
        object_id__in=[str(pk) for pk in claims.values_list("pk", flat=True)],
    ).delete()
    claims.delete()
    Revision.objects.for_instance(expert).delete()
    # The history's entries carry the name (their label): personal data too.
    ModelLogEntry.objects.for_instance(expert).delete()
    if not expert.answers.exists():
        expert.delete()
        return
    expert.technologies.clear()
    Expert.objects.filter(pk=expert.pk).update(
        ref=unique_ref(), name=FORMER_EXPERT, name_en="", description="", description_en="",
        expert_title="", website="", contact_email="", languages=[], account=None,
        consent_on=None, accepts_questions=False, live=False, latest_revision=None,
        live_revision=None, affiliation_enterprise=None, affiliation_rd_organisation=None,
        affiliation_incubator=None, source="", photo=None,
    )  # fmt: skip


def profile_fields(expert: Expert) -> dict:
    """What the person wrote in the profile (the draft's values)."""
    affiliation = expert.affiliation
    return {
        "name": expert.name, "name_en": expert.name_en, "expert_title": expert.expert_title,
        "affiliation": {"kind": affiliation.kind, "ref": affiliation.ref} if affiliation else None,
        "technologies": sorted(expert.technologies.values_list("code", flat=True)),
        "languages": list(expert.languages or []), "bio": expert.description,
        "bio_en": expert.description_en, "website": expert.website,
        "accepts_questions": expert.accepts_questions,
    }  # fmt: skip


def expert_data(user) -> dict | None:
    """The expert profile in the account's my-data download (Decree 13/2023: access)."""
    expert = own_profile(user)
    if expert is None:
        return None
    draft = expert.get_latest_revision_as_object() if expert.latest_revision_id else expert
    return {
        "ref": expert.ref,
        "public": expert.live,
        "consent_on": expert.consent_on.isoformat() if expert.consent_on else None,
        "questions_address": expert.contact_email,
        "latest_draft": profile_fields(draft),
        "status": str(profile_status(expert).label),
    }


# Claims on profiles the agency prepared


def claimable(ref: str) -> Expert | None:
    """An expert profile nobody holds yet: a draft the agency prepared, or a published one."""
    return Expert.objects.filter(ref=ref, account__isnull=True).exclude(name=FORMER_EXPERT).first()


def request_claim(user, expert: Expert, message: str) -> ExpertClaim:
    if own_profile(user) is not None:
        raise Refused(gettext("Your account already has an expert profile."))
    if claimable(expert.ref) is None:
        raise Refused(gettext("This profile cannot be claimed."))
    claim, _created = ExpertClaim.objects.get_or_create(
        user=user, expert=expert, status=ExpertClaim.Status.PENDING,
        defaults={"message": message},
    )  # fmt: skip
    return claim


def decide_claim(claim: ExpertClaim, curator, status: str, note: str = "") -> ExpertClaim:
    """A curator's decision, kept in the claim's history. Approving links the profile to the
    account (once, and only while nobody holds it); the person then consents and edits it
    through moderation."""
    if not curator.has_perm("cms.change_expertclaim"):
        raise PermissionDenied
    with transaction.atomic():
        before = ExpertClaim.objects.select_for_update().get(pk=claim.pk).status
        if status == ExpertClaim.Status.APPROVED and before != status:
            expert = Expert.objects.select_for_update().get(pk=claim.expert_id)
            if expert.account_id is not None or own_profile(claim.user) is not None:
                raise ValidationError(
                    {"status": gettext("The profile or the account already has its expert.")}
                )
            Expert.objects.filter(pk=expert.pk).update(account=claim.user)
        claim.status, claim.curator_note = status, note
        claim.save(update_fields=["status", "curator_note", "updated_at"])
        action = {
            ExpertClaim.Status.APPROVED: CLAIM_APPROVED,
            ExpertClaim.Status.REJECTED: CLAIM_REJECTED,
        }.get(status) if status != before else None  # fmt: skip
        log(instance=claim, action=action or "wagtail.edit", user=curator)
    return claim


def pending_claims(user):
    return ExpertClaim.objects.filter(user=user).exclude(status=ExpertClaim.Status.APPROVED)


# The account's erasure and my-data download (cms.founders.services' signals)


def _on_account_deleting(sender, user, **kwargs):
    expert = own_profile(user)
    if expert is not None:
        if expert.live:
            unpublish(expert, None)
        erase_profile(expert)


def _on_account_data(sender, user, **kwargs):
    data = expert_data(user)
    return None if data is None else ("expert_profile", data)


def connect():
    """Called from CmsConfig.ready."""
    account_deleting.connect(_on_account_deleting, dispatch_uid="dnhub-expert-erase")
    account_data.connect(_on_account_data, dispatch_uid="dnhub-expert-data")
