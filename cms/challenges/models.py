"""Who may speak for an R&D organisation on the portal: a membership a curator grants in the
admin (the R&D counterpart of a founder's `Ownership`). Defined here and registered with Django by
`cms.models`, which imports it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RDMembership(models.Model):
    """An account that may respond to challenges on behalf of an R&D organisation. Granted by a
    curator after checking the person works there; it gives no right to edit the record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="rd_memberships",
    )
    rd_organisation = models.ForeignKey(
        "registry.RDOrganisation",
        verbose_name=_("R&D organisation"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("R&D organisation member")
        verbose_name_plural = _("R&D organisation members")
        ordering = ["rd_organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "rd_organisation"], name="rd_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.rd_organisation}"
