"""The pages of "ask an expert": the question form with the recent answered questions
(/<lang>/ask/), the expert's answer form behind a signed link, and the public Q&A page."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from registry.addresses import absolute_url, record_url
from registry.language import language, localized
from registry.models import Expert, Technology
from registry.models.questions import ExpertAnswer, ExpertQuestion

from ..portal import ratelimit
from . import services
from .forms import AnswerForm, AskForm
from .known import already_known
from .routing import answerable_experts, route_for_token

SENT_KEY = "ask_sent"  # session: the question just asked, shown with what is known once
RECENT = 10


def _initial(request) -> dict:
    initial = {"language": language()}
    expert_ref = request.GET.get("expert", "")[:64]
    if expert_ref and Expert.objects.published().filter(ref=expert_ref).exists():
        initial["expert"] = expert_ref
    topic = request.GET.get("topic", "")[:100]
    if topic and Technology.objects.filter(code=topic).exists():
        initial["topic"] = topic
    return initial


def _render_ask(request, form, status=200):
    sent = None
    ref = request.session.pop(SENT_KEY, None) if request.method == "GET" else None
    if ref:
        sent = ExpertQuestion.objects.filter(ref=ref).select_related("topic").first()
    expert_ref = form["expert"].value() or ""
    context = {
        "form": form,
        "sent": sent,
        "known": already_known(sent) if sent else None,
        "preselected": answerable_experts().filter(ref=expert_ref).first() if expert_ref else None,
        "recent": ExpertQuestion.objects.published()
        .select_related("topic")
        .order_by("-published_at")[:RECENT],
        "canonical_url": absolute_url(reverse("ask-question")),
    }
    return TemplateResponse(request, "cms/ask/ask.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def ask_question(request):
    if request.method != "POST":
        return _render_ask(request, AskForm(initial=_initial(request)))
    form = AskForm(request.POST)
    if not form.is_valid():
        return _render_ask(request, form, status=400)
    if form.cleaned_data["website"]:
        return HttpResponseRedirect(reverse("ask-question"))  # a bot: as if asked, keep nothing
    if ratelimit.rate_limited(request, "ask", settings.ASK_RATE_LIMIT):
        form.add_error(
            None, gettext("Too many questions from your address; please try again in an hour.")
        )
        return _render_ask(request, form, status=429)
    question = services.ask(form.cleaned_data)
    request.session[SENT_KEY] = question.ref
    return HttpResponseRedirect(reverse("ask-question") + "#asked")


@require_http_methods(["GET", "HEAD", "POST"])
def answer_question(request, token: str):
    route = route_for_token(token)
    if route is None:
        context = {"invalid": True}
        return TemplateResponse(request, "cms/ask/answer.html", context, status=404)
    existing = ExpertAnswer.objects.filter(question=route.question, expert=route.expert).first()
    done = ""
    form = AnswerForm()
    status = 200
    if request.method == "POST" and existing is None and route.declined_at is None:
        declining = "decline" in request.POST
        form = AnswerForm(request.POST, declining=declining)
        if form.is_valid() and declining:
            services.decline(route, form.cleaned_data["decline_reason"])
            done = "declined"
        elif form.is_valid():
            existing = services.answer(route, form.cleaned_data["answer"])
            done = "answered"
        else:
            status = 400
    context = {
        "route": route,
        "question": route.question,
        "form": form,
        "existing": existing,
        "declined": route.declined_at is not None or done == "declined",
        "done": done,
    }
    return TemplateResponse(request, "cms/ask/answer.html", context, status=status)


def signature(answer) -> tuple[str, str]:
    """The answer's author and their page: an expert who withdrew consent (or was erased) is
    no longer named; the answer stays, signed "a former expert"."""
    if answer.expert.live:
        return answer.expert.name, record_url("expert", answer.expert.ref)
    return gettext("a former expert"), ""


def question_jsonld(question, answers, page_url: str) -> dict:
    def answer_item(answer):
        name, url = signature(answer)
        author = {"@type": "Person", "name": name}
        if url:
            author["url"] = absolute_url(url)
        return {
            "@type": "Answer",
            "text": answer.answer,
            "dateCreated": answer.created_at.isoformat(timespec="seconds"),
            "url": f"{page_url}#answer-{answer.pk}",
            "author": author,
        }

    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": question.question[:110],
            "text": question.question,
            "inLanguage": question.language,
            "dateCreated": question.created_at.isoformat(timespec="seconds"),
            "answerCount": len(answers),
            "acceptedAnswer": answer_item(answers[0]),
            "suggestedAnswer": [answer_item(a) for a in answers[1:]],
        },
    }


@require_safe
def question_page(request, ref: str):
    question = get_object_or_404(
        ExpertQuestion.objects.published().select_related("topic"), ref=ref
    )
    answers = list(
        question.answers.filter(status=ExpertAnswer.Status.APPROVED)
        .select_related("expert")
        .order_by("moderated_at")
    )
    if not answers:
        raise Http404
    page_url = absolute_url(reverse("question-page", kwargs={"ref": ref}))
    context = {
        "question": question,
        "topic_label": localized(question.topic, "name") if question.topic else "",
        "answers": [
            {"answer": a, "expert_name": name, "expert_url": url}
            for a, (name, url) in ((a, signature(a)) for a in answers)
        ],
        "jsonld": question_jsonld(question, answers, page_url),
        "canonical_url": page_url,
    }
    return TemplateResponse(request, "cms/ask/question.html", context)
