from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.fields import StringListField
from registry.validators import validate_technology_code


class TechnologyQuerySet(models.QuerySet):
    def matching(self, code: str):
        """The technology and all its descendants: a filter on a parent matches its children."""
        return self.filter(models.Q(code=code) | models.Q(code__startswith=f"{code}."))


class Technology(models.Model):
    """A code of the hierarchical technology taxonomy (interchange spec, 'Taxonomy').

    Codes are stable keys used in files and URLs; they may gain children but are never renamed.
    """

    code = models.CharField(
        _("code"), max_length=100, unique=True, validators=[validate_technology_code]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    is_strategic = models.BooleanField(
        _("strategic technology"),
        default=False,
        help_text=_("One of the strategic technologies of the provincial plan."),
    )
    synonyms = StringListField(
        _("synonyms"),
        help_text=_(
            "Other words investors use for this technology, one per line, in Vietnamese or "
            "English (e.g. OSAT, data center, trung tâm dữ liệu). Case and diacritics do not "
            "matter. A search naming any of them, or the names or code above, finds the records "
            "tagged with this technology or its children."
        ),
    )

    objects = TechnologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def clean(self):
        super().clean()
        if self.pk is not None:
            stored = Technology.objects.filter(pk=self.pk).values_list("code", flat=True).first()
            if stored is not None and stored != self.code:
                raise ValidationError(
                    {
                        "code": _(
                            "Codes are never renamed (files and links use them); "
                            "add a new code instead."
                        )
                    }
                )
        if self.parent is not None and not self.code.startswith(f"{self.parent.code}."):
            raise ValidationError(
                {"parent": _("A child code starts with its parent's code and a dot.")}
            )
