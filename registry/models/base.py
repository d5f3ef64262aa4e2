from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin

from registry.addresses import record_url
from registry.completeness import completeness_fields, record_score
from registry.validators import (
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    validate_no_email,
    validate_ref,
    validate_ward_code,
    ward_outside_home_province,
)


class RecordQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public path (pages, API, export, search) starts here."""
        return self.filter(live=True)

    def samples(self):
        """Invented records, shown to demonstrate the portal (the interchange `sample` flag)."""
        return self.filter(sample=True)

    def real(self):
        """Records that are not invented: what official figures (the plan's indicators) count."""
        return self.filter(sample=False)


class Record(DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """Fields every registry kind shares (interchange spec, 'Fields common to every kind').

    Records are drafts or published, keep revisions and can be locked by a curator. The public
    sees published rows only, through `.published()`.
    """

    kind: str  # the interchange kind, set on each concrete model
    location_required = False
    # The registry maps Đồng Nai's ecosystem: a record's ward is in Đồng Nai, except where the
    # kind says otherwise (landmarks: HCMC's centre, Vũng Tàu's cable landings).
    ward_in_home_province = True

    ref = models.CharField(
        _("reference"),
        max_length=64,
        unique=True,
        validators=[validate_ref],
        help_text=_("Stable external key used in files and links, e.g. lt-digital-park."),
    )
    name = models.CharField(
        _("name (Vietnamese)"),
        max_length=200,
        help_text=_("The Vietnamese or original name, with full diacritics."),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    technologies = ParentalManyToManyField(
        "registry.Technology",
        verbose_name=_("technologies"),
        blank=True,
        related_name="%(class)s_records",
    )
    lat = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(LAT_MIN), MaxValueValidator(LAT_MAX)],
    )
    lon = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(LON_MIN), MaxValueValidator(LON_MAX)],
    )
    ward_code = models.PositiveIntegerField(
        _("ward/commune code"),
        null=True,
        blank=True,
        validators=[validate_ward_code],
        help_text=_("Official code of the ward or commune (divisions of July 2025)."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("When the agency last confirmed this record."),
    )
    # Provenance (interchange v1.1): where the figures come from, and whether the record is
    # invented. An explicit flag, so no convention on refs decides what the portal calls sample.
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        validators=[validate_no_email],
        help_text=_("The document, site or person the figures come from (a URL or a citation)."),
    )
    verified_by = models.CharField(
        _("verified by"),
        max_length=200,
        blank=True,
        validators=[validate_no_email],
        help_text=_(
            "Who confirmed the record: an organisation, office or role (public, so no e-mail)."
        ),
    )
    # Private: where the "still correct?" e-mail goes when no founder owns the record. Kept out
    # of the interchange format (mapping.INTERNAL_FIELDS) and of every public output.
    contact_email = models.EmailField(
        _("contact e-mail (private)"),
        blank=True,
        help_text=_("Receives the agency's 'is this still correct?' e-mail. Never published."),
    )
    sample = models.BooleanField(
        _("sample record"),
        default=False,
        blank=True,  # false is a value, not a missing one: the key is optional in files
        help_text=_("Invented to demonstrate the portal; the portal says so while any is public."),
    )
    # Derived (registry.completeness), never edited nor interchanged: stored so lists sort by it.
    completeness = models.PositiveSmallIntegerField(
        _("completeness (%)"),
        default=0,
        editable=False,
        db_index=True,
        validators=[MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="content_type",
        object_id_field="object_id",
        for_concrete_model=False,
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["ref"]
        # What changed last is read on every API request (search.freshness): from an index's
        # end, not by scanning the table.
        indexes = [
            models.Index(fields=["updated_at"], name="%(class)s_updated_idx"),
            models.Index(fields=["last_published_at"], name="%(class)s_published_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        """The record's public page (for drafts too: it answers once the record is published)."""
        return record_url(self.kind, self.ref)

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def location_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        in_vietnam = models.Q(
            lat__gte=LAT_MIN, lat__lte=LAT_MAX, lon__gte=LON_MIN, lon__lte=LON_MAX
        )
        if cls.location_required:
            located = models.Q(lat__isnull=False, lon__isnull=False) & in_vietnam
        else:
            located = models.Q(lat__isnull=True, lon__isnull=True) | in_vietnam
        return [
            models.CheckConstraint(condition=located, name=f"{prefix}_location_in_vietnam"),
        ]

    def invariant_errors(self) -> dict[str, str]:
        """Cross-field rules, shared by forms (clean) and the importer. Subclasses extend."""
        errors = {}
        if (self.lat is None) != (self.lon is None):
            errors["lon" if self.lon is None else "lat"] = _(
                "Give both latitude and longitude, or neither."
            )
        elif self.location_required and self.lat is None:
            errors["lat"] = _("A location is required for this kind of record.")
        if self.ward_code is not None and self.ward_in_home_province:
            elsewhere = ward_outside_home_province(self.ward_code)
            if elsewhere:
                errors["ward_code"] = elsewhere
        return errors

    def save(self, *args, **kwargs):
        # The score follows the row. A save of chosen columns (a draft revision's pointers, an
        # import's) rescores only when one of the scored fields is among them.
        update_fields = kwargs.get("update_fields")
        scored = completeness_fields(self.kind)
        if update_fields is None or scored & set(update_fields):
            self.completeness = record_score(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "completeness"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = self.invariant_errors()
        if errors:
            raise ValidationError(errors)


def non_negative(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__gte": 0}) | models.Q(**{f"{field}__isnull": True}),
            name=f"{prefix}_{field}_non_negative",
        )
        for field in fields
    ]


def year_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )


def non_negative_float(verbose_name, **kwargs):
    return models.FloatField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(0)], **kwargs
    )


def non_negative_int(verbose_name, **kwargs):
    return models.PositiveIntegerField(verbose_name, null=True, blank=True, **kwargs)
