"""The challenge's page and expressing interest: who may respond, the proposal's limit, hostile
input, one response per organisation, the e-mails."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from cms.challenges.models import RDMembership
from cms.models import Ownership
from cms.moderation import CURATORS
from registry.models import Challenge, ChallengeResponse, Enterprise, RDOrganisation, Technology
from tests.cms.test_challenge_matching import UNIVERSITY
from tests.conftest import ENTERPRISE

pytestmark = pytest.mark.django_db
PAGE = "/en/registry/challenge/ch-test/"
RESPOND = PAGE + "respond/"


@pytest.fixture
def world(publish):
    publish({**ENTERPRISE, "zone": None}, UNIVERSITY)
    users = get_user_model().objects
    officer = users.create_user("officer", "officer@example.invalid", "pw", is_staff=True)
    challenge = Challenge.objects.create(
        ref="ch-test", name="Thiết kế chip cảm biến", name_en="Sensor chip design",
        challenge_kind="commissioned_task", posted_on=datetime.date(2026, 11, 1),
        deadline=datetime.date(2026, 12, 31), budget_vnd=2_500_000_000,
        wanted=["university", "rd_organisation"], live=True, officer=officer,
    )  # fmt: skip
    challenge.technologies.set(Technology.objects.filter(code="semiconductor"))
    challenge.save()
    member = users.create_user("m@example.invalid", "m@example.invalid", "pw")
    RDMembership.objects.create(
        user=member, rd_organisation=RDOrganisation.objects.get(ref="test-uni")
    )
    founder = users.create_user("f@example.invalid", "f@example.invalid", "pw")
    Ownership.objects.create(user=founder, enterprise=Enterprise.objects.get(ref="test-chip"))
    return {"challenge": challenge, "member": member, "founder": founder, "officer": officer}


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def respond(client, proposal="Chúng tôi đề xuất thiết kế chip.", **extra):
    return client.post(
        RESPOND, {"responder": "rd_organisation:test-uni", "proposal": proposal, **extra}
    )


def test_the_page_shows_what_is_asked_the_matched_partners_and_a_sign_in_link(world):
    page = Client().get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sensor chip design" in html
    assert "Matched partners" in html
    assert "Đại học Công nghệ" in html and "1 of 1 technologies" in html
    assert "The provincial agency, on behalf of the province" in html
    assert "Sign in to respond" in html and "next=/en/registry/challenge/ch-test/%23respond" in html
    assert "2,500,000,000" in html  # the budget, formatted for English


def test_a_member_responds_and_gets_a_receipt_and_the_officer_a_notice(
    world, django_capture_on_commit_callbacks
):
    client = client_of(world["member"])
    assert "Send my response" in client.get(PAGE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails leave after commit
        answer = respond(client)
    assert answer.status_code == 302 and answer["Location"].endswith("#respond")
    response = ChallengeResponse.objects.get()
    assert response.responder.ref == "test-uni" and response.user == world["member"]
    assert response.language == "en"
    receipt, notice = mail.outbox
    assert receipt.to == ["m@example.invalid"] and "Sensor chip design" in receipt.body
    assert notice.to == ["officer@example.invalid"] and "/admin/challenges/" in notice.body
    assert "Thank you. Your response has been sent." in client.get(PAGE).content.decode()


def test_without_an_officer_the_curators_are_told(world, django_capture_on_commit_callbacks):
    Challenge.objects.filter(pk=world["challenge"].pk).update(officer=None)
    curator = get_user_model().objects.create_user(
        "cur", "cur@example.invalid", "pw", is_staff=True
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    with django_capture_on_commit_callbacks(execute=True):
        respond(client_of(world["member"]))
    assert mail.outbox[1].to == ["cur@example.invalid"]


def test_a_second_response_replaces_the_first_while_open(world):
    client = client_of(world["member"])
    respond(client, "Lần đầu")
    respond(client, "Lần hai")
    assert list(ChallengeResponse.objects.values_list("proposal", flat=True)) == ["Lần hai"]


def test_5001_characters_get_a_clear_error_and_nothing_is_stored(world):
    answer = respond(client_of(world["member"]), "a" * 5001)
    assert answer.status_code == 400
    assert (
        "Please shorten your proposal to 5,000 characters; it has 5,001." in answer.content.decode()
    )
    assert not ChallengeResponse.objects.exists() and not mail.outbox


def test_characters_are_counted_as_the_user_sees_them(world):
    # 2,500 Vietnamese letters typed as base + combining mark, and line breaks sent as CR LF.
    decomposed = "e\u0302" * 2500
    assert respond(client_of(world["member"]), decomposed).status_code == 302
    lines = "\r\n".join(["a"] * 2500)  # 4,999 characters on screen
    assert respond(client_of(world["member"]), lines).status_code == 302


def test_html_is_stored_as_text_and_never_rendered(world):
    respond(client_of(world["member"]), "<script>alert(1)</script>")
    assert ChallengeResponse.objects.get().proposal == "<script>alert(1)</script>"
    html = client_of(world["member"]).get(PAGE).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the previous proposal, escaped


def test_another_organisations_id_is_refused(world):
    answer = respond(client_of(world["member"]), responder="enterprise:test-chip")
    assert answer.status_code == 400
    assert not ChallengeResponse.objects.exists()


def test_a_kind_not_wanted_cannot_respond(world):
    client = client_of(world["founder"])  # an enterprise; the challenge wants R&D only
    assert "Sign in to respond" not in client.get(PAGE).content.decode()
    answer = client.post(RESPOND, {"responder": "enterprise:test-chip", "proposal": "Xin chào"})
    assert answer.status_code == 403 and not ChallengeResponse.objects.exists()


def test_a_closed_challenge_takes_no_response(world):
    Challenge.objects.filter(pk=world["challenge"].pk).update(status="in_progress")
    client = client_of(world["member"])
    assert "This challenge no longer takes responses." in client.get(PAGE).content.decode()
    assert respond(client).status_code == 409
    assert not ChallengeResponse.objects.exists()


def test_anonymous_posts_are_sent_to_sign_in(world):
    answer = respond(Client())
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert not ChallengeResponse.objects.exists()


def test_without_csrf_token_nothing_is_stored(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["member"])
    assert respond(client).status_code == 403
    assert not ChallengeResponse.objects.exists()


def test_responses_are_rate_limited_per_account(world, settings):
    settings.CHALLENGE_RESPONSE_RATE_LIMIT = 2
    client = client_of(world["member"])
    assert [respond(client).status_code for _ in range(3)] == [302, 302, 429]
    assert "Too many responses from your account" in respond(client).content.decode()
