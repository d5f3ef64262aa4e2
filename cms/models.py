"""The portal's pages (Wagtail) and the investor inquiries curators follow up.

One page tree serves both languages: the URL prefix (/vi/, /en/) chooses the language, and each
page carries its English title and content beside the Vietnamese."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import AbstractGroupApprovalTask, Page

from registry.language import localized


class PortalPage(Page):
    """A page with an English title beside its Vietnamese one."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("title_en")]

    class Meta:
        abstract = True

    @property
    def display_title(self) -> str:
        return localized(self, "title")


class HomePage(PortalPage):
    """The portal's front page; the investor's first view of the ecosystem."""

    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), FieldPanel("intro_en")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .portal.home import home_context

        return {**super().get_context(request, *args, **kwargs), **home_context()}


class SearchPage(PortalPage):
    """Faceted search of the registry with a map; the URL carries the whole state."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("search page")

    def serve(self, request, *args, **kwargs):
        from .portal.search_page import serve_search

        return serve_search(self, request)


class SiteFinderPage(PortalPage):
    """Pick a sector preset, adjust it, see ranked plots with every score explained."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("site finder")

    def serve(self, request, *args, **kwargs):
        from .portal.finder import serve_finder

        return serve_finder(self, request)


class ComparePage(RoutablePageMixin, PortalPage):
    """Up to four plots side by side, kept in the visitor's session (no login)."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("compare page")

    @path("")
    def compare(self, request):
        from .portal.compare import serve_compare

        return serve_compare(self, request)

    @path("add/")
    def add(self, request):
        from .portal.compare import add_to_shortlist

        return add_to_shortlist(request)

    @path("remove/")
    def remove(self, request):
        from .portal.compare import remove_from_shortlist

        return remove_from_shortlist(request)


class RegistryPage(RoutablePageMixin, PortalPage):
    """The public page of every published registry record: /registry/<kind>/<ref>/."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("registry pages")

    @path("<str:kind>/<str:ref>/")
    def record(self, request, kind, ref):
        from .portal.records import serve_record

        return serve_record(self, request, kind, ref)

    @path("<str:kind>/<str:ref>/site-profile/")
    def site_profile(self, request, kind, ref):
        from .portal.site_profile import serve_site_profile

        return serve_site_profile(request, kind, ref)

    @path("<str:kind>/<str:ref>/inquiry/")
    def inquiry(self, request, kind, ref):
        from .portal.inquiries import receive_inquiry

        return receive_inquiry(self, request, kind, ref)

    def get_sitemap_urls(self, request=None):
        from .portal.records import sitemap_entries

        return sitemap_entries(self, request)


class StepBlock(blocks.StructBlock):
    """One step of investing: what to do, which authority decides, what the investor receives."""

    title = blocks.CharBlock(label=_("Step"))
    authority = blocks.CharBlock(label=_("Authority"))
    outcome = blocks.CharBlock(label=_("What you receive"), required=False)
    time = blocks.CharBlock(label=_("Typical time"), required=False)
    legal_basis = blocks.CharBlock(label=_("Legal basis"), required=False)

    class Meta:
        label = _("Step")


class IncentiveBlock(blocks.StructBlock):
    """An incentive: to whom it applies (zone kind or sector), what it gives, and the law."""

    applies_to = blocks.CharBlock(label=_("Applies to"))
    incentive = blocks.TextBlock(label=_("Incentive"))
    legal_basis = blocks.CharBlock(label=_("Legal basis"), required=False)

    class Meta:
        label = _("Incentive")


CONTENT_BLOCKS = [
    ("heading", blocks.CharBlock(form_classname="title", label=_("Heading"))),
    ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
    ("image", ImageChooserBlock(label=_("Image"))),
    ("steps", blocks.ListBlock(StepBlock(), label=_("Steps"))),
    ("incentives", blocks.ListBlock(IncentiveBlock(), label=_("Incentives table"))),
    (
        "officers",
        blocks.StaticBlock(
            label=_("Contact officers"),
            admin_text=_("Shows the contact officers (edited under Contact officers)."),
        ),
    ),
    ("note", blocks.CharBlock(label=_("Note"), help_text=_("e.g. which parts are sample content"))),
]


class ContentPage(PortalPage):
    """Editable pages: investment guides, incentives, the FTZ pilot, news, contact."""

    summary = models.TextField(_("summary (Vietnamese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    body = StreamField(CONTENT_BLOCKS, verbose_name=_("content (Vietnamese)"), blank=True)
    body_en = StreamField(CONTENT_BLOCKS, verbose_name=_("content (English)"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("summary"), FieldPanel("summary_en")]),
        FieldPanel("body"),
        FieldPanel("body_en"),
    ]

    class Meta:
        verbose_name = _("content page")

    @property
    def display_body(self):
        return localized(self, "body")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if any(block.block_type == "officers" for block in self.display_body):
            from .portal.officers import contact_officers

            context["officers"] = contact_officers()
        return context

    @property
    def display_summary(self) -> str:
        return localized(self, "summary")


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


class Ownership(models.Model):
    """A founder's right to edit an enterprise's profile (through moderation)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("founder"),
        on_delete=models.CASCADE,
        related_name="ownerships",
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="founders",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("profile ownership")
        verbose_name_plural = _("profile ownerships")
        constraints = [
            models.UniqueConstraint(fields=["user", "enterprise"], name="ownership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.enterprise}"


class Claim(models.Model):
    """A founder's request to manage an enterprise the agency already registered. A curator's
    decision goes through cms.founders.services.decide_claim, which grants the ownership."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a curator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("founder"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    message = models.TextField(_("how the founder is linked to the company"), max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    curator_note = models.TextField(_("note to the founder"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("curator_note")]),
        FieldRowPanel(
            [FieldPanel("user", read_only=True), FieldPanel("enterprise", read_only=True)]
        ),
        FieldPanel("message", read_only=True),
    ]

    class Meta:
        verbose_name = _("profile claim")
        verbose_name_plural = _("profile claims")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} → {self.enterprise}"


class ProfileReviewTask(AbstractGroupApprovalTask):
    """The curators' review of a founder's profile: approve (publishes), request changes (the
    founder edits and resubmits), or reject (the workflow ends; the founder is told why)."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append(("decline", _("Reject"), True))
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "decline":
            return super().on_action(task_state, user, action_name, **kwargs)
        # A cancelled workflow whose task was rejected: the founders are told why by
        # cms.founders.notifications (on workflow_cancelled).
        task_state.reject(user=user, update=False, comment=kwargs.get("comment", ""))
        task_state.workflow_state.cancel(user=user)
        return None

    class Meta:
        verbose_name = _("profile review")
        verbose_name_plural = _("profile reviews")
