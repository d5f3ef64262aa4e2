"""Expressing interest in a challenge: which organisations a signed-in account may respond for,
the form (a proposal of at most 5,000 characters as the user sees them), and the service that
stores the response and sends the receipt and the officer's notice."""

import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.pipeline.sectors import CURATORS
from registry.addresses import absolute_url, record_url
from registry.language import language, localized
from registry.models import Challenge, ChallengeResponse, Expert, RDOrganisation
from registry.models.challenge import PROPOSAL_MAX_CHARS

from .models import RDMembership

Wanted = Challenge.Wanted


def groups_of(record) -> set[str]:
    """The `wanted` groups a responding record belongs to (a university is an R&D organisation
    too, a startup an enterprise)."""
    if record.kind == "expert":
        return {Wanted.EXPERT}
    if record.kind == "rd_organisation":
        if record.org_kind == RDOrganisation.OrgKind.UNIVERSITY:
            return {Wanted.UNIVERSITY, Wanted.RD_ORGANISATION}
        return {Wanted.RD_ORGANISATION}
    return {Wanted.ENTERPRISE, Wanted.STARTUP} if record.startup_stage else {Wanted.ENTERPRISE}


def organisations_of(user) -> list:
    """The published records `user` speaks for: founders' enterprises, R&D organisations they
    are members of, their own expert profile."""
    if not user.is_authenticated:
        return []
    records = [
        o.enterprise
        for o in user.ownerships.filter(enterprise__live=True).select_related("enterprise")
    ]
    records += [
        m.rd_organisation
        for m in RDMembership.objects.filter(user=user, rd_organisation__live=True).select_related(
            "rd_organisation"
        )
    ]
    records += list(Expert.objects.published().filter(account=user))
    return records


def may_respond(challenge, record) -> bool:
    return not challenge.wanted or bool(groups_of(record) & set(challenge.wanted))


def responders_for(user, challenge) -> list:
    return [r for r in organisations_of(user) if may_respond(challenge, r)]


def key(record) -> str:
    return f"{record.kind}:{record.ref}"


def as_seen(text: str) -> str:
    """The proposal as the user typed it: line breaks as one character (browsers send two) and
    composed accents (a Vietnamese letter typed as base + marks counts once)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


class ResponseForm(forms.Form):
    responder = forms.ChoiceField(label=_("Responding as"))
    proposal = forms.CharField(
        label=_("Your proposal"),
        help_text=_(
            "What you would do, with whom, by when and at what cost; at most 5,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": PROPOSAL_MAX_CHARS}),
        strip=True,
    )

    def __init__(self, *args, responders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.responders = {key(r): r for r in responders}
        self.fields["responder"].choices = [
            (key(r), f"{localized(r, 'name')} ({r._meta.verbose_name})") for r in responders
        ]
        if len(responders) == 1:
            self.fields["responder"].widget = forms.HiddenInput()
            self.fields["responder"].initial = key(responders[0])

    def clean_proposal(self):
        proposal = as_seen(self.cleaned_data["proposal"])
        if len(proposal) > PROPOSAL_MAX_CHARS:
            raise forms.ValidationError(
                gettext("Please shorten your proposal to %(limit)s characters; it has %(count)s.")
                % {
                    "limit": formats.number_format(PROPOSAL_MAX_CHARS, force_grouping=True),
                    "count": formats.number_format(len(proposal), force_grouping=True),
                }
            )
        return proposal

    def clean_responder(self):
        # Choices already refuse any other value: another organisation's id never gets here.
        return self.responders[self.cleaned_data["responder"]]


def existing_response(challenge, record):
    field = ChallengeResponse.responder.fields[record.kind]
    return ChallengeResponse.objects.filter(challenge=challenge, **{field: record}).first()


def officer_addresses(challenge) -> list[str]:
    """The challenge's officer, else every active curator."""
    if challenge.officer is not None and challenge.officer.email:
        return [challenge.officer.email]
    return list(
        get_user_model()
        .objects.filter(groups__name=CURATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def save_response(challenge, user, record, proposal: str):
    """Store (or, while the challenge is open, replace) `record`'s response, then send the
    receipt and the officer's notice once the transaction has committed."""
    with transaction.atomic():
        response = existing_response(challenge, record) or ChallengeResponse(challenge=challenge)
        response.responder = record
        response.user = user
        response.proposal = proposal
        response.language = language()
        response.full_clean()
        response.save()
        transaction.on_commit(lambda: notify(response))
    return response


def notify(response) -> None:
    challenge = response.challenge
    with translation.override(response.language):
        page = absolute_url(record_url("challenge", challenge.ref))
        name = localized(challenge, "name")
        send_mail(
            subject=gettext("We have received your response: %(challenge)s") % {"challenge": name},
            message="\n".join(
                [
                    gettext(
                        "Thank you. Your response to %(challenge)s, for %(responder)s, "
                        "has been received."
                    )
                    % {"challenge": name, "responder": localized(response.responder, "name")},
                    page,
                    "",
                    gettext(
                        "The officer in charge reads every response; you will be told the "
                        "outcome by e-mail."
                    ),
                    "",
                    gettext("Your proposal:"),
                    response.proposal,
                ]
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[response.user.email],
            fail_silently=True,  # stored: the officer sees it in the admin anyway
        )
    with translation.override(settings.LANGUAGE_CODE):  # the agency's own language
        subject = f"[DNHub] {gettext('New response to a challenge')}: {challenge.name}"
    send_mail(
        subject=subject,
        message="\n".join(
            [
                f"{challenge.name} (challenge:{challenge.ref})",
                f"{response.responder.name} ({response.responder.kind}:{response.responder.ref})",
                "",
                response.proposal,
                "",
                settings.WAGTAILADMIN_BASE_URL
                + reverse("challenge_responses", args=[challenge.pk]),
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=officer_addresses(challenge),
        fail_silently=True,
    )
