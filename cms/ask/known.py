"""What is already known about a question, shown at once after it is asked: published Q&A and
registry records (experts, R&D organisations) through the search service, so both backends give
it; the portal's guide pages by a plain title/summary match on the topic's labels."""

from django.db.models import Q

from registry.addresses import record_url
from registry.language import localized
from registry.models.questions import ExpertQuestion
from search import service
from search.query import InvalidQuery, SearchQuery

from ..models import ContentPage

KNOWN_KINDS = ("expert", "rd_organisation")
SHOWN = 5


def related_questions(question: ExpertQuestion) -> list[ExpertQuestion]:
    found = ExpertQuestion.objects.published().exclude(pk=question.pk)
    if question.topic_id is None:
        return []
    code = question.topic.code
    return list(found.filter(Q(topic__code=code) | Q(topic__code__startswith=f"{code}."))[:SHOWN])


def related_records(question: ExpertQuestion) -> list[dict]:
    if question.topic_id is None:
        return []
    rows = []
    for kind in KNOWN_KINDS:
        query = SearchQuery(
            kind=(kind,), technology=(question.topic.code,), page_size=SHOWN, with_facets=False
        )
        try:
            hits = service.search(query).hits
        except InvalidQuery:  # a kind the search index does not hold yet
            continue
        rows += [
            {"kind": hit.kind, "name": localized(hit, "name"), "url": record_url(hit.kind, hit.ref)}
            for hit in hits
        ]
    return rows


def related_guides(question: ExpertQuestion) -> list[dict]:
    if question.topic_id is None:
        return []
    match = Q()
    for label in {question.topic.name, question.topic.name_en} - {""}:
        for field in ("title", "title_en", "summary", "summary_en"):
            match |= Q(**{f"{field}__icontains": label})
    pages = ContentPage.objects.live().public().filter(match)[:SHOWN]
    return [{"title": localized(page, "title") or page.title, "url": page.url} for page in pages]


def already_known(question: ExpertQuestion) -> dict:
    return {
        "questions": related_questions(question),
        "records": related_records(question),
        "guides": related_guides(question),
    }
