"""Ask an expert: the question form, routing by signed link, answering, the curators' review,
the public Q&A page, escalation; and the asker's address never leaving the e-mails to them."""

import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cms.ask import routing, services
from cms.moderation import CURATORS
from registry.models import Expert, Technology
from registry.models.questions import ExpertAnswer, ExpertQuestion, QuestionRoute

pytestmark = pytest.mark.django_db

ASKER_EMAIL = "asker.private@example.invalid"
ASKER_NAME = "Nguyễn Riêng Tư"
QUESTION = "Làm thế nào để thiết kế vi mạch tiết kiệm năng lượng cho thiết bị IoT?"


def make_expert(ref, code, languages=("vi",), accepts=True, email=None):
    expert = Expert.objects.create(
        ref=ref,
        name=f"TS. {ref}",
        live=True,
        consent_on=dt.date(2026, 1, 1),
        accepts_questions=accepts,
        contact_email=email or f"{ref}@example.invalid",
        languages=list(languages),
    )
    expert.technologies.set(Technology.objects.filter(code=code))
    expert.save()  # a ParentalManyToManyField is written on save
    return expert


@pytest.fixture
def experts(db):
    chip = Technology.objects.get(code="semiconductor.chip_design")
    return {
        "chip": make_expert("expert-chip", chip.code),
        "parent": make_expert("expert-semi", "semiconductor", languages=("en",)),
        "other": make_expert("expert-other", "ai"),
        "silent": make_expert("expert-silent", chip.code, accepts=False),
    }


def ask(client, **overrides):
    data = {"name": ASKER_NAME, "email": ASKER_EMAIL, "question": QUESTION, "topic": "",
            "language": "vi", "expert": "", "website": ""}  # fmt: skip
    data.update(overrides)
    return client.post(reverse("ask-question"), data)


def test_the_form_is_offered_in_both_languages(client, experts):
    for lang in ("vi", "en"):
        response = client.get(f"/{lang}/ask/?expert=expert-chip&topic=semiconductor")
        assert response.status_code == 200
        assert 'name="csrfmiddlewaretoken"' in response.text
        assert "TS. expert-chip" in response.text  # the preselected expert is named


def test_a_question_is_routed_by_the_detected_topic(
    client, experts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, question="Thiet ke vi mach cho thiet bi IoT nhu the nao cho tot?")
    assert response.status_code == 302
    question = ExpertQuestion.objects.get()
    assert question.topic.code == "semiconductor.chip_design"  # folded: no diacritics typed
    routed = list(question.routes.order_by("sent_at", "pk").values_list("expert__ref", flat=True))
    assert routed == ["expert-chip", "expert-semi"]  # closest first; never the silent or other
    to = {tuple(m.to) for m in mail.outbox}
    assert (ASKER_EMAIL,) in to and ("expert-chip@example.invalid",) in to
    for message in mail.outbox:
        if message.to != [ASKER_EMAIL]:
            assert ASKER_EMAIL not in message.body and ASKER_NAME not in message.body
    page = client.get(response["Location"])
    assert "What is already known" in page.text and "Thiet ke vi mach" in page.text
    assert ASKER_EMAIL not in page.text


def test_the_chosen_expert_comes_first(client, experts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, expert="expert-other", topic="semiconductor.chip_design")
    routed = list(QuestionRoute.objects.order_by("pk").values_list("expert__ref", flat=True))
    assert routed[0] == "expert-other" and len(routed) == 3


def test_a_question_no_expert_fits_goes_to_the_curators(
    client, db, django_capture_on_commit_callbacks
):
    curator = get_user_model().objects.create_user("cur", "curator@example.invalid", "pw")
    curator.groups.add(Group.objects.get(name=CURATORS))
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, question="Một câu hỏi không thuộc lĩnh vực nào cả, thật vậy.")
    assert not QuestionRoute.objects.exists()
    assert any(m.to == ["curator@example.invalid"] for m in mail.outbox)


