"""The officer's moves of a challenge: open → in progress → awarded → closed, with explicit
steps. Each move is published as a revision of the challenge (its history shows who moved it and
when) and logged with its own action; deciding e-mails every respondent their outcome in the
language they wrote in.

Allowed moves: open → in progress (responses are being assessed; no new ones), in progress →
awarded (one or more responses chosen), awarded → closed (the work is done), and open or in
progress → closed (withdrawn without award). Nothing goes back: a reopened need is a new
challenge, so that respondents are never told two outcomes."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from wagtail.log_actions import log

from cms.pipeline.sectors import is_scoped_officer
from registry.addresses import absolute_url, record_url
from registry.language import localized
from registry.models import Challenge, ChallengeResponse

Status = Challenge.Status
Outcome = ChallengeResponse.Status
MOVED = "dnhub.challenge.moved"
MOVES = {
    Status.OPEN: (Status.IN_PROGRESS, Status.CLOSED),
    Status.IN_PROGRESS: (Status.AWARDED, Status.CLOSED),
    Status.AWARDED: (Status.CLOSED,),
    Status.CLOSED: (),
}
AWARDABLE_KINDS = set(Challenge.awarded_to.fields)


class MoveRefused(Exception):
    """A move the workflow does not allow, or an award without a response chosen."""


def may_see(user, challenge) -> bool:
    if not user.has_perm("registry.view_challengeresponse"):
        return False
    return not is_scoped_officer(user) or challenge.officer_id == user.pk


def may_move(user, challenge) -> bool:
    """Curators and administrators move any challenge; an officer those they are officer of."""
    if user.has_perm("registry.change_challenge"):
        return True
    return is_scoped_officer(user) and challenge.officer_id == user.pk


def move(challenge, to: str, user, chosen=()) -> list:
    """Move `challenge` to `to`; when awarding, `chosen` are the winning responses. Returns the
    responses whose respondents were told their outcome."""
    if to not in MOVES[challenge.status]:
        raise MoveRefused(
            gettext("A challenge that is %(now)s cannot become %(to)s.")
            % {"now": challenge.get_status_display(), "to": Status(to).label}
        )
    responses = list(challenge.responses.select_related("user"))
    if to == Status.AWARDED and not chosen:
        raise MoveRefused(gettext("Choose at least one response to award."))
    if any(r.challenge_id != challenge.pk for r in chosen):
        raise MoveRefused(gettext("Choose among this challenge's responses."))
    with transaction.atomic():
        # A curator's unpublished edit stays a draft on top of the move, not lost under it.
        draft = (
            challenge.get_latest_revision_as_object() if challenge.has_unpublished_changes else None
        )
        told = _decide(challenge, to, responses, {r.pk for r in chosen})
        before = challenge.status
        challenge.status = to
        revision = challenge.save_revision(user=user)
        if challenge.live:
            # may_move has checked the officer's right to this move; an officer holds no
            # general right to publish challenges.
            revision.publish(user=user, skip_permission_checks=True)
        else:
            challenge.save()
        if draft is not None:
            draft.status = to
            for field in Challenge.awarded_to.fields.values():
                setattr(draft, field, list(getattr(challenge, field).all()))
            draft.save_revision(user=user)
        log(challenge, MOVED, user=user, data={"from": before, "to": to})
        transaction.on_commit(lambda: [tell(challenge, r) for r in told])
    return told


def _decide(challenge, to: str, responses, chosen_ids: set) -> list:
    """Set the responses' outcomes (and `awarded_to`); the responses to tell."""
    if to == Status.AWARDED:
        winners = [r for r in responses if r.pk in chosen_ids]
        for kind, field in Challenge.awarded_to.fields.items():
            setattr(
                challenge,
                field,
                [r.responder for r in winners if r.responder and r.responder.kind == kind],
            )
    undecided = (Outcome.RECEIVED, Outcome.SHORTLISTED)
    told = []
    for response in responses:
        if to == Status.AWARDED:
            response.status = Outcome.AWARDED if response.pk in chosen_ids else Outcome.NOT_SELECTED
        elif to == Status.CLOSED and response.status in undecided:
            response.status = Outcome.NOT_SELECTED
        else:
            continue
        response.save(update_fields=["status", "updated_at"])
        told.append(response)
    return told


def tell(challenge, response) -> None:
    """The respondent's outcome, in the language they responded in."""
    if response.user is None or not response.user.email:
        return
    with translation.override(response.language):
        name = localized(challenge, "name")
        if response.status == Outcome.AWARDED:
            news = gettext("Congratulations: %(responder)s has been chosen for %(challenge)s.")
        else:
            news = gettext(
                "%(challenge)s has been decided; %(responder)s was not selected this time. "
                "Thank you for your proposal."
            )
        send_mail(
            subject=gettext("The outcome of %(challenge)s") % {"challenge": name},
            message="\n".join(
                [
                    news % {"challenge": name, "responder": localized(response.responder, "name")},
                    "",
                    absolute_url(record_url("challenge", challenge.ref, lang=response.language)),
                ]
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[response.user.email],
            fail_silently=True,  # decided and logged; the page shows the outcome too
        )
