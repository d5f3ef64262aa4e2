"""An expert's withdrawn consent holds on every path a review found open: old and scheduled
revisions, the e-mailed answer link, the published Q&A pages; erasure leaves no name in the
audit log; the "ask" form refuses what its column cannot hold; a profile the platform cannot
reach offers no "Ask this expert"."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from cms.ask import routing
from cms.ask import services as ask_services
from cms.experts import services
from cms.models import ExpertClaim
from registry.models import Expert
from registry.models.questions import ExpertQuestion, QuestionRoute

from .test_ask import ASKER_EMAIL, ASKER_NAME, QUESTION, curator, make_expert  # noqa: F401

pytestmark = pytest.mark.django_db


def withdraw(expert):
    user = get_user_model().objects.create_user("e@example.invalid", "e@example.invalid", "pw")
    Expert.objects.filter(pk=expert.pk).update(account=user)
    services.withdraw_consent(user)
    expert.refresh_from_db()
    assert not expert.live and expert.consent_on is None
    return user


def routed(expert):
    question = ask_services.ask({
        "name": ASKER_NAME, "email": ASKER_EMAIL, "question": QUESTION, "language": "vi",
        "topic": "semiconductor.chip_design",
    })  # fmt: skip
    return question, QuestionRoute.objects.get(question=question, expert=expert)


def test_no_old_or_scheduled_revision_publishes_an_expert_who_withdrew(curator):  # noqa: F811
    expert = make_expert("expert-x", "ai")
    old = expert.save_revision(user=curator)
    old.publish(user=curator)
    scheduled = expert.save_revision(
        user=curator, approved_go_live_at=timezone.now() + dt.timedelta(hours=1)
    )
    withdraw(expert)
    assert not Revision.objects.for_instance(expert).filter(approved_go_live_at__isnull=False)
    assert all(r.content["consent_on"] is None for r in Revision.objects.for_instance(expert))
    # Publishing the old revision anyway (outside the admin's form, which gives a field error)
    # is refused by the database: never published without consent.
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.get(pk=old.pk).publish(user=curator)
    expert.refresh_from_db()
    assert not expert.live and scheduled.pk


def test_the_emailed_link_dies_with_the_consent_and_the_name_leaves_the_answers(
    client,
    curator,  # noqa: F811
):
    expert = make_expert("expert-chip", "semiconductor.chip_design")
    answered, first = routed(expert)
    ask_services.approve(
        ask_services.answer(first, "Một câu trả lời đã duyệt về vi mạch."), curator
    )
    _waiting, route = routed(expert)
    link = reverse("ask-answer", kwargs={"token": routing.answer_token(route)})
    withdraw(expert)
    assert client.get(link).status_code == 404
    assert client.post(link, {"answer": "Trả lời sau khi rút lại."}).status_code == 404
    page = Client().get(reverse("question-page", kwargs={"ref": answered.ref}))
    assert page.status_code == 200
    assert expert.name not in page.text and "/registry/expert/" not in page.text


def test_an_address_longer_than_the_column_is_a_field_error(client):
    email = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".com"
    response = client.post(reverse("ask-question"), {
        "name": "An", "email": email, "question": QUESTION, "topic": "", "language": "vi",
        "expert": "", "website": "",
    })  # fmt: skip
    assert response.status_code == 400 and "email" in response.context["form"].errors
    assert not ExpertQuestion.objects.exists()


def test_erasure_leaves_no_name_in_the_claims_log(curator):  # noqa: F811
    user = get_user_model().objects.create_user("minh@example.invalid", "minh@example.invalid")
    expert = Expert.objects.create(ref="ts-minh", name="TS. Phạm Văn Minh", live=False)
    claim = services.request_claim(user, expert, "Tôi là Minh")
    services.decide_claim(claim, curator, ExpertClaim.Status.APPROVED, "Đã xác minh")
    services.withdraw_consent(user, erase=True)
    assert not Expert.objects.filter(pk=expert.pk).exists()
    assert not ModelLogEntry.objects.filter(label__icontains="Minh").exists()


def test_a_profile_without_an_address_offers_no_question(client):
    expert = make_expert("expert-noaddr", "semiconductor.chip_design")
    Expert.objects.filter(pk=expert.pk).update(contact_email="")
    page = client.get(reverse("registry-record", kwargs={"kind": "expert", "ref": expert.ref}))
    assert page.status_code == 200 and "?expert=expert-noaddr" not in page.text
    ask_page = client.get(reverse("ask-question") + "?expert=expert-noaddr")
    assert "TS. expert-noaddr" not in ask_page.text