@pytest.mark.parametrize(
    "text",
    ["Xem http://spam.example để biết thêm chi tiết nhé", "Truy cập www.spam.vn ngay hôm nay",
     "Câu hỏi <script>alert(1)</script> về vi mạch", "Câu hỏi có ký tự \x00 điều khiển ở đây",
     "x" * 2001, "ngắn"],
)  # fmt: skip
def test_hostile_questions_get_a_field_error(client, db, text):
    response = ask(client, question=text)
    assert response.status_code == 400
    assert 'class="field-error" id="id_question-error"' in response.text
    assert not ExpertQuestion.objects.exists()


@hsettings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=2100), name=st.text(max_size=250))
def test_no_question_causes_a_server_error(db, text, name):
    response = ask(Client(), question=text, name=name)
    assert response.status_code in (302, 400, 429)


def test_a_bot_filling_the_honeypot_is_thanked_and_forgotten(client, db):
    assert ask(client, website="http://bot").status_code == 302
    assert not ExpertQuestion.objects.exists()


def test_questions_are_rate_limited(client, db, settings):
    settings.ASK_RATE_LIMIT = 2
    assert [ask(client).status_code for _ in range(3)] == [302, 302, 429]
    assert ExpertQuestion.objects.count() == 2


def routed_question(experts):
    question = services.ask({"name": ASKER_NAME, "email": ASKER_EMAIL, "question": QUESTION,
                             "language": "vi", "topic": "semiconductor.chip_design"})  # fmt: skip
    return question, QuestionRoute.objects.get(question=question, expert=experts["chip"])


def answer_path(route) -> str:
    return reverse("ask-answer", kwargs={"token": routing.answer_token(route)})


def test_the_expert_answers_once_through_the_link(client, experts):
    question, route = routed_question(experts)
    page = client.get(answer_path(route))
    assert page.status_code == 200 and "tiết kiệm năng lượng" in page.text
    assert ASKER_EMAIL not in page.text and ASKER_NAME not in page.text
    text = "Hãy bắt đầu với quy trình công nghệ thấp áp và tắt nguồn từng khối."
    assert client.post(answer_path(route), {"answer": text}).status_code == 200
    again = client.post(answer_path(route), {"answer": "Một câu trả lời thứ hai, khác hẳn."})
    assert "answered this question already" in again.text
    assert ExpertAnswer.objects.get().answer == text
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.ANSWERED


def test_tampered_expired_and_foreign_links_are_refused(client, experts, monkeypatch):
    question, route = routed_question(experts)
    token = routing.answer_token(route)
    assert client.get(reverse("ask-answer", kwargs={"token": token[:-2] + "xx"})).status_code == 404
    foreign = signing.dumps({"q": question.pk, "e": experts["other"].pk}, salt=routing.LINK_SALT)
    assert client.get(reverse("ask-answer", kwargs={"token": foreign})).status_code == 404
    other_salt = signing.dumps({"q": question.pk, "e": experts["chip"].pk})
    assert client.get(reverse("ask-answer", kwargs={"token": other_salt})).status_code == 404
    later = signing.time.time() + 31 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.get(reverse("ask-answer", kwargs={"token": token})).status_code == 404


