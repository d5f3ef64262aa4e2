"""The admin's pages for duplicates: "merge into…" (choose the record kept, see what moves,
confirm), "not a duplicate" (confirm) and its undoing, and the list of pairs marked. Each change
is a POST after a page that says what it will do; refusals are form errors (4xx), never a 500."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.duplicates import mark_not_duplicate, unmark_not_duplicate
from registry.models import KINDS, Enterprise, NotDuplicate

from .services import MergeRefused, merge_enterprises, plan_merge


def edit_url(enterprise) -> str:
    return reverse("wagtailsnippets_registry_enterprise:edit", args=[enterprise.pk])


def require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class MergeTargetForm(forms.Form):
    into = forms.CharField(
        label=_("Reference of the record to keep"),
        max_length=64,
        help_text=_("The other record is merged into it, then unpublished and locked."),
    )

    def __init__(self, merged, *args, **kwargs):
        self.merged = merged
        super().__init__(*args, **kwargs)

    def clean_into(self):
        ref = self.cleaned_data["into"].strip()
        survivor = Enterprise.objects.filter(ref=ref).first()
        if survivor is None:
            other_kind = next(
                (m for m in KINDS.values() if m.objects.filter(ref=ref).exists()), None
            )
            if other_kind is not None:
                raise forms.ValidationError(
                    gettext("%(ref)s is a %(kind)s, not an enterprise: only enterprises merge.")
                    % {"ref": ref, "kind": other_kind._meta.verbose_name}
                )
            raise forms.ValidationError(
                gettext("No enterprise has the reference %(ref)s.") % {"ref": ref}
            )
        if survivor.pk == self.merged.pk:
            raise forms.ValidationError(gettext("A record cannot be merged into itself."))
        return survivor


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        require(request, self.permission)
        return super().dispatch(request, *args, **kwargs)


class MergeView(AdminPage):
    """GET ?into=<ref>: what merging this record into that one moves; POST: do it."""

    template_name = "cms/admin/merge_confirm.html"
    permission = "registry.add_enterprisemerge"

    def get_page_title(self):
        return gettext("Merge %(name)s into…") % {"name": self.merged.name}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": edit_url(self.merged), "label": self.merged.name},
                {"url": "", "label": self.get_page_title()}]  # fmt: skip

    def get(self, request, pk):
        self.merged = get_object_or_404(Enterprise, pk=pk)
        form = MergeTargetForm(self.merged, request.GET if "into" in request.GET else None)
        return self.show(form)

    def post(self, request, pk):
        self.merged = get_object_or_404(Enterprise, pk=pk)
        form = MergeTargetForm(self.merged, request.POST)
        if not form.is_valid():
            return self.show(form)
        survivor = form.cleaned_data["into"]
        try:
            plan = merge_enterprises(self.merged.pk, survivor.pk, request.user)
        except MergeRefused as refusal:
            form.add_error(None, str(refusal))
            return self.show(form, status=409)
        messages.success(request, merged_message(plan))
        return redirect(edit_url(survivor))

    def show(self, form, status=None):
        plan = None
        if form.is_bound and form.is_valid():
            try:
                plan = plan_merge(self.merged, form.cleaned_data["into"])
            except MergeRefused as refusal:
                form.add_error(None, str(refusal))
        if status is None:
            status = 400 if form.errors else 200
        context = self.get_context_data(form=form, plan=plan, merged=self.merged)
        return self.render_to_response(context, status=status)


def merged_message(plan) -> str:
    text = gettext("%(merged)s (%(merged_ref)s) was merged into %(kept)s (%(kept_ref)s).") % {
        "merged": plan.merged.name, "merged_ref": plan.merged.ref,
        "kept": plan.survivor.name, "kept_ref": plan.survivor.ref}  # fmt: skip
    if plan.photos_left:
        count = len(plan.photos_left)
        text += " " + ngettext(
            "%(count)d photo did not fit and stays with the merged record.",
            "%(count)d photos did not fit and stay with the merged record.",
            count,
        ) % {"count": count}
    return text


class NotDuplicateView(AdminPage):
    """Confirm, then store, that two enterprises are different companies."""

    template_name = "cms/admin/not_duplicate_confirm.html"
    permission = "registry.add_notduplicate"
    page_title = _("Not a duplicate")

    def records(self, pk, other_pk):
        if pk == other_pk:
            raise PermissionDenied  # a record is always the same as itself
        return get_object_or_404(Enterprise, pk=pk), get_object_or_404(Enterprise, pk=other_pk)

    def get(self, request, pk, other_pk):
        one, other = self.records(pk, other_pk)
        return self.render_to_response(self.get_context_data(one=one, other=other))

    def post(self, request, pk, other_pk):
        one, other = self.records(pk, other_pk)
        mark_not_duplicate(one, other, request.user)
        messages.success(
            request,
            gettext("%(one)s and %(other)s are marked as different companies.")
            % {"one": one.name, "other": other.name},
        )
        return redirect(edit_url(one))


class UndoNotDuplicateView(AdminPage):
    template_name = "cms/admin/not_duplicate_undo.html"
    permission = "registry.delete_notduplicate"
    page_title = _("Undo: may be a duplicate")

    def get(self, request, pk):
        pair = get_object_or_404(NotDuplicate.objects.select_related("first", "second"), pk=pk)
        back = request.GET.get("from", "")
        return self.render_to_response(self.get_context_data(pair=pair, back=back))

    def post(self, request, pk):
        pair = get_object_or_404(NotDuplicate.objects.select_related("first", "second"), pk=pk)
        unmark_not_duplicate(pair, request.user)
        messages.success(
            request, gettext("The two records are listed as possible duplicates again.")
        )
        back = request.POST.get("from", "")
        if back.isdigit() and int(back) in (pair.first_id, pair.second_id):
            return redirect(reverse("wagtailsnippets_registry_enterprise:edit", args=[int(back)]))
        return redirect("not-duplicates")


class NotDuplicateListView(AdminPage):
    """Every pair marked "not a duplicate", newest first, each reversible."""

    template_name = "cms/admin/not_duplicates.html"
    permission = "registry.view_notduplicate"
    page_title = _("Pairs marked not duplicates")

    def get(self, request):
        pairs = NotDuplicate.objects.select_related("first", "second", "created_by")[:500]
        can_unmark = request.user.has_perm("registry.delete_notduplicate")
        return self.render_to_response(self.get_context_data(pairs=pairs, can_unmark=can_unmark))
