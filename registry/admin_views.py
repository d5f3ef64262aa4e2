"""The admin's own views of registry records, beyond Wagtail's snippets: each kind's list
searched with folded text and downloaded as open data (the current filtered list), and one
search over every kind, which the admin's search bar opens."""

from django.urls import path, reverse
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.search import SearchArea
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import IndexView
from wagtail.snippets.widgets import AdminSnippetChooser

from .admin_search import matching, search_registry
from .interchange.downloads import export_response
from .interchange.exporter import iter_records
from .models import KINDS

RESULTS_PER_KIND = 50


class RecordIndexView(IndexView):
    """A kind's list: its search folds text like the portal's, and "Download XLSX/CSV" give
    the records the list shows (filters and search applied, drafts included), in the open-data
    columns, through the open-data writers."""

    show_export_buttons = True

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return matching(queryset, self.search_query)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        kind = self.model.kind
        # The interchange format has no publication state: a draft's row is exported as it
        # stands (a published record's pending draft stays in its revisions), like
        # `export_registry --include-drafts`.
        return export_response(
            [kind],
            spreadsheet_format,
            lambda _kind: iter_records([kind], include_drafts=True, only=queryset),
        )


def viewable_kinds(user) -> list[str]:
    return [
        kind
        for kind, model in KINDS.items()
        if user.has_perm(f"registry.view_{model._meta.model_name}")
        or user.has_perm(f"registry.change_{model._meta.model_name}")
    ]


def record_admin_url(user, record) -> str:
    """The record's edit view for those who may change it, else its inspect view."""
    name = record._meta.model_name
    action = "edit" if user.has_perm(f"registry.change_{name}") else "inspect"
    return reverse(f"wagtailsnippets_registry_{name}:{action}", args=[record.pk])


class RegistrySearchView(WagtailAdminTemplateMixin, TemplateView):
    """Every kind's records matching the query, in one list with each record's kind."""

    template_name = "registry/admin/registry_search.html"
    page_title = _("Search the registry")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        user = self.request.user
        groups = []
        if query:
            for kind, found in search_registry(query, viewable_kinds(user)).items():
                model = KINDS[kind]
                total = found.count()
                if not total:
                    continue
                list_url = reverse(f"wagtailsnippets_registry_{model._meta.model_name}:list")
                records = [
                    (record, record_admin_url(user, record)) for record in found[:RESULTS_PER_KIND]
                ]
                groups.append(
                    {
                        "label": str(model._meta.verbose_name_plural),
                        "kind_label": str(model._meta.verbose_name),
                        "total": total,
                        "records": records,
                        "list_url": list_url,
                    }
                )
        context.update(
            query=query,
            groups=groups,
            total=sum(group["total"] for group in groups),
            search_url=reverse("registry_admin_search"),
        )
        return context


@hooks.register("register_admin_urls")
def registry_search_urls():
    return [path("registry-search/", RegistrySearchView.as_view(), name="registry_admin_search")]


class RegistrySearchArea(SearchArea):
    def is_shown(self, request):
        return bool(viewable_kinds(request.user))


@hooks.register("register_admin_search_area")
def registry_search_area():
    # Before the pages (order 100): the admin's search bar searches the registry first, and
    # the results link the pages', images' and other searches.
    return RegistrySearchArea(
        _("Registry"), reverse("registry_admin_search"), icon_name="folder-open-inverse", order=50
    )


def _lazily(template, **values):
    """`template % values`, translated when shown rather than when made."""
    return lazy(lambda: str(template) % {k: str(v) for k, v in values.items()}, str)()


class LocalisedSnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser words its buttons once, when the form class is built, in the
    language of whichever request came first ("Choose khu" in the English admin): these are
    worded on each render, in the reader's language."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        name = self.model._meta.verbose_name
        self.choose_one_text = _lazily(_("Choose %(object)s"), object=name)
        self.choose_another_text = _lazily(_("Choose another %(object)s"), object=name)
        self.link_to_chosen_text = _lazily(_("Edit this %(object)s"), object=name)


class LocalisedBreadcrumbsMixin:
    """Wagtail's snippet views get their "Home" breadcrumb worded once, when the URLs are first
    loaded, in that request's language (a "Trang Chủ" breadcrumb in the English admin): worded
    on each render here."""

    @cached_property
    def breadcrumbs_items(self):
        home, *rest = super().breadcrumbs_items  # Wagtail's first item is always the home
        return [{**home, "label": gettext_lazy("Home")}, *rest]
