"""The curators' side of "ask an expert": the list "Answers to review" (also a dashboard panel)
and one answer's review, approve or reject with a note. Curators and administrators only
(the permission to change experts' answers)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from registry.models.questions import ExpertAnswer, ExpertQuestion

from . import services

PERMISSION = "registry.change_expertanswer"
SHOWN = 10


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def pending_answers():
    return (
        ExpertAnswer.objects.filter(status=ExpertAnswer.Status.PENDING)
        .select_related("question", "expert")
        .order_by("created_at")
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note (sent to the expert when rejecting)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def review_list(request):
    _require(request)
    published = (
        ExpertAnswer.objects.filter(
            status=ExpertAnswer.Status.APPROVED,
            question__status=ExpertQuestion.Status.PUBLISHED,
        )
        .select_related("question", "expert")
        .order_by("-moderated_at")[:50]
    )
    context = {"answers": pending_answers()[:200], "published": published}
    return TemplateResponse(request, "cms/ask/admin_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def review_answer(request, pk: int):
    _require(request)
    answer = get_object_or_404(ExpertAnswer.objects.select_related("question", "expert"), pk=pk)
    form = ReviewForm(request.POST or None)
    published = answer.question.status == ExpertQuestion.Status.PUBLISHED
    if request.method == "POST" and "take_down" in request.POST and published:
        services.take_down(answer.question)
        messages.success(request, gettext("Taken down: the Q&A page is no longer public."))
        return redirect("ask_review")
    if request.method == "POST" and answer.status != ExpertAnswer.Status.PENDING:
        messages.error(request, gettext("This answer was reviewed already."))
        return redirect("ask_review")
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"].strip()
        if "approve" in request.POST:
            services.approve(answer, request.user, note)
            messages.success(request, gettext("Approved: the Q&A page is published."))
            return redirect("ask_review")
        if not note:
            form.add_error("note", gettext("Tell the expert why the answer is rejected."))
        else:
            services.reject(answer, request.user, note)
            messages.success(request, gettext("Rejected: the expert has been told why."))
            return redirect("ask_review")
    context = {"answer": answer, "question": answer.question, "form": form}
    return TemplateResponse(request, "cms/ask/admin_review.html", context)


class AnswersToReviewPanel(Component):
    name = "answers_to_review"
    template_name = "cms/ask/admin_panel.html"
    order = 61  # beside the founders' "Waiting for review"

    def get_context_data(self, parent_context=None):
        answers = list(pending_answers()[: SHOWN + 1])
        rows = [{"answer": a, "age": timesince(a.created_at, depth=1)} for a in answers[:SHOWN]]
        return {"rows": rows, "more": len(answers) > SHOWN, "list_url": reverse("ask_review")}


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("ask/answers/", review_list, name="ask_review"),
        path("ask/answers/<int:pk>/", review_answer, name="ask_review_answer"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        _("Answers to review"),
        reverse("ask_review"),
        name="answers-to-review",
        icon_name="help",
        order=290,
        attrs={"data-ask-review": ""},
    )


@hooks.register("construct_main_menu")
def hide_menu_item_without_permission(request, menu_items):
    if not request.user.has_perm(PERMISSION):
        menu_items[:] = [item for item in menu_items if item.name != "answers-to-review"]


@hooks.register("construct_homepage_panels")
def add_answers_panel(request, panels):
    if request.user.has_perm(PERMISSION):
        panels.append(AnswersToReviewPanel())
