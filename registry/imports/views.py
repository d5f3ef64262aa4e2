"""The admin's import: the list of runs, upload, the preview with its progress, apply or cancel,
the kept file and the templates. Curators (and administrators) import; viewers read the list
and the previews; nobody else reaches these pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.interchange.xlsx_template import template_workbook
from registry.models import KINDS, ImportRun

from . import runs, tasks
from .forms import UploadForm, max_bytes

VIEW, IMPORT = "registry.view_importrun", "registry.add_importrun"
PREVIEW_LIST_LIMIT = 200  # records listed per section; the counts cover every one


def require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class ImportAdminView(WagtailAdminTemplateMixin):
    header_icon = "upload"
    permission = VIEW
    below_index = True  # a page under the list of imports

    def dispatch(self, request, *args, **kwargs):
        require(request, self.permission)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        """Home › Import › this page (the last one names the page, as Wagtail's own do)."""
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("registry_imports:index"), "label": _("Import")},
        ]
        if self.below_index:
            items.append({"url": "", "label": self.get_page_title()})
        return items


class IndexView(ImportAdminView, TemplateView):
    template_name = "registry/admin/imports/index.html"
    page_title = gettext_lazy("Import")
    below_index = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs_page = Paginator(ImportRun.objects.select_related("user"), 50)
        context["runs"] = runs_page.get_page(self.request.GET.get("p"))
        context["can_import"] = self.request.user.has_perm(IMPORT)
        return context


class UploadView(ImportAdminView, FormView):
    template_name = "registry/admin/imports/upload.html"
    page_title = gettext_lazy("Upload a file to import")
    permission = IMPORT
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = [(kind, model._meta.verbose_name) for kind, model in KINDS.items()]
        context["max_bytes"] = max_bytes()
        return context

    def form_valid(self, form):
        run = tasks.start(self.request.user, form.cleaned_data["file"], get_language())
        return redirect("registry_imports:detail", run.pk)


class DetailView(ImportAdminView, TemplateView):
    template_name = "registry/admin/imports/detail.html"

    def get_page_title(self):
        return _("Import: %(file)s") % {"file": self.run.file_name}

    def dispatch(self, request, *args, **kwargs):
        self.run = get_object_or_404(ImportRun.objects.select_related("user"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        context["run"] = run
        context["can_import"] = self.request.user.has_perm(IMPORT)
        context["counts"] = count_rows(run.result or run.summary)
        context["problem_count"] = max(len(run.problems), (run.summary or {}).get("problems", 0))
        created = [c for c in run.changes if c["action"] == "create"]
        changed = [c for c in run.changes if c["action"] == "change"]
        context["created"] = created[:PREVIEW_LIST_LIMIT]
        context["changed"] = changed[:PREVIEW_LIST_LIMIT]
        if run.status == ImportRun.Status.APPLIED:
            link_records(context["created"] + context["changed"])
        context["more_created"] = max(0, total(run.summary, "created") - len(context["created"]))
        context["more_changed"] = max(0, total(run.summary, "changed") - len(context["changed"]))
        return context


def link_records(changes: list[dict]) -> None:
    """Once applied, each listed record links to its edit view (a few queries per kind)."""
    for kind, model in KINDS.items():
        refs = [change["ref"] for change in changes if change["kind"] == kind]
        ids = dict(model.objects.filter(ref__in=refs).values_list("ref", "pk")) if refs else {}
        name = f"wagtailsnippets_registry_{model._meta.model_name}:edit"
        for change in changes:
            if change["kind"] == kind and change["ref"] in ids:
                change["url"] = reverse(name, args=[ids[change["ref"]]])


def count_rows(summary: dict) -> list[dict]:
    """One row per kind the file holds: created, changed, unchanged."""
    return [
        {
            "kind": model._meta.verbose_name_plural,
            **{
                key: summary.get(key, {}).get(kind, 0)
                for key in ("created", "changed", "unchanged")
            },
        }
        for kind, model in KINDS.items()
        if any(summary.get(key, {}).get(kind) for key in ("created", "changed", "unchanged"))
    ]


def total(summary: dict, key: str) -> int:
    return sum(summary.get(key, {}).values())


def status(request, pk: int):
    """The run's state for a page that polls instead of refreshing."""
    require(request, VIEW)
    run = get_object_or_404(ImportRun, pk=pk)
    return JsonResponse(
        {
            "status": run.status,
            "label": run.get_status_display(),
            "stage": run.stage,
            "done": run.done,
            "total": run.total,
            "running": run.running,
        }
    )


@require_POST
def apply(request, pk: int):
    require(request, IMPORT)
    run = get_object_or_404(ImportRun, pk=pk)
    if not tasks.apply(run, publish=request.POST.get("publish") == "1"):
        messages.error(
            request, _("This import cannot be applied: its preview is not ready or found problems.")
        )
    return redirect("registry_imports:detail", run.pk)


@require_POST
def cancel(request, pk: int):
    require(request, IMPORT)
    run = get_object_or_404(ImportRun, pk=pk)
    if runs.cancel(run):
        messages.success(request, _("Import cancelled; nothing was written."))
    else:
        messages.error(request, _("This import can no longer be cancelled."))
    return redirect("registry_imports:detail", run.pk)


def download(request, pk: int):
    """The file as it was uploaded, for curators only (it may hold anything)."""
    require(request, IMPORT)
    run = get_object_or_404(ImportRun, pk=pk)
    try:
        stream = run.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The file of this import is no longer kept.")) from missing
    return FileResponse(stream, as_attachment=True, filename=run.file_name)


def template(request, kind: str):
    """An empty XLSX for one kind: the import's columns, drop-down lists and a README sheet."""
    require(request, IMPORT)
    if kind not in KINDS:
        raise Http404
    response = HttpResponse(
        template_workbook(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"dnhub-{kind}-template.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
