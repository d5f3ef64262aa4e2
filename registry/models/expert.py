"""Experts (interchange v1.1): people whose expertise is public with their consent, reachable
through the platform only. No e-mail, phone or address of theirs is ever published or exported."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowMixin

from registry.fields import StringListField

from .base import Record
from .links import RecordLink, at_most_one


class Expert(WorkflowMixin, Record):
    """A member of the province's "virtual expert" network. Their fields of expertise are the
    record's technologies. Self-registered profiles reach the public through moderation
    (WorkflowMixin), like founders' profiles."""

    kind = "expert"

    class Title(models.TextChoices):
        PROFESSOR = "professor", _("Professor")
        ASSOCIATE_PROFESSOR = "associate_professor", _("Associate professor")
        DOCTOR = "doctor", _("Doctor")
        MASTER = "master", _("Master")
        ENGINEER = "engineer", _("Engineer")
        OTHER = "other", _("Other")

    expert_title = models.CharField(_("title"), max_length=32, choices=Title, blank=True)
    affiliation_enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("affiliation (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    affiliation_rd_organisation = models.ForeignKey(
        "registry.RDOrganisation",
        verbose_name=_("affiliation (R&D organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    affiliation_incubator = models.ForeignKey(
        "registry.Incubator",
        verbose_name=_("affiliation (incubator)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    affiliation = RecordLink(
        {
            "enterprise": "affiliation_enterprise",
            "rd_organisation": "affiliation_rd_organisation",
            "incubator": "affiliation_incubator",
        },
        verbose_name=_("affiliation"),
    )
    languages = StringListField(
        _("languages"), help_text=_("ISO 639-1 codes, one per line, e.g. vi, en, ja, ko.")
    )
    accepts_questions = models.BooleanField(
        _("accepts questions"),
        default=False,
        blank=True,  # false is a value: the key is optional in files, absent means false
        help_text=_("Visitors' questions in these fields may be sent to this expert."),
    )
    # Decree 13/2023: the day the person consented to a public profile. A profile the agency
    # prepares waits without one; no expert is ever published without it (a check constraint).
    consent_on = models.DateField(
        _("consented to a public profile on"),
        null=True,
        blank=True,
        help_text=_("Required before the profile is published (Decree 13/2023)."),
    )
    # Private: the expert's own portal account (self-registration or an approved claim).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profile",
    )

    class Meta(Record.Meta):
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [
            *Record.location_constraints("expert"),
            at_most_one(
                [
                    "affiliation_enterprise",
                    "affiliation_rd_organisation",
                    "affiliation_incubator",
                ],
                "expert_affiliation_one_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(live=False) | models.Q(consent_on__isnull=False),
                name="expert_published_with_consent",
            ),
        ]

    @property
    def reachable(self) -> bool:
        """Whether a visitor's question can reach this expert: public, taking questions, and
        with the private address the platform writes to (imported profiles have none)."""
        return self.live and self.accepts_questions and bool(self.contact_email)

    def invariant_errors(self):
        errors = super().invariant_errors()
        if self.consent_on is not None and self.consent_on > timezone.localdate():
            errors["consent_on"] = _("A consent cannot be dated in the future.")
        if self.live and self.consent_on is None:
            errors["consent_on"] = _(
                "An expert is published only with the day they consented to a public profile."
            )
        return errors
