"""The portal's pages (Wagtail), founders' ownerships and claims, and (imported from
`cms.portal.models`, for Django to register) the contact officers and investor inquiries.

One page tree serves both languages: the URL prefix (/vi/, /en/) chooses the language, and each
page carries its English title and content beside the Vietnamese."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import AbstractGroupApprovalTask, Page

from registry.language import localized
from search.freshness import data_state

from .challenges.models import RDMembership  # noqa: F401 (registered with Django here)
from .challenges.page import challenge_context, receive_response
from .freshness.models import FreshnessCheck  # noqa: F401 (registered with Django here)
from .monitor.page import headline_figures
from .pipeline.models import InquiryEvent, OfficerSectors  # noqa: F401 (registered here too)
from .portal.compare import add_to_shortlist, remove_from_shortlist, serve_compare
from .portal.finder import serve_finder
from .portal.home import home_context
from .portal.models import ContactOfficer, Inquiry  # noqa: F401 (registered with Django here)
from .portal.officers import contact_officers
from .portal.record_page import receive_inquiry, serve_record
from .portal.search_page import serve_search
from .portal.seo import page_sitemap_entries, record_sitemap_entries
from .portal.site_profile import serve_site_profile


class PortalPage(Page):
    """A page with an English title beside its Vietnamese one."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("title_en")]

    class Meta:
        abstract = True

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    def get_sitemap_urls(self, request=None):
        return page_sitemap_entries(self, request)


class HomePage(PortalPage):
    """The portal's front page; the investor's first view of the ecosystem."""

    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), FieldPanel("intro_en")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # The registry's state, read once: it keys the home's figures and the teaser's.
        registry_token = data_state().token
        return {
            **super().get_context(request, *args, **kwargs),
            **home_context(registry_token),
            "resolution_figures": headline_figures(registry_token=registry_token),
        }


class SearchPage(PortalPage):
    """Faceted search of the registry with a map; the URL carries the whole state."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("search page")

    def serve(self, request, *args, **kwargs):
        return serve_search(self, request)


class SiteFinderPage(PortalPage):
    """Pick a sector preset, adjust it, see ranked plots with every score explained."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("site finder")

    def serve(self, request, *args, **kwargs):
        return serve_finder(self, request)


class ComparePage(RoutablePageMixin, PortalPage):
    """Up to four plots side by side, kept in the visitor's session (no login)."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("compare page")

    @path("")
    def compare(self, request):
        return serve_compare(self, request)

    @path("add/")
    def add(self, request):
        return add_to_shortlist(request)

    @path("remove/")
    def remove(self, request):
        return remove_from_shortlist(request)


class RegistryPage(RoutablePageMixin, PortalPage):
    """The public page of every published registry record: /registry/<kind>/<ref>/."""

    max_count = 1
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = _("registry pages")

    @path("<str:kind>/<str:ref>/")
    def record(self, request, kind, ref):
        extend = challenge_context if kind == "challenge" else None
        return serve_record(self, request, kind, ref, extend=extend)

    @path("<str:kind>/<str:ref>/site-profile/")
    def site_profile(self, request, kind, ref):
        return serve_site_profile(request, kind, ref)

    @path("<str:kind>/<str:ref>/inquiry/")
    def inquiry(self, request, kind, ref):
        return receive_inquiry(self, request, kind, ref)

    @path("<str:kind>/<str:ref>/respond/")
    def respond(self, request, kind, ref):
        def render(form, status):
            def extend(request, record):
                return challenge_context(request, record, form)

            return serve_record(self, request, kind, ref, status=status, extend=extend)

        return receive_response(request, kind, ref, render)

    def get_sitemap_urls(self, request=None):
        return record_sitemap_entries()


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
            context["officers"] = contact_officers()
        return context

    @property
    def display_summary(self) -> str:
        return localized(self, "summary")


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


def _consented(expert) -> bool:
    draft = expert.get_latest_revision_as_object() if expert.latest_revision_id else expert
    return draft.consent_on is not None


class ProfileReviewTask(AbstractGroupApprovalTask):
    """The curators' review of a founder's profile: approve (publishes), request changes (the
    founder edits and resubmits), or reject (the workflow ends; the founder is told why)."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append(("decline", _("Reject"), True))
        if getattr(obj, "kind", "") == "expert" and not _consented(obj):
            # Decree 13/2023: no approval (a publish) without the person's consent; a forged
            # "approve" is then an unknown action, never the check constraint's server error.
            actions = [action for action in actions if action[0] != "approve"]
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