def test_an_expert_may_decline(client, experts, django_capture_on_commit_callbacks):
    _question, route = routed_question(experts)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_path(route), {"decline": "1", "decline_reason": "Ngoài chuyên môn"})
    route.refresh_from_db()
    assert route.declined_at is not None and route.decline_reason == "Ngoài chuyên môn"
    assert not ExpertAnswer.objects.exists()


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user("curator", "c@example.invalid", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


def test_approval_publishes_the_question_page(
    client, experts, curator, django_capture_on_commit_callbacks
):
    question, route = routed_question(experts)
    answer = services.answer(route, "Dùng quy trình công nghệ thấp áp, tắt nguồn từng khối.")
    page = reverse("question-page", kwargs={"ref": question.ref})
    assert client.get(page).status_code == 404  # not before a curator approves
    client.force_login(curator)
    review = reverse("ask_review_answer", args=[answer.pk])
    assert "Dùng quy trình" in client.get(reverse("ask_review")).text + client.get(review).text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review, {"approve": "1", "note": ""}).status_code == 302
    assert mail.outbox[0].to == [ASKER_EMAIL]
    assert f"/vi/ask/{question.ref}/" in mail.outbox[0].body  # in the asker's language
    question.refresh_from_db()  # told, the asker's name and address are erased
    assert question.asker_email == "" and question.asker_name == ""
    assert client.get(review).status_code == 200  # the curator's page copes without them
    client.logout()
    shown = client.get(page)
    assert shown.status_code == 200 and "Dùng quy trình" in shown.text
    assert reverse("registry-record", kwargs={"kind": "expert", "ref": "expert-chip"}) in shown.text
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', shown.text, re.S)
    data = json.loads(script.group(1))
    assert data["@type"] == "QAPage" and data["mainEntity"]["acceptedAnswer"]["text"]
    index, sitemap = client.get("/vi/ask/").text, client.get("/sitemap.xml").content.decode()
    assert question.ref in index and f"/en/ask/{question.ref}/" in sitemap and "hreflang" in sitemap
    for text in (shown.text, index, sitemap):
        assert ASKER_EMAIL not in text and ASKER_NAME not in text


