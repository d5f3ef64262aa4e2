from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.fields import ChoiceListField, StringListField

from .base import Record, non_negative_int


class RDOrganisation(Record):
    """A university, institute, corporate R&D centre, lab or testing centre."""

    kind = "rd_organisation"

    class OrgKind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        CORPORATE_RND_CENTRE = "corporate_rnd_centre", _("Corporate R&D centre")
        LAB = "lab", _("Laboratory")
        TESTING_CENTRE = "testing_centre", _("Testing centre")

    class Offer(models.TextChoices):
        CONTRACT_RESEARCH = "contract_research", _("Contract research")
        TESTING_CERTIFICATION = "testing_certification", _("Testing & certification")
        TRAINING = "training", _("Training")
        TECHNOLOGY_TRANSFER = "technology_transfer", _("Technology transfer")
        SHARED_EQUIPMENT = "shared_equipment", _("Shared equipment")

    org_kind = models.CharField(_("organisation type"), max_length=32, choices=OrgKind)
    researchers = non_negative_int(_("researchers"))
    offers = ChoiceListField(_("offers"), item_choices=Offer.choices)
    labs = StringListField(_("labs"), help_text=_("One lab per line."))

    class Meta(Record.Meta):
        verbose_name = _("R&D organisation")
        verbose_name_plural = _("R&D organisations")
        constraints = Record.location_constraints("rd_organisation")
