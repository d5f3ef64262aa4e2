"""What a challenge's public page adds to the record page: its matched partners, who was awarded,
and the response form; and the view that receives a response (POST to `…/respond/`)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import gettext

from cms.portal import ratelimit
from cms.portal.records import load
from registry.addresses import record_url
from registry.models import Challenge, ChallengeResponse
from search.match_partners import for_challenge

from .responses import ResponseForm, existing_response, responders_for, save_response

GROUP_LABELS = dict(Challenge.Wanted.choices)
SENT_KEY = "challenge_response_sent"


def awarded(challenge) -> list:
    """Who was awarded: the organisations in `awarded_to`, and experts whose response won (the
    format's `awarded_to` names organisations only)."""
    experts = [
        r.responder_expert
        for r in challenge.responses.filter(
            status=ChallengeResponse.Status.AWARDED, responder_expert__live=True
        ).select_related("responder_expert")
    ]
    return [r for r in challenge.awarded_to if r.live] + experts


def challenge_context(request, challenge, form=None) -> dict:
    is_open = challenge.status == Challenge.Status.OPEN
    responders = responders_for(request.user, challenge) if is_open else []
    previous = existing_response(challenge, responders[0]) if len(responders) == 1 else None
    if form is None and responders:
        initial = {"proposal": previous.proposal} if previous else {}
        form = ResponseForm(responders=responders, initial=initial)
    sent = request.session.get(SENT_KEY) == challenge.ref
    if sent:
        del request.session[SENT_KEY]
    page = record_url("challenge", challenge.ref)
    return {
        "challenge_groups": [
            (GROUP_LABELS[group], partners) for group, partners in for_challenge(challenge).items()
        ],
        "challenge_awarded": awarded(challenge) if challenge.is_decided else [],
        "challenge_is_open": is_open,
        "response_form": form,
        "response_action": record_url("challenge", challenge.ref, action="respond"),
        "response_previous": previous,
        "response_sent": sent,
        "sign_in_url": f"{settings.LOGIN_URL}?next={page}%23respond",
    }


def receive_response(request, kind, ref, render):
    """`render(form, status)` shows the record page again (with the form's errors)."""
    if kind != "challenge":
        raise Http404
    challenge = load(kind, ref)
    back = record_url(kind, ref) + "#respond"
    if request.method == "GET":
        return HttpResponseRedirect(back)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if challenge.status != Challenge.Status.OPEN:
        return render(None, 409)
    responders = responders_for(request.user, challenge)
    if not responders:
        return render(None, 403)
    form = ResponseForm(request.POST, responders=responders)
    if not form.is_valid():
        return render(form, 400)
    allowance = ratelimit.account_allowance(
        "challenge-response", str(request.user.pk), settings.CHALLENGE_RESPONSE_RATE_LIMIT
    )
    if allowance.claim() is None:
        form.add_error(
            None, gettext("Too many responses from your account; please try again in an hour.")
        )
        return render(form, 429)
    save_response(
        challenge, request.user, form.cleaned_data["responder"], form.cleaned_data["proposal"]
    )
    request.session[SENT_KEY] = challenge.ref
    return HttpResponseRedirect(back)
