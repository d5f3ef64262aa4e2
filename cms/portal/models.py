"""The portal's own data: the agency's contact officers and the inquiries investors send from
record pages. Defined here, beside the portal's views that use them, rather than in `cms.models`,
whose page models route to those views: `cms.models` imports them so that Django registers them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class ContactOfficer(models.Model):
    """A named officer of the agency whom investors of a sector may contact directly: a public,
    professional contact the agency chooses to publish (not a private person's data)."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role (Vietnamese)"), max_length=200)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    sectors = models.ManyToManyField(
        "registry.Technology",
        verbose_name=_("sectors"),
        blank=True,
        help_text=_("Strategic technologies this officer handles; none means every sector."),
    )
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    email = models.EmailField(_("office e-mail"))
    office = models.CharField(_("office address (Vietnamese)"), max_length=300, blank=True)
    office_en = models.CharField(_("office address (English)"), max_length=300, blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=100, blank=True, help_text=_("e.g. Tiếng Việt, English")
    )
    sample = models.BooleanField(
        _("sample"), default=False, help_text=_("Invented to demonstrate the portal.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_en")]),
        FieldPanel("sectors"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("office"), FieldPanel("office_en")]),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("sample"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = _("contact officer")
        verbose_name_plural = _("contact officers")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Inquiry(models.Model):
    """An investor's message about a plot, zone or enterprise. Personal data: only curators see
    it, in the admin; it never reaches public pages, the API or exports."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        SITE_VISIT = "site_visit", _("Site visit")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    kind = models.CharField(_("record kind"), max_length=32)
    ref = models.CharField(_("record reference"), max_length=64)
    record_name = models.CharField(_("record"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(_("company"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=4000)
    consent = models.BooleanField(_("consent to processing"), default=False)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # Staff only: founders' accounts are named by their e-mail addresses, which the
        # owner drop-down and the list's owner filter would otherwise show to every officer.
        limit_choices_to={"is_staff": True},
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("owner")]),
                FieldPanel("notes"),
            ],
            heading=_("Follow-up"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("kind", read_only=True), FieldPanel("ref", read_only=True)]
                ),
                FieldPanel("record_name", read_only=True),
                FieldRowPanel(
                    [FieldPanel("name", read_only=True), FieldPanel("company", read_only=True)]
                ),
                FieldRowPanel(
                    [FieldPanel("email", read_only=True), FieldPanel("country", read_only=True)]
                ),
                FieldPanel("message", read_only=True),
                FieldRowPanel(
                    [FieldPanel("consent", read_only=True), FieldPanel("language", read_only=True)]
                ),
            ],
            heading=_("Inquiry"),
        ),
    ]

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} — {self.record_name}"
