from django.db import models
from django.utils.translation import gettext_lazy as _


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
    name_sort = models.CharField(max_length=200, db_index=True)
    # Folded text with a space before every word, so ' word' matches whole words and prefixes.
    names = models.TextField()
    text = models.TextField()
    # Facet values; "" where the kind has no such field.
    zone = models.CharField(max_length=64, blank=True, db_index=True)
    ownership = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=32, blank=True)
    org_kind = models.CharField(max_length=32, blank=True)
    zone_kind = models.CharField(max_length=32, blank=True)
    area_m2 = models.FloatField(null=True)
    power_capacity_mw = models.FloatField(null=True)
    lease_price_usd_m2 = models.FloatField(null=True)
    lat = models.FloatField(null=True)
    lon = models.FloatField(null=True)
    description_vi = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["name_sort", "kind", "ref"]
        indexes = [models.Index(fields=["lat", "lon"])]

    def __str__(self):
        return self.doc_id


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
    """One rebuild of a search index, for `search_index status`."""

    backend = models.CharField(max_length=32)
    index_name = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.backend} {self.index_name} {self.started_at:%Y-%m-%d %H:%M}"
