"""Challenges (interchange v1.1): a task the province commissions, an enterprise's technology
need or a training need, and the responses organisations send to it."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from registry.fields import ChoiceListField

from .base import Record, non_negative, non_negative_float
from .links import RecordLink, RecordLinks, at_most_one

PROPOSAL_MAX_CHARS = 5000


def organisation_key(model: str, verbose_name, related_name: str):
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class Challenge(Record):
    """What one party of the four-party linkage asks of the others, with who may answer and,
    once decided, who was awarded."""

    kind = "challenge"

    class ChallengeKind(models.TextChoices):
        COMMISSIONED_TASK = "commissioned_task", _("Task commissioned by the province")
        ENTERPRISE_NEED = "enterprise_need", _("Enterprise's technology need")
        TRAINING_NEED = "training_need", _("Training need")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        AWARDED = "awarded", _("Awarded")
        CLOSED = "closed", _("Closed")

    class Wanted(models.TextChoices):
        RD_ORGANISATION = "rd_organisation", _("R&D organisations")
        UNIVERSITY = "university", _("Universities")
        ENTERPRISE = "enterprise", _("Enterprises")
        STARTUP = "startup", _("Startups")
        EXPERT = "expert", _("Experts")

    challenge_kind = models.CharField(_("type of challenge"), max_length=32, choices=ChallengeKind)
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.OPEN, db_index=True
    )
    # Absent poster: the provincial agency posted it on the province's behalf.
    poster_enterprise = organisation_key(
        "registry.Enterprise", _("posted by (enterprise)"), "posted_challenges"
    )
    poster_rd_organisation = organisation_key(
        "registry.RDOrganisation",
        _("posted by (R&D organisation)"),
        "posted_challenges",
    )
    poster_incubator = organisation_key(
        "registry.Incubator", _("posted by (incubator)"), "posted_challenges"
    )
    poster = RecordLink(
        {
            "enterprise": "poster_enterprise",
            "rd_organisation": "poster_rd_organisation",
            "incubator": "poster_incubator",
        },
        verbose_name=_("posted by"),
    )
    posted_on = models.DateField(_("posted on"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    budget_vnd = non_negative_float(_("budget (VND)"))
    wanted = ChoiceListField(_("who may answer"), item_choices=Wanted.choices)
    awarded_enterprises = ParentalManyToManyField(
        "registry.Enterprise",
        verbose_name=_("awarded to (enterprises)"),
        blank=True,
        related_name="awarded_challenges",
    )
    awarded_rd_organisations = ParentalManyToManyField(
        "registry.RDOrganisation",
        verbose_name=_("awarded to (R&D organisations)"),
        blank=True,
        related_name="awarded_challenges",
    )
    awarded_incubators = ParentalManyToManyField(
        "registry.Incubator",
        verbose_name=_("awarded to (incubators)"),
        blank=True,
        related_name="awarded_challenges",
    )
    awarded_to = RecordLinks(
        {
            "enterprise": "awarded_enterprises",
            "rd_organisation": "awarded_rd_organisations",
            "incubator": "awarded_incubators",
        },
        verbose_name=_("awarded to"),
    )
    # Private: the agency's officer who follows the challenge and its responses. Not interchanged.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )

    class Meta(Record.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            *Record.location_constraints("challenge"),
            *non_negative("challenge", "budget_vnd"),
            at_most_one(
                ["poster_enterprise", "poster_rd_organisation", "poster_incubator"],
                "challenge_poster_one_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__isnull=True)
                | models.Q(deadline__gte=models.F("posted_on")),
                name="challenge_deadline_not_before_posting",
            ),
        ]

    def invariant_errors(self):
        errors = super().invariant_errors()
        if self.deadline and self.posted_on and self.deadline < self.posted_on:
            errors["deadline"] = _(
                "The deadline cannot be before the day the challenge was posted."
            )
        return errors

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.AWARDED, self.Status.CLOSED)


class ChallengeResponse(models.Model):
    """An organisation's expression of interest in a challenge, with a short proposal, sent by a
    signed-in account linked to that organisation (or expert profile)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        AWARDED = "awarded", _("Awarded")
        NOT_SELECTED = "not_selected", _("Not selected")

    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="responses"
    )
    responder_enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="challenge_responses",
    )
    responder_rd_organisation = models.ForeignKey(
        "registry.RDOrganisation",
        verbose_name=_("R&D organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="challenge_responses",
    )
    responder_expert = models.ForeignKey(
        "registry.Expert",
        verbose_name=_("expert"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="challenge_responses",
    )
    responder = RecordLink(
        {
            "enterprise": "responder_enterprise",
            "rd_organisation": "responder_rd_organisation",
            "expert": "responder_expert",
        },
        verbose_name=_("responding"),
    )
    # Private: who sent it (the account is told of each status change). Never public.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenge_responses",
    )
    proposal = models.TextField(
        _("proposal"),
        max_length=PROPOSAL_MAX_CHARS,
        validators=[MaxLengthValidator(PROPOSAL_MAX_CHARS)],
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RECEIVED)
    # The portal language the proposal was written in: its receipt and outcome are sent in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("response to a challenge")
        verbose_name_plural = _("responses to challenges")
        ordering = ["-created_at"]
        constraints = [
            at_most_one(
                ["responder_enterprise", "responder_rd_organisation", "responder_expert"],
                "challenge_response_one_responder",
            ),
        ]

    def __str__(self):
        return f"{self.responder} → {self.challenge}"
