"""Where a question goes: its topic (chosen, or detected from the text against the taxonomy's
labels in both languages), up to three experts whose technologies fit it, each e-mailed a signed
link to the answer form; the curators when no expert fits."""

import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation

from cms.pipeline.sectors import CURATORS
from registry.addresses import absolute_url
from registry.models import Expert, Technology
from registry.models.questions import ExpertQuestion, QuestionRoute
from registry.textfold import fold

MAX_EXPERTS = 3
LINK_SALT = "cms.ask.answer-link"
NON_WORD = re.compile(r"[^\w]+")


def new_ref() -> str:
    return f"q-{secrets.token_hex(6)}"


def words(text: str) -> str:
    """Folded words separated by single spaces, punctuation dropped."""
    return fold(NON_WORD.sub(" ", text))


def detect_topic(text: str) -> Technology | None:
    """The technology whose label (Vietnamese, English or a synonym) occurs in the text, folded
    (no diacritics, no case); the longest label wins, so "thị giác máy tính" beats "máy tính"."""
    folded = f" {words(text)} "
    best, best_length = None, 0
    for tech in Technology.objects.all():
        for label in [tech.name, tech.name_en, *(tech.synonyms or [])]:
            key = words(label or "")
            if len(key) > best_length and f" {key} " in folded:
                best, best_length = tech, len(key)
    return best


def closeness(topic_code: str, codes: list[str]) -> int | None:
    """How far the nearest of an expert's technologies is from the topic in the hierarchy: 0 the
    same, 1 per level up or down; None when on another branch."""
    depth = topic_code.count(".")
    best = None
    for code in codes:
        if code == topic_code:
            distance = 0
        elif code.startswith(f"{topic_code}.") or topic_code.startswith(f"{code}."):
            distance = abs(code.count(".") - depth)
        else:
            continue
        best = distance if best is None else min(best, distance)
    return best


def answerable_experts():
    return (
        Expert.objects.published()
        .filter(accepts_questions=True)
        .exclude(contact_email="")
        .annotate(
            open_questions=Count(
                "question_routes",
                filter=Q(question_routes__question__status=ExpertQuestion.Status.RECEIVED),
            )
        )
    )


def choose_experts(question: ExpertQuestion, preferred_ref: str = "") -> list[Expert]:
    """Up to three experts, ranked: the one the asker picked first, then the closest technology,
    the question's language spoken, the fewest open questions."""
    candidates = list(answerable_experts().prefetch_related("technologies"))
    chosen = [e for e in candidates if preferred_ref and e.ref == preferred_ref]
    if question.topic_id is not None:
        ranked = []
        for expert in candidates:
            distance = closeness(question.topic.code, [t.code for t in expert.technologies.all()])
            if distance is not None and expert not in chosen:
                speaks = question.language in (expert.languages or [])
                ranked.append((distance, not speaks, expert.open_questions, expert.ref, expert))
        chosen += [row[-1] for row in sorted(ranked, key=lambda row: row[:4])]
    return chosen[:MAX_EXPERTS]


def answer_token(route: QuestionRoute) -> str:
    return signing.dumps({"q": route.question_id, "e": route.expert_id}, salt=LINK_SALT)


def route_for_token(token: str) -> QuestionRoute | None:
    """The route a link was signed for, while the link is valid; None when it was tampered with,
    has expired, names a route that no longer exists or an expert no longer public."""
    max_age = settings.ASK_LINK_MAX_AGE_DAYS * 86400
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=max_age)
        # Only while the expert is public and takes questions: consent withdrawn, the link dies.
        return QuestionRoute.objects.select_related("question", "expert").get(
            question_id=int(data["q"]),
            expert_id=int(data["e"]),
            expert__live=True,
            expert__accepts_questions=True,
        )
    except (signing.BadSignature, QuestionRoute.DoesNotExist, KeyError, TypeError, ValueError):
        return None


def answer_url(route: QuestionRoute, lang: str) -> str:
    with translation.override(lang):
        return absolute_url(reverse("ask-answer", kwargs={"token": answer_token(route)}))


def curator_emails() -> list[str]:
    emails = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=CURATORS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return emails or [settings.INQUIRY_EMAIL]


def expert_language(expert: Expert) -> str:
    spoken = expert.languages or []
    return "vi" if "vi" in spoken or "en" not in spoken else "en"
