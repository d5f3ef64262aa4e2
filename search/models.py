from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, RevisionMixin

from registry.fields import ChoiceListField
from registry.models import Enterprise
from registry.plot_attributes import FLAG, NUMBER, RANK, WHOLE, attributes

from .matching.checks import criterion_errors


class SearchEntry(models.Model):
    """The database backend's index: one row per published, searchable record.

    Kept by the same sync path as Elasticsearch, so it is also what searches fall back to while
    Elasticsearch is unreachable.
    """

    doc_id = models.CharField(max_length=100, unique=True)  # "kind:ref", as in Elasticsearch
    kind = models.CharField(max_length=32, db_index=True)
    ref = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    name_sort = models.CharField(max_length=200)  # indexed with kind and ref: the name order
    # Folded text with a space before every word, so ' word' matches whole words and prefixes.
    names = models.TextField()
    text = models.TextField()
    # Facet values; "" where the kind has no such field.
    zone = models.CharField(max_length=64, blank=True, db_index=True)
    ownership = models.CharField(max_length=32, blank=True)
    org_kind = models.CharField(max_length=32, blank=True)
    zone_kind = models.CharField(max_length=32, blank=True)
    challenge_status = models.CharField(max_length=16, blank=True)
    challenge_kind = models.CharField(max_length=32, blank=True)
    expert_title = models.CharField(max_length=32, blank=True)
    accepts_questions = models.CharField(max_length=8, blank=True)  # "true" or ""
    # The plot attributes' columns are added below, from their declaration.
    code = models.CharField(max_length=40, blank=True)  # a plot's lot code
    sample = models.BooleanField(default=False)  # an invented record
    plot_zone_kind = models.CharField(max_length=32, blank=True)
    lat = models.FloatField(null=True)
    lon = models.FloatField(null=True)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=40)
    # Every facet value of the entry as "facet=value" words, technologies included: the facet
    # counts group on this one column (see backends/database_facets.py).
    facet_values = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["name_sort", "kind", "ref"]
        indexes = [
            models.Index(fields=["lat", "lon"]),
            models.Index(fields=["name_sort", "kind", "ref"], name="search_entry_name_order"),
        ]
        # PostgreSQL's trigram and sort indexes are in migration 0008 (not expressible here
        # for SQLite as well).

    def __str__(self):
        return self.doc_id


def attribute_column(attribute) -> models.Field:
    """The search index's column of an indexed plot attribute (a facet's "" or null: unknown)."""
    if attribute.facet:
        return models.CharField(max_length=32, blank=True)
    return {
        NUMBER: models.FloatField,
        WHOLE: models.PositiveSmallIntegerField,
        RANK: models.PositiveSmallIntegerField,
        FLAG: models.BooleanField,
    }[attribute.kind](null=True)


for _attribute in attributes(indexed=True):
    SearchEntry.add_to_class(_attribute.field, attribute_column(_attribute))


class SearchEntryTechnology(models.Model):
    """A technology code of an entry, ancestors included, so a parent filter matches children."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=100, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "code"], name="search_entry_code_unique")
        ]

    def __str__(self):
        return self.code


class IndexTask(models.Model):
    """The outbox: index work for one record, written in the same transaction as the change.

    Processed after the commit; kept (processed) for a day so that a rebuild can replay what
    happened while it was copying.
    """

    kind = models.CharField(max_length=32)
    ref = models.CharField(max_length=64)
    record_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True)
    last_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, db_index=True)

    class Meta:
        verbose_name = _("search index task")
        verbose_name_plural = _("search index tasks")
        ordering = ["id"]

    def __str__(self):
        return f"{self.kind}:{self.ref}"


class IndexRebuild(models.Model):
    """One rebuild of a search index, for `search_index status`: only succeeded ones count as
    the last rebuild. A running one touches `updated_at` with every batch, so one that went
    quiet was killed, and its half-built index is an orphan to remove."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    backend = models.CharField(max_length=32)
    index_name = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    documents = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status, default=Status.RUNNING)
    error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.backend} {self.index_name} {self.started_at:%Y-%m-%d %H:%M}"


class MatchProfile(RevisionMixin, ClusterableModel):
    """A sector preset for investor matching (semiconductor OSAT, hyperscale data centre, ...):
    requirements and weighted preferences that curators tune without a deploy, with revisions.
    Every criterion carries its reasoning and source, shown in the public profiles listing."""

    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("The name used by the API, e.g. data_centre_hyperscale. Never rename it."),
    )
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    summary = models.TextField(_("summary (Vietnamese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    technologies = ParentalManyToManyField(
        "registry.Technology",
        verbose_name=_("technologies"),
        blank=True,
        help_text=_("Ecosystem partners are looked for among records with these technologies."),
    )
    partner_roles = ChoiceListField(
        _("partner roles"),
        item_choices=Enterprise.ValueChainRole.choices,
        help_text=_("Enterprises with these value-chain roles are suggested first."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="content_type",
        object_id_field="object_id",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = _("matching profile")
        verbose_name_plural = _("matching profiles")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def as_request(self) -> dict:
        """The preset as the `require` and `prefer` of a match request."""
        require, prefer = {}, {}
        for criterion in self.criteria.all():
            if criterion.mode == MatchCriterion.Mode.REQUIRE:
                require[criterion.key] = criterion.value
            else:
                prefer[criterion.key] = criterion.preference()
        return {
            "require": require,
            "prefer": prefer,
            "technologies": sorted(t.code for t in self.technologies.all()),
            "partner_roles": list(self.partner_roles or []),
        }


class MatchCriterion(Orderable):
    """One requirement or preference of a profile, with why and where the figure comes from."""

    class Mode(models.TextChoices):
        REQUIRE = "require", _("Requirement (a plot must meet it)")
        PREFER = "prefer", _("Preference (adds points)")

    profile = ParentalKey(MatchProfile, on_delete=models.CASCADE, related_name="criteria")
    mode = models.CharField(_("mode"), max_length=8, choices=Mode)
    key = models.CharField(
        _("key"),
        max_length=80,
        help_text=_(
            "A requirement key of the API (min_power_mw, max_flood_risk, within_km, ...) or a "
            "preference key (power_capacity_mw, flood_risk, km_to:lt-airport, ...)."
        ),
    )
    value = models.JSONField(
        _("value"),
        null=True,
        blank=True,
        help_text=_(
            'Requirements: the value in JSON, e.g. 50, "low", true, ["semiconductor"] or '
            '{"landmark": "lt-airport", "km": 30}. Preference suitable_for: the codes, e.g. '
            '["semiconductor.packaging_testing"].'
        ),
    )
    weight = models.FloatField(_("weight"), null=True, blank=True)
    target = models.FloatField(_("full points at"), null=True, blank=True)
    zero_at = models.FloatField(_("no points at"), null=True, blank=True)
    reasoning = models.TextField(_("reasoning (Vietnamese)"))
    reasoning_en = models.TextField(_("reasoning (English)"))
    source = models.CharField(
        _("source"), max_length=500, help_text=_("A citation or address the figure comes from.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.key

    def preference(self) -> dict:
        given = {"weight": self.weight, "target": self.target, "zero_at": self.zero_at}
        if self.key == "suitable_for":
            given["codes"] = self.value
        return {name: value for name, value in given.items() if value is not None}

    def clean(self):
        errors = criterion_errors(self)
        if errors:
            raise ValidationError(errors)
