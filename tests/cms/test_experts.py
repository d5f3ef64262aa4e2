"""Experts on the portal (issue #16, item 3): self-registration with consent under Decree
13/2023, the curators' moderation, claims on profiles the agency prepared, withdrawal of consent
(unpublished at once, gone from search) and erasure, the my-data download, the admin's guard."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from cms.experts import services
from cms.models import ExpertClaim
from registry.models import Enterprise, Expert, RDOrganisation, Technology
from registry.models.questions import ExpertAnswer, ExpertQuestion, QuestionRoute

from . import test_founders
from .test_founders import PASSWORD, confirm_and_sign_in, refresh_search_index, sign_up

pytestmark = pytest.mark.django_db
EMAIL = "expert@example.invalid"
curator = test_founders.curator  # the same curator fixture


@pytest.fixture
def expert_user(client):
    sign_up(client, email=EMAIL)
    confirm_and_sign_in(client, email=EMAIL)
    mail.outbox.clear()
    return get_user_model().objects.get(username=EMAIL)


@pytest.fixture
def university():
    return RDOrganisation.objects.create(
        ref="dh-lac-hong", name="Trường Đại học Lạc Hồng", name_en="Lac Hong University", live=True
    )


@pytest.fixture
def technology():
    return Technology.objects.get(code="semiconductor.mems_sensors")


def profile(**changes):
    data = {"name": "Nguyễn Thị Minh Anh", "name_en": "Nguyen Thi Minh Anh",
            "expert_title": "doctor", "affiliation": "rd_organisation:dh-lac-hong",
            "technologies": ["semiconductor.mems_sensors"], "languages": ["vi", "en"],
            "description": "Nghiên cứu thị giác máy tính.", "description_en": "Computer vision.",
            "accepts_questions": "on", "consent": "on"}  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def create(client, **changes) -> Expert:
    response = client.post("/en/account/expert/profile/", profile(**changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Expert.objects.get(account__username=EMAIL)


def published_expert(client, curator, capture) -> Expert:
    expert = create(client)
    client.post("/en/account/expert/submit/")
    with capture(execute=True):
        assert approve_expert(curator, expert).status_code == 302
    expert.refresh_from_db()
    return expert


def approve_expert(curator, expert, action="approve", comment=""):
    admin = Client()
    admin.force_login(curator)
    state = WorkflowState.objects.for_instance(expert).get(status=WorkflowState.STATUS_IN_PROGRESS)
    url = reverse(
        "wagtailsnippets_registry_expert:workflow_action",
        args=[expert.pk, action, state.current_task_state.pk],
    )
    return admin.post(url, {"comment": comment} if comment else {})


def test_an_expert_registers_consents_and_is_published_after_review(
    client, expert_user, curator, university, technology, django_capture_on_commit_callbacks
):
    assert "Join the province" in Client().get("/en/account/expert/").content.decode()
    expert = create(client)
    assert not expert.live and expert.account == expert_user
    assert expert.consent_on == timezone.localdate()  # ticking records the day
    assert expert.contact_email == EMAIL  # the questions' address: the verified one, private
    consent = ModelLogEntry.objects.for_instance(expert).get(action=services.CONSENT_GIVEN)
    assert consent.data == {
        "date": timezone.localdate().isoformat(),
        "text_version": services.CONSENT_VERSION,
    }
    draft = expert.get_latest_revision_as_object()
    assert draft.affiliation == university and draft.languages == ["vi", "en"]
    assert [t.code for t in draft.technologies.all()] == ["semiconductor.mems_sensors"]
    page = client.get("/en/account/expert/").content.decode()
    assert "Draft: not yet submitted" in page and "Submit for review" in page

    client.post("/en/account/expert/submit/")
    assert "Waiting for review" in client.get("/en/account/expert/").content.decode()
    assert client.get("/en/account/expert/profile/").status_code == 302  # locked in review
    with django_capture_on_commit_callbacks(execute=True):
        assert approve_expert(curator, expert).status_code == 302
    expert.refresh_from_db()
    assert expert.live and expert.accepts_questions
    assert mail.outbox[-1].to == [EMAIL] and "published" in mail.outbox[-1].subject.lower()
    assert "Published" in client.get("/en/account/expert/").content.decode()


def test_a_curator_asks_for_changes_or_rejects_and_the_expert_is_told(
    client, expert_user, curator, university, technology
):
    expert = create(client)
    client.post("/en/account/expert/submit/")
    approve_expert(curator, expert, "reject", "Thêm tiểu sử tiếng Anh, please.")
    assert "Changes requested" in mail.outbox[-1].subject and mail.outbox[-1].to == [EMAIL]
    assert "Thêm tiểu sử" in client.get("/en/account/expert/").content.decode()
    client.post("/en/account/expert/profile/", profile(description_en="Computer vision, 10y."))
    client.post("/en/account/expert/submit/")
    approve_expert(curator, expert, "decline", "Not an expert in the province's fields.")
    assert "not accepted" in mail.outbox[-1].subject and mail.outbox[-1].to == [EMAIL]
    expert.refresh_from_db()
    assert not expert.live


BAD_INPUT = [
    ({"consent": None}, "consent", "Tick the consent"),
    ({"name": "<b>Minh Anh</b>"}, "name", "without HTML or web addresses"),
    ({"name_en": "Minh Anh https://spam.example"}, "name_en", "without HTML or web addresses"),
    ({"name": "x" * 201}, "name", "at most 200 characters"),
    ({"description": "x" * 3001}, "description", "at most 3000 characters"),
    ({"affiliation": "rd_organisation:no-such-ref"}, "affiliation", "Select a valid choice"),
    ({"affiliation": "enterprise:hidden-co"}, "affiliation", "Select a valid choice"),
    ({"languages": ["xx"]}, "languages", "Select a valid choice"),
    ({"technologies": ["no-such-code"]}, "technologies", "Select a valid choice"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUT)
def test_bad_input_gets_a_field_error_and_writes_nothing(
    client, expert_user, university, technology, changes, field, message
):
    Enterprise.objects.create(ref="hidden-co", name="Công ty Ẩn", live=False)
    response = client.post("/en/account/expert/profile/", profile(**changes))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert 'class="field-error"' in response.content.decode()
    assert not Expert.objects.exists() and not Revision.objects.exists()


def test_field_errors_come_in_vietnamese(client, expert_user, university, technology):
    response = client.post("/vi/account/expert/profile/", profile(consent=None, name="<i>A</i>"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "không có HTML" in page and "Hãy đánh dấu đồng ý" in page


def test_withdrawal_unpublishes_at_once_and_stops_questions(
    client, expert_user, curator, university, technology, django_capture_on_commit_callbacks
):
    expert = published_expert(client, curator, django_capture_on_commit_callbacks)
    public = f"/en/registry/expert/{expert.ref}/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/account/expert/withdraw/")
    assert response.status_code == 302
    expert.refresh_from_db()
    assert not expert.live and expert.consent_on is None and not expert.accepts_questions
    assert Client().get(public).status_code == 404
    draft = expert.get_latest_revision_as_object()
    assert draft.consent_on is None and not draft.accepts_questions  # a resubmit asks again
    assert (
        ModelLogEntry.objects.for_instance(expert)
        .filter(action=services.CONSENT_WITHDRAWN)
        .exists()
    )
    page = client.get("/en/account/expert/").content.decode()
    assert "not given" in page and "Your consent is withdrawn" in page
    client.post("/en/account/expert/submit/")  # without a new consent: refused
    assert not WorkflowState.objects.for_instance(expert).filter(status="in_progress").exists()


def question_for(expert, status=ExpertQuestion.Status.RECEIVED, ref="q-1"):
    return ExpertQuestion.objects.create(
        ref=ref, question="Làm sao?", asker_name="An", asker_email="an@example.invalid",
        status=status,
    )  # fmt: skip


def test_withdrawal_with_erasure_deletes_the_profile_its_revisions_and_routes(
    client, expert_user, curator, university, technology, django_capture_on_commit_callbacks
):
    expert = published_expert(client, curator, django_capture_on_commit_callbacks)
    QuestionRoute.objects.create(question=question_for(expert), expert=expert)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/expert/withdraw/", {"erase": "on"})
    assert not Expert.objects.exists()
    assert not Revision.objects.filter(
        object_id=str(expert.pk), base_content_type__model="expert"
    ).exists()
    assert not QuestionRoute.objects.exists()
    assert get_user_model().objects.filter(username=EMAIL).exists()  # the account stays


def test_erasure_keeps_published_answers_signed_by_a_former_expert(
    client, expert_user, curator, university, technology, django_capture_on_commit_callbacks
):
    expert = published_expert(client, curator, django_capture_on_commit_callbacks)
    published = question_for(expert, ExpertQuestion.Status.PUBLISHED, "q-public")
    waiting = question_for(expert, ExpertQuestion.Status.ANSWERED, "q-waiting")
    ExpertAnswer.objects.create(
        question=published, expert=expert, answer="Đúng.", status=ExpertAnswer.Status.APPROVED
    )
    ExpertAnswer.objects.create(question=waiting, expert=expert, answer="Có lẽ.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/expert/withdraw/", {"erase": "on"})
    former = Expert.objects.get()
    assert former.name == services.FORMER_EXPERT and former.account is None
    assert not former.live and former.contact_email == "" and former.description == ""
    assert "minh" not in former.ref.lower() and former.ref != expert.ref
    assert not former.revisions.exists()
    assert [a.answer for a in ExpertAnswer.objects.all()] == ["Đúng."]


def test_my_data_includes_the_expert_profile_and_deletion_erases_it(
    client, expert_user, university, technology
):
    expert = create(client)
    data = json.loads(client.get("/en/account/my-data/").content)
    assert data["expert_profile"]["ref"] == expert.ref
    assert data["expert_profile"]["consent_on"] == timezone.localdate().isoformat()
    assert data["expert_profile"]["latest_draft"]["name"] == "Nguyễn Thị Minh Anh"
    response = client.post("/en/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not Expert.objects.exists() and not Revision.objects.exists()


def test_a_person_claims_an_agency_profile_then_consents_and_edits_it(
    client, expert_user, curator, university, technology
):
    prepared = Expert.objects.create(ref="ts-tran-van-b", name="TS. Trần Văn B", live=False)
    response = client.post(
        "/en/account/expert/claim/ts-tran-van-b/", {"message": "Phòng R&D, ĐH Lạc Hồng."}
    )
    assert response.status_code == 302
    claim = ExpertClaim.objects.get()
    assert claim.status == ExpertClaim.Status.PENDING
    assert client.get("/en/account/expert/profile/").status_code == 200  # not theirs yet
    assert services.own_profile(expert_user) is None

    admin = Client()
    admin.force_login(curator)
    response = admin.post(
        reverse("wagtailsnippets_cms_expertclaim:edit", args=[claim.pk]),
        {"status": "approved", "curator_note": "Đã gọi điện."},
    )
    assert response.status_code == 302
    prepared.refresh_from_db()
    assert prepared.account == expert_user
    assert ModelLogEntry.objects.for_instance(claim).filter(action=services.CLAIM_APPROVED)
    assert services.claimable("ts-tran-van-b") is None
    create(client)  # the claimed profile, now with consent, as a draft for review
    prepared.refresh_from_db()
    assert prepared.consent_on == timezone.localdate() and not prepared.live
    assert Client().get("/en/account/expert/claim/ts-tran-van-b/").status_code == 302  # sign in


def test_a_claim_is_refused_for_a_held_profile(client, expert_user):
    other = get_user_model().objects.create_user("other@example.invalid", "other@example.invalid")
    Expert.objects.create(ref="held", name="Held", account=other, live=False)
    assert client.get("/en/account/expert/claim/held/").status_code == 404


def admin_form(expert, **changes):
    data = {"ref": expert.ref, "name": expert.name, "name_en": "", "description": "",
            "description_en": "", "languages": "", "expert_title": "", "consent_on": "",
            "action-publish": "action-publish"}  # fmt: skip
    data.update(changes)
    return data


def test_a_curator_publishing_without_consent_gets_a_field_error(curator):
    expert = Expert.objects.create(ref="prepared", name="PGS. Lê Văn C", live=False)
    admin = Client()
    admin.force_login(curator)
    url = reverse("wagtailsnippets_registry_expert:edit", args=[expert.pk])
    response = admin.post(url, admin_form(expert))
    assert response.status_code == 200  # the form again, not a 500
    # The admin speaks Vietnamese to this curator (the default language).
    assert "Chỉ công bố chuyên gia khi có ngày người đó đồng ý" in response.content.decode()
    expert.refresh_from_db()
    assert not expert.live
    response = admin.post(url, admin_form(expert, consent_on="2026-11-20"))
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.live and str(expert.consent_on) == "2026-11-20"


def found_by_search(client, ref) -> bool:
    refresh_search_index()
    found = client.get("/api/v1/search/", {"q": "Minh Anh"}).json()
    return ref in [result["ref"] for result in found["results"]]


def test_a_search_right_after_the_withdrawal_no_longer_finds_the_expert(
    client, expert_user, curator, university, technology, django_capture_on_commit_callbacks
):
    """On both backends (the database's search here, Elasticsearch in the services' run)."""
    expert = published_expert(client, curator, django_capture_on_commit_callbacks)
    assert found_by_search(client, expert.ref)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/expert/withdraw/")
    assert not found_by_search(client, expert.ref)


def test_a_review_of_an_expert_without_consent_offers_no_approval(curator):
    """A curator sent the agency's draft to review without the person's consent: approving it
    is not offered, and a forged approval publishes nothing and is not a server error."""
    expert = Expert.objects.create(ref="prepared", name="PGS. Lê Văn C", live=False)
    expert.save_revision(user=curator)
    Expert.get_default_workflow().start(expert, curator)
    task = expert.current_workflow_task
    assert "approve" not in [name for name, _label, _modal in task.get_actions(expert, curator)]
    response = approve_expert(curator, expert)
    assert response.status_code < 500
    expert.refresh_from_db()
    assert not expert.live


def test_the_public_page_of_a_prepared_expert_offers_this_is_me(client):
    Expert.objects.create(
        ref="pgs-le-c", name="PGS. Lê Văn C", live=True, consent_on=timezone.localdate()
    )
    page = client.get("/en/registry/expert/pgs-le-c/").content.decode()
    assert 'href="/en/account/expert/claim/pgs-le-c/"' in page
