"""The import's place in the admin: its menu item, its pages, its audit-log action (linked to
the run from the site history) and the dashboard's "Last imports" panel. Registered from
`registry/wagtail_hooks.py`."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import ModelLogEntry

from registry.models import ImportRun

from . import views
from .runs import IMPORT_ACTION

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/file/", views.download, name="file"),
    path("template/<str:kind>/", views.template, name="template"),
]


@hooks.register("register_admin_urls")
def import_urls():
    return [path("imports/", include((urlpatterns, "registry_imports")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import"),
        reverse("registry_imports:index"),
        name="imports",
        icon_name="upload",
        order=101,
    )


@hooks.register("register_log_actions")
def import_log_action(actions):
    actions.register_model(ImportRun, ModelLogEntry)
    actions.register_action(IMPORT_ACTION, _("Import"), _("Records imported from a file"))


class ImportRunURLFinder:
    """The site history's link from an import's entry to the run (its preview, the file)."""

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, instance):
        if self.user is None or self.user.has_perm(views.VIEW):
            return reverse("registry_imports:detail", args=[instance.pk])
        return None


register_admin_url_finder(ImportRun, ImportRunURLFinder)


class LastImportsPanel(Component):
    name = "last_imports"
    template_name = "registry/admin/imports/panel.html"
    order = 160

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {
            "runs": ImportRun.objects.select_related("user")[:5],
            "index_url": reverse("registry_imports:index"),
        }


@hooks.register("construct_homepage_panels")
def last_imports_panel(request, panels):
    if request.user.has_perm(views.VIEW):
        panels.append(LastImportsPanel(request))
