"""What curators decided about possible duplicate enterprises (issue #14, "sạch"): pairs that
are not the same company, and records merged into another. The merge itself moves relations the
catalogue cannot see (founders' claims, inquiries): it lives in the portal's layer
(`cms.merging`); these rows are what every layer reads (the duplicates panel, the redirects)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotDuplicate(models.Model):
    """Two enterprises a curator judged to be different companies: neither lists the other as a
    possible duplicate again. Symmetric: stored once, the lower id first."""

    first = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("record")
    )
    second = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("other record"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    created_at = models.DateTimeField(_("marked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("pair marked not a duplicate")
        verbose_name_plural = _("pairs marked not duplicates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="not_duplicate_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="not_duplicate_lower_id_first",
            ),
        ]

    def __str__(self):
        return f"{self.first} ≠ {self.second}"


class EnterpriseMerge(models.Model):
    """A record merged into another: the merged one is unpublished and locked (its history is
    kept), and its public addresses redirect to the surviving record."""

    merged = models.OneToOneField(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="merged_into",
        verbose_name=_("merged record"),
    )
    survivor = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="merged_from",
        verbose_name=_("kept record"),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged on"), auto_now_add=True)
    summary = models.JSONField(_("what moved"), default=dict, blank=True)

    class Meta:
        verbose_name = _("merged enterprise")
        verbose_name_plural = _("merged enterprises")
        ordering = ["-merged_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged=models.F("survivor")), name="merge_not_into_itself"
            )
        ]

    def __str__(self):
        return f"{self.merged} → {self.survivor}"
