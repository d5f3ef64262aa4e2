"""What the pipeline report and the officers' scope need beyond the inquiry itself: when each
inquiry changed status, and which sectors each officer works. Imported by `cms.models` so that
Django registers them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.portal.models import Inquiry


class InquiryEvent(models.Model):
    """One status change of an inquiry, as it happened: the report measures the time to first
    contact and the conversions from these rows. Only changes made since this history exists are
    recorded; older inquiries have none (nothing is made up for them)."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Inquiry.Status)
    to_status = models.CharField(_("to"), max_length=16, choices=Inquiry.Status)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("inquiry status change")
        verbose_name_plural = _("inquiry status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.inquiry_id}: {self.from_status} → {self.to_status}"


class OfficerSectors(models.Model):
    """The sectors (technologies) an officer works: a member of the Officers group sees the
    inquiries about records of these technologies or their children, and no others."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="officer_sectors",
        limit_choices_to={"is_staff": True},
        help_text=_("A staff account in the Officers group."),
    )
    sectors = models.ManyToManyField(
        "registry.Technology",
        verbose_name=_("sectors"),
        blank=True,
        related_name="+",
        help_text=_("A sector covers its sub-sectors (Semiconductor covers Chip design)."),
    )

    panels = [FieldPanel("user"), FieldPanel("sectors")]

    class Meta:
        verbose_name = _("officer's sectors")
        verbose_name_plural = _("officers' sectors")
        ordering = ["user__username"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def sector_list(self) -> str:
        return ", ".join(sorted(t.code for t in self.sectors.all()))
