"""The e-mails of "ask an expert", each in its reader's language. The asker's address goes only
to the asker; the expert and the curators read the question, never who asked it."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from registry.addresses import absolute_url

from .routing import answer_url, curator_emails, expert_language


def _send(subject: str, lines: list[str], to: list[str]) -> None:
    # The question is stored and listed in the admin: a bounce changes nothing.
    send_mail(
        f"[DNHub] {subject}", "\n".join(lines), settings.DEFAULT_FROM_EMAIL, to, fail_silently=True
    )


def question_url(question, lang: str) -> str:
    with translation.override(lang):
        return absolute_url(reverse("question-page", kwargs={"ref": question.ref}))


def admin_review_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("ask_review")


def receipt(question, experts_found: int) -> None:
    with translation.override(question.language):
        if experts_found:
            next_step = gettext(
                "What happens next: we have sent your question to %(count)d expert(s) in its "
                "field. A curator reads each answer before it is published, and we e-mail you "
                "as soon as it is."
            ) % {"count": experts_found}
        else:
            next_step = gettext(
                "What happens next: no expert in the registry matches your question yet, so "
                "the curators look for one. We e-mail you as soon as an answer is published."
            )
        _send(
            gettext("We have received your question"),
            [
                gettext("Dear %(name)s,") % {"name": question.asker_name},
                "",
                gettext("Thank you for your question:"),
                question.question,
                "",
                next_step,
                "",
                gettext("Your e-mail address is never published nor given to the experts."),
            ],
            [question.asker_email],
        )


def to_expert(route) -> None:
    lang = expert_language(route.expert)
    with translation.override(lang):
        _send(
            gettext("A question in your field"),
            [
                gettext("Dear %(name)s,") % {"name": route.expert.name},
                "",
                gettext("A visitor of the Đồng Nai Digital Hub asks:"),
                route.question.question,
                "",
                gettext("Answer it (or tell us you cannot) here:"),
                answer_url(route, lang),
                "",
                gettext(
                    "The link is personal: it lets you answer this question only, for %(days)d "
                    "days. A curator reads your answer before it is published with your name."
                )
                % {"days": settings.ASK_LINK_MAX_AGE_DAYS},
            ],
            [route.expert.contact_email],
        )


def to_curators(subject_msg: str, question, extra: list[str] | None = None) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            gettext(subject_msg),
            [
                f"{question.ref}: {question.question}",
                *(extra or []),
                "",
                admin_review_url(),
            ],
            curator_emails(),
        )


def published(question) -> None:
    with translation.override(question.language):
        _send(
            gettext("Your question has been answered"),
            [
                gettext("Dear %(name)s,") % {"name": question.asker_name},
                "",
                gettext("An expert's answer to your question is now published:"),
                question_url(question, question.language),
            ],
            [question.asker_email],
        )


def rejected(answer) -> None:
    with translation.override(expert_language(answer.expert)):
        _send(
            gettext("Your answer was not published"),
            [
                gettext("Dear %(name)s,") % {"name": answer.expert.name},
                "",
                gettext("A curator did not publish your answer to the question:"),
                answer.question.question,
                "",
                gettext("The curator's note:"),
                answer.curator_note,
            ],
            [answer.expert.contact_email],
        )
