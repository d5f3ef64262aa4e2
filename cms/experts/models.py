"""Claims on expert profiles the agency prepared (registered with Django from cms/models.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class ExpertClaim(models.Model):
    """A signed-in person's request to hold an expert profile the agency prepared (a draft
    without consent, or a published one). Like founders' `Claim`, but the grant is the profile's
    `account`, one per account; a curator decides through cms.experts.services.decide_claim."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a curator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="expert_claims",
    )
    expert = models.ForeignKey(
        "registry.Expert",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    message = models.TextField(_("how to check that this profile is yours"), max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    curator_note = models.TextField(_("note to the expert"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("curator_note")]),
        FieldRowPanel([FieldPanel("user", read_only=True), FieldPanel("expert", read_only=True)]),
        FieldPanel("message", read_only=True),
    ]

    class Meta:
        verbose_name = _("expert profile claim")
        verbose_name_plural = _("expert profile claims")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} → {self.expert}"
