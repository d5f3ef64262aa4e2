"""Ask an expert on other pages: an expert's published answers on their record page."""

from django import template

from registry.models.questions import ExpertAnswer, ExpertQuestion

register = template.Library()
SHOWN = 10


@register.simple_tag
def published_answers(expert_ref: str) -> list[ExpertAnswer]:
    """The expert's approved answers on published Q&A pages, newest first."""
    return list(
        ExpertAnswer.objects.filter(
            expert__ref=expert_ref,
            status=ExpertAnswer.Status.APPROVED,
            question__status=ExpertQuestion.Status.PUBLISHED,
        )
        .select_related("question")
        .order_by("-moderated_at")[:SHOWN]
    )
