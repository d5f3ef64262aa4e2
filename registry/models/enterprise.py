from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable, WorkflowMixin

from registry.fields import ChoiceListField
from registry.validators import validate_country_code, validate_tax_code

from .base import Record, non_negative_int, year_field


class Enterprise(WorkflowMixin, Record):
    """A company in the ecosystem, startups included (those have a startup stage).

    Founders' profiles reach the public through a moderation workflow (WorkflowMixin)."""

    kind = "enterprise"

    class Ownership(models.TextChoices):
        DOMESTIC = "domestic", _("Domestic")
        FDI = "fdi", _("Foreign-invested (FDI)")
        JOINT_VENTURE = "joint_venture", _("Joint venture")
        STATE_OWNED = "state_owned", _("State-owned")

    class ValueChainRole(models.TextChoices):
        CHIP_DESIGN = "chip_design", _("Chip design")
        FABRICATION = "fabrication", _("Fabrication")
        PACKAGING_TESTING = "packaging_testing", _("Packaging & testing (OSAT)")
        EQUIPMENT_MATERIALS = "equipment_materials", _("Equipment & materials")
        ELECTRONICS_MANUFACTURING = "electronics_manufacturing", _("Electronics manufacturing")
        DC_OPERATOR = "dc_operator", _("Data-centre operator")
        CLOUD_PROVIDER = "cloud_provider", _("Cloud provider")
        AI_DEVELOPER = "ai_developer", _("AI developer")
        SOFTWARE = "software", _("Software")
        SYSTEM_INTEGRATOR = "system_integrator", _("System integrator")
        TELECOM = "telecom", _("Telecom")
        OTHER = "other", _("Other")

    class StartupStage(models.TextChoices):
        IDEA = "idea", _("Idea")
        PRE_SEED = "pre_seed", _("Pre-seed")
        SEED = "seed", _("Seed")
        SERIES_A = "series_a", _("Series A")
        SERIES_B_PLUS = "series_b_plus", _("Series B and later")
        GROWTH = "growth", _("Growth")

    class LookingFor(models.TextChoices):
        INVESTMENT = "investment", _("Investment")
        PARTNERS = "partners", _("Partners")
        CUSTOMERS = "customers", _("Customers")
        TALENT = "talent", _("Talent")
        LAND = "land", _("Land")
        RND_COLLABORATION = "rnd_collaboration", _("R&D collaboration")

    ownership = models.CharField(_("ownership"), max_length=16, choices=Ownership)
    origin_country = models.CharField(
        _("country of origin"),
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text=_("ISO 3166-1 alpha-2, e.g. VN, KR, JP, TW, SG, US."),
    )
    legal_name = models.CharField(_("legal name"), max_length=300, blank=True)
    tax_code = models.CharField(
        _("tax code"), max_length=14, blank=True, validators=[validate_tax_code]
    )
    value_chain_roles = ChoiceListField(_("value-chain roles"), item_choices=ValueChainRole.choices)
    employees = non_negative_int(_("employees"))
    rnd_staff = non_negative_int(_("R&D staff"))
    patents = non_negative_int(_("patents"))
    founded_year = year_field(_("founded (year)"))
    zone = models.ForeignKey(
        "registry.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    is_global_tech_leader = models.BooleanField(
        _("world-leading technology company"),
        null=True,
        blank=True,
        help_text=_("Counted by the provincial plan's target of attracting world-leading firms."),
    )
    startup_stage = models.CharField(
        _("startup stage"),
        max_length=16,
        choices=StartupStage,
        blank=True,
        help_text=_("Only for startups."),
    )
    looking_for = ChoiceListField(_("looking for"), item_choices=LookingFor.choices)

    class Meta(Record.Meta):
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = Record.location_constraints("enterprise")


class EnterprisePhoto(Orderable):
    """Up to five photos of a startup, chosen by its founder (checked and stripped of EXIF) or
    by a curator; part of the enterprise's revisions, so they go through moderation too."""

    enterprise = ParentalKey(Enterprise, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