def test_rejection_needs_a_note_and_tells_the_expert(
    client, experts, curator, django_capture_on_commit_callbacks
):
    question, route = routed_question(experts)
    answer = services.answer(route, "Một câu trả lời chưa đủ chính xác để đăng.")
    client.force_login(curator)
    review = reverse("ask_review_answer", args=[answer.pk])
    refused = client.post(review, {"reject": "1", "note": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["note"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"reject": "1", "note": "Thiếu nguồn tham khảo."})
    answer.refresh_from_db()
    assert answer.status == ExpertAnswer.Status.REJECTED
    assert mail.outbox[0].to == ["expert-chip@example.invalid"]
    assert "Thiếu nguồn tham khảo." in mail.outbox[0].body
    assert client.get(reverse("question-page", kwargs={"ref": question.ref})).status_code == 404


def test_unanswered_questions_go_to_the_curators_once_after_a_week(experts, curator):
    question, _route = routed_question(experts)
    asked = timezone.now()
    mail.outbox.clear()
    assert services.escalate(now=asked + dt.timedelta(days=6)) == 0
    assert services.escalate(now=asked + dt.timedelta(days=7, minutes=1)) == 1
    assert mail.outbox[0].to == ["c@example.invalid"] and question.question in mail.outbox[0].body
    assert ASKER_EMAIL not in mail.outbox[0].body
    assert services.escalate(now=asked + dt.timedelta(days=9)) == 0
    question.refresh_from_db()
    assert question.escalated_at is not None


def test_the_experts_record_page_lists_their_published_answers(experts, curator):
    from django.template.loader import render_to_string

    question, route = routed_question(experts)
    answer = services.answer(route, "Một câu trả lời đã được duyệt về vi mạch.")
    before = render_to_string("cms/portal/expert_answers.html", {"record": experts["chip"]})
    assert question.ref not in before
    services.approve(answer, curator)
    after = render_to_string("cms/portal/expert_answers.html", {"record": experts["chip"]})
    assert f"/en/ask/{question.ref}/" in after


def test_a_published_question_is_found_by_the_portals_search(
    client, experts, curator, django_capture_on_commit_callbacks
):
    from search import service
    from search.backends import elasticsearch_backend
    from search.query import SearchQuery

    question, route = routed_question(experts)
    answer = services.answer(route, "Dùng quy trình công nghệ thấp áp cho vi mạch tiết kiệm.")
    found = service.search(SearchQuery(text="tiet kiem nang luong", kind=("question",)))
    assert question.ref not in [hit.ref for hit in found.hits]  # not before it is approved
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(answer, curator)
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()  # what a user sees within a second; a test wants it now
    hits = service.search(SearchQuery(text="tiet kiem nang luong", kind=("question",))).hits
    assert [hit.ref for hit in hits] == [question.ref]
    page = client.get("/vi/search/?q=thấp+áp")
    assert f"/vi/ask/{question.ref}/" in page.text
    assert ASKER_EMAIL not in page.text
    api = client.get("/api/v1/search/", {"q": "thấp áp", "kind": "question"})
    assert [hit["url"] for hit in api.json()["results"]] == [f"/vi/ask/{question.ref}/"]
    assert ASKER_EMAIL not in api.text
    from search.documents import documents_for

    (doc,), _missing = documents_for("question", [question.pk])
    assert ASKER_EMAIL not in json.dumps(doc) and ASKER_NAME not in json.dumps(doc)


def test_the_daily_job_and_the_command_escalate(experts, curator, settings):
    from django.core.management import call_command

    from cms.ask import tasks

    question, _route = routed_question(experts)
    ExpertQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    mail.outbox.clear()
    assert tasks.escalate_unanswered.enqueue().return_value == 1  # in-process: runs at once
    call_command("escalate_questions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # once
    morning = tasks.next_run(timezone.make_aware(dt.datetime(2026, 3, 1, 23, 30)))
    assert timezone.localtime(morning).date() == dt.date(2026, 3, 2)
    assert timezone.localtime(morning).hour == 8


def test_the_sample_questions_load_once_and_are_public(client, db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_sample_questions", stdout=StringIO())
    call_command("load_sample_questions", stdout=StringIO())
    published = ExpertQuestion.objects.published()
    assert published.count() == 4 and all(q.sample for q in published)
    assert not mail.outbox  # invented askers are never e-mailed
    page = client.get("/vi/ask/sample-q-chip-power/")
    assert page.status_code == 200 and "RISC-V" in page.text
    assert "sample-asker" not in page.text and "Người hỏi mẫu" not in page.text


def test_the_map_of_a_search_leaves_answered_questions_out(client, experts, curator):
    question, route = routed_question(experts)
    services.approve(
        services.answer(route, "Một câu trả lời về vi mạch tiết kiệm năng lượng."), curator
    )
    from search import sync

    sync.drain()
    response = client.get("/api/v1/geojson/", {"q": "tiet kiem"})
    assert response.status_code == 200
    assert question.ref not in response.text


def test_a_curator_takes_a_published_qa_page_down(
    client, experts, curator, django_capture_on_commit_callbacks
):
    """Review of #16: nothing could take a Q&A page down (the asker's or the expert's request)."""
    from search import service
    from search.backends import elasticsearch_backend
    from search.query import SearchQuery

    question, route = routed_question(experts)
    answer = services.answer(route, "Một câu trả lời về vi mạch tiết kiệm năng lượng.")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(answer, curator)
    page = reverse("question-page", kwargs={"ref": question.ref})
    assert client.get(page).status_code == 200

    def found():
        backend = elasticsearch_backend()
        if backend is not None:
            backend.refresh()
        results = service.search(SearchQuery(kind=("question",), text="vi mạch"))
        return [hit.ref for hit in results.hits]

    assert question.ref in found()
    client.force_login(curator)
    listing = client.get(reverse("ask_review")).text
    assert reverse("ask_review_answer", args=[answer.pk]) in listing  # found among the published
    review = reverse("ask_review_answer", args=[answer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review, {"take_down": "1"}).status_code == 302
    client.logout()
    assert client.get(page).status_code == 404
    assert question.ref not in client.get("/sitemap.xml").content.decode()
    assert question.ref not in found()
    question.refresh_from_db()
    assert question.asker_email == "" and question.asker_name == ""
