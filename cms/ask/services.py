"""The writes of "ask an expert": asking, answering or declining, moderating, escalating. E-mails
leave after the transaction commits, so nobody is told of something that was rolled back."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from registry.models import Technology
from registry.models.questions import ExpertAnswer, ExpertQuestion, QuestionRoute
from search import sync, tasks

from . import mail
from .routing import choose_experts, detect_topic, new_ref

ESCALATE_AFTER = timedelta(days=7)


@transaction.atomic
def ask(data: dict) -> ExpertQuestion:
    """Store a valid question (AskForm's cleaned data), route it and send the e-mails."""
    topic = None
    if data.get("topic"):
        topic = Technology.objects.filter(code=data["topic"]).first()
    topic = topic or detect_topic(data["question"])
    question = ExpertQuestion.objects.create(
        ref=new_ref(),
        question=data["question"],
        language=data["language"],
        topic=topic,
        asker_name=data["name"],
        asker_email=data["email"],
    )
    routes = [
        QuestionRoute.objects.create(question=question, expert=expert)
        for expert in choose_experts(question, data.get("expert", ""))
    ]

    def notify():
        mail.receipt(question, len(routes))
        for route in routes:
            mail.to_expert(route)
        if not routes:
            mail.to_curators(gettext_noop("A question no expert fits"), question)

    transaction.on_commit(notify)
    return question


@transaction.atomic
def answer(route: QuestionRoute, text: str) -> ExpertAnswer | None:
    """The expert's answer, waiting for a curator; None when this expert has answered already."""
    route = QuestionRoute.objects.select_for_update().get(pk=route.pk)
    if ExpertAnswer.objects.filter(question=route.question, expert=route.expert).exists():
        return None
    created = ExpertAnswer.objects.create(question=route.question, expert=route.expert, answer=text)
    ExpertQuestion.objects.filter(
        pk=route.question_id, status=ExpertQuestion.Status.RECEIVED
    ).update(status=ExpertQuestion.Status.ANSWERED, updated_at=timezone.now())
    transaction.on_commit(
        lambda: mail.to_curators(gettext_noop("An answer to review"), route.question)
    )
    return created


@transaction.atomic
def decline(route: QuestionRoute, reason: str) -> None:
    route = QuestionRoute.objects.select_for_update().get(pk=route.pk)
    if route.declined_at is not None:
        return
    route.declined_at, route.decline_reason = timezone.now(), reason
    route.save(update_fields=["declined_at", "decline_reason"])
    extra = [f"{route.expert.name}: {reason}"] if reason else [route.expert.name]
    transaction.on_commit(
        lambda: mail.to_curators(
            gettext_noop("An expert declined a question"), route.question, extra
        )
    )


def _moderate(answer_obj: ExpertAnswer, user, status: str, note: str) -> None:
    answer_obj.status, answer_obj.curator_note = status, note
    answer_obj.moderated_by, answer_obj.moderated_at = user, timezone.now()
    answer_obj.save(update_fields=["status", "curator_note", "moderated_by", "moderated_at"])


@transaction.atomic
def approve(answer_obj: ExpertAnswer, user, note: str = "") -> None:
    """Publish the answer, and with it the Q&A page; tell the asker the first time."""
    _moderate(answer_obj, user, ExpertAnswer.Status.APPROVED, note)
    question = ExpertQuestion.objects.select_for_update().get(pk=answer_obj.question_id)
    first = question.status != ExpertQuestion.Status.PUBLISHED
    question.status = ExpertQuestion.Status.PUBLISHED
    question.published_at = question.published_at or timezone.now()
    question.save(update_fields=["status", "published_at", "updated_at"])
    # The Q&A page becomes findable: index work in the outbox, in this transaction.
    if sync.enqueue("question", [(question.pk, question.ref)]):
        transaction.on_commit(tasks.schedule_drain)
    if first and not question.sample:
        transaction.on_commit(lambda: tell_and_forget_the_asker(question))


def tell_and_forget_the_asker(question: ExpertQuestion) -> None:
    """The asker's name and address served one purpose, telling them the answer is out: once
    told, they are erased (Decree 13/2023, data kept no longer than needed)."""
    mail.published(question)
    ExpertQuestion.objects.filter(pk=question.pk).update(asker_name="", asker_email="")


@transaction.atomic
def reject(answer_obj: ExpertAnswer, user, note: str) -> None:
    _moderate(answer_obj, user, ExpertAnswer.Status.REJECTED, note)
    question = answer_obj.question
    if not question.answers.exclude(status=ExpertAnswer.Status.REJECTED).exists():
        question.status = ExpertQuestion.Status.RECEIVED
        question.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: mail.rejected(answer_obj))


@transaction.atomic
def take_down(question: ExpertQuestion) -> None:
    """A published Q&A page leaves the site and the search index at once (a request of the asker
    or an expert, or a curator's second thought); the asker's data goes with it."""
    ExpertQuestion.objects.filter(pk=question.pk).update(
        status=ExpertQuestion.Status.DECLINED, asker_name="", asker_email="",
        updated_at=timezone.now(),
    )  # fmt: skip
    if sync.enqueue("question", [(question.pk, question.ref)]):
        transaction.on_commit(tasks.schedule_drain)


def escalate(now=None) -> int:
    """Questions still without an approved answer a week after they were asked go to the
    curators, once each. Returns how many were sent."""
    now = now or timezone.now()
    due = ExpertQuestion.objects.filter(
        escalated_at__isnull=True,
        sample=False,
        created_at__lte=now - ESCALATE_AFTER,
        status__in=[ExpertQuestion.Status.RECEIVED, ExpertQuestion.Status.ANSWERED],
    )
    sent = 0
    for question in due:
        # Claimed with a conditional update, so two runs at once send each question once.
        if ExpertQuestion.objects.filter(pk=question.pk, escalated_at__isnull=True).update(
            escalated_at=now
        ):
            mail.to_curators(gettext_noop("A question unanswered for a week"), question)
            sent += 1
    return sent
