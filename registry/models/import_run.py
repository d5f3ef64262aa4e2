import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Files the admin keeps but never serves at a public address: under PRIVATE_MEDIA_ROOT,
    outside MEDIA_ROOT, with no URL (the admin streams them to curators itself)."""

    # Read from the settings on each use, so that a test's own directory is honoured.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()


class ImportRun(models.Model):
    """One spreadsheet or JSON Lines file a curator imported in the admin: the file itself
    (kept, for the audit trail), what its preview found, and what applying it did."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        PREVIEWING = "previewing", _("Preparing the preview")
        PREVIEWED = "previewed", _("Preview ready")
        APPLYING = "applying", _("Applying")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Format(models.TextChoices):
        JSONL = "jsonl", _("JSON Lines")
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=private_storage)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.UPLOADED
    )
    # The messages (problems, stages) are written in the curator's language of the upload.
    language = models.CharField(_("language"), max_length=8, default="vi")
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    summary = models.JSONField(_("preview summary"), default=dict, blank=True)
    changes = models.JSONField(_("previewed changes"), default=list, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    publish = models.BooleanField(_("applied as published"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("reason of the failure"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.file_name

    @property
    def running(self) -> bool:
        return self.status in (self.Status.PREVIEWING, self.Status.APPLYING)

    @property
    def can_apply(self) -> bool:
        return self.status == self.Status.PREVIEWED and not self.problems

    @property
    def can_cancel(self) -> bool:
        return self.status in (self.Status.UPLOADED, self.Status.PREVIEWING, self.Status.PREVIEWED)
