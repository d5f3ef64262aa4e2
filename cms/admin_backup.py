"""A full backup downloaded from the admin, for administrators (superusers) only: the archive
`manage.py backup` writes (cms/backup.py), made on request and streamed from a temporary file
that is gone once the download ends."""

import logging
import shutil
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .backup import BackupError, backup

logger = logging.getLogger("dnhub.backup")


class BackupDownloadView(WagtailAdminTemplateMixin, TemplateView):
    """GET explains what the archive holds; POST makes it and sends it."""

    template_name = "cms/admin/backup.html"
    page_title = gettext_lazy("Full backup")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def post(self, request):
        folder = None
        try:
            folder = Path(tempfile.mkdtemp(prefix="dnhub-download-"))
            archive, manifest = backup(folder)
            stream = archive.open("rb")
        except (BackupError, OSError) as error:
            logger.exception("Backup download failed")
            messages.error(request, _("The backup could not be made: %(error)s") % {"error": error})
            return redirect("cms_backup_download")
        finally:
            if folder is not None:
                # The open file stays readable until the download ends; nothing is left on disk.
                shutil.rmtree(folder, ignore_errors=True)
        logger.info(
            "Backup downloaded by %s (%d rows)", request.user.pk, sum(manifest["counts"].values())
        )
        return FileResponse(stream, as_attachment=True, filename=archive.name)


@hooks.register("register_admin_urls")
def backup_download_urls():
    return [path("backup/", BackupDownloadView.as_view(), name="cms_backup_download")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def backup_menu_item():
    return SuperuserMenuItem(
        gettext_lazy("Full backup"), reverse("cms_backup_download"), icon_name="download", order=900
    )
