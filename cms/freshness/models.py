from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FreshnessCheck(models.Model):
    """One "is this still correct?" e-mail about one record, and the owner's answer. The signed
    link names this row: once answered, it is closed. Recent rows limit the sends per record."""

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        CONFIRMED = "confirmed", _("Still correct")
        PROPOSED = "proposed", _("Changes proposed")

    kind = models.CharField(_("kind of record"), max_length=32)
    record_id = models.PositiveBigIntegerField(_("record id"))
    ref = models.CharField(_("reference"), max_length=64)
    record_name = models.CharField(_("record"), max_length=200)
    # Private (the owner's addresses): shown to curators only, never published.
    recipients = models.TextField(_("sent to"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.CharField(_("answer"), max_length=16, choices=Answer, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    proposal = models.TextField(_("proposed changes"), max_length=4000, blank=True)
    handled = models.BooleanField(
        _("handled"),
        default=False,
        help_text=_("Tick once the proposal is applied (through moderation) or answered."),
    )

    class Meta:
        verbose_name = _("owner's reply")
        verbose_name_plural = _("owners' replies")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["kind", "record_id", "sent_at"])]

    def __str__(self):
        return f"{self.record_name} ({self.sent_at:%Y-%m-%d})"
