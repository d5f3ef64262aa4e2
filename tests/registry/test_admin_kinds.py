"""Challenges and experts in the curators' admin (issue #16): the publish button's consent rule,
one poster / affiliation at most, winners only once decided, list columns and filters."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from registry.models import Challenge, Expert
from tests.conftest import CHALLENGE, ENTERPRISE, EXPERT, INCUBATOR, RD, ZONE, lines, run_import

pytestmark = pytest.mark.django_db
PUBLISH = {"action-publish": "action-publish"}


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_superuser("curator", "c@example.invalid", "pw")
    client.force_login(user)
    return user


def url(model, action, *args):
    return reverse(f"wagtailsnippets_registry_{model._meta.model_name}:{action}", args=args)


def expert_form(**overrides):
    data = {
        "ref": "new-expert",
        "name": "Lê Thị Hoa",
        "name_en": "",
        "description": "",
        "description_en": "",
        "expert_title": "doctor",
        "consent_on": "",
        "languages": "vi\nen",
        "lat": "",
        "lon": "",
        "website": "",
    }
    return data | overrides


def challenge_form(**overrides):
    data = {
        "ref": "new-challenge",
        "name": "Nhu cầu mới",
        "name_en": "",
        "description": "",
        "description_en": "",
        "challenge_kind": "enterprise_need",
        "status": "open",
        "posted_on": "2026-03-01",
        "deadline": "",
        "lat": "",
        "lon": "",
        "website": "",
    }
    return data | overrides


def test_publishing_an_expert_without_consent_is_a_field_error_in_the_curators_language(
    client, curator
):
    response = client.post(url(Expert, "add"), expert_form(**PUBLISH))
    assert response.status_code == 200
    error = response.context["form"].errors["consent_on"][0]
    # The curators' admin speaks Vietnamese unless the curator chose English.
    assert error.startswith(
        "Chỉ công bố chuyên gia khi có ngày người đó đồng ý công khai hồ sơ."
    ), error
    assert not Expert.objects.exists()


def test_a_draft_without_consent_is_saved_and_publishing_it_later_is_refused(client, curator):
    response = client.post(url(Expert, "add"), expert_form())
    assert response.status_code == 302, response.context["form"].errors
    expert = Expert.objects.get()
    assert not expert.live and expert.consent_on is None
    response = client.post(url(Expert, "edit", expert.pk), expert_form(**PUBLISH))
    assert response.status_code == 200 and "consent_on" in response.context["form"].errors
    assert not Expert.objects.get().live
    response = client.post(
        url(Expert, "edit", expert.pk), expert_form(consent_on="2026-03-02", **PUBLISH)
    )
    assert response.status_code == 302
    assert Expert.objects.get().live


def test_one_affiliation_and_one_poster_at_most(client, curator):
    run_import(lines(ZONE, ENTERPRISE, RD, INCUBATOR))
    from registry.models import Enterprise, RDOrganisation

    ent, lab = Enterprise.objects.get(), RDOrganisation.objects.get()
    both = {"affiliation_enterprise": ent.pk, "affiliation_rd_organisation": lab.pk}
    response = client.post(url(Expert, "add"), expert_form(**both))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    both = {"poster_enterprise": ent.pk, "poster_rd_organisation": lab.pk}
    response = client.post(url(Challenge, "add"), challenge_form(**both))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Expert.objects.exists() and not Challenge.objects.exists()


def test_winners_only_once_the_challenge_is_awarded_or_closed(client, curator):
    run_import(lines(ZONE, ENTERPRISE, RD, INCUBATOR))
    from registry.models import RDOrganisation

    lab = RDOrganisation.objects.get()
    response = client.post(url(Challenge, "add"), challenge_form(awarded_rd_organisations=[lab.pk]))
    assert response.status_code == 200
    assert "awarded_rd_organisations" in response.context["form"].errors
    assert not Challenge.objects.exists()
    # The status is not in the form (only the officer's steps move it): once awarded there,
    # the winners may be named here.
    assert client.post(url(Challenge, "add"), challenge_form(**PUBLISH)).status_code == 302
    challenge = Challenge.objects.get()
    Challenge.objects.filter(pk=challenge.pk).update(status="awarded")
    response = client.post(
        url(Challenge, "edit", challenge.pk),
        challenge_form(awarded_rd_organisations=[lab.pk], **PUBLISH),
    )
    assert response.status_code == 302
    assert [r.ref for r in Challenge.objects.get().awarded_to] == ["test-lab"]


def test_lists_show_deadline_budget_and_consent_and_filter_by_status_and_questions(client, curator):
    run_import(
        lines(
            ZONE,
            ENTERPRISE,
            RD,
            INCUBATOR,
            CHALLENGE,
            CHALLENGE | {"ref": "other-need", "name": "Nhu cầu khác", "status": "closed"},
            EXPERT,
            EXPERT | {"ref": "quiet", "name": "Ngô Văn Lặng", "accepts_questions": False},
        )
    )
    with translation.override("en"):
        html = client.get(url(Challenge, "list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1.500.000.000" in html or "1,500,000,000" in html
    html = client.get(url(Challenge, "list"), {"status": "closed"}).content.decode()
    assert "Nhu cầu khác" in html and "Làm mát trung tâm dữ liệu" not in html
    html = client.get(url(Expert, "list"), {"accepts_questions": "true"}).content.decode()
    assert "Trần Thị Minh" in html and "Ngô Văn Lặng" not in html
    html = client.get(url(Expert, "list"), {"q": "quiet"}).content.decode()
    assert "Ngô Văn Lặng" in html and "Trần Thị Minh" not in html


def test_a_file_cannot_change_a_persons_own_profile_nor_a_followed_challenges_status(db):
    """Found by review: re-importing the agency's file published an expert again after they
    withdrew their consent, and moved a decided challenge back to open."""
    from registry.models import ChallengeResponse, RDOrganisation

    assert run_import(lines(ZONE, ENTERPRISE, RD, INCUBATOR, CHALLENGE, EXPERT)).ok
    person = get_user_model().objects.create_user("minh", "minh@example.invalid")
    Expert.objects.filter(ref=EXPERT["ref"]).update(
        account=person, live=False, consent_on=None, accepts_questions=False
    )
    lab = RDOrganisation.objects.get(ref=RD["ref"])
    ChallengeResponse.objects.create(
        challenge=Challenge.objects.get(ref=CHALLENGE["ref"]),
        responder_rd_organisation=lab,
        proposal="Đề xuất",
    )
    reopened = {key: value for key, value in CHALLENGE.items() if key != "awarded_to"}
    result = run_import(lines(EXPERT, reopened | {"status": "open"}))
    assert not result.ok
    problems = {(p.line, p.field) for p in result.problems}
    assert problems == {(1, "ref"), (2, "status")}
    expert = Expert.objects.get(ref=EXPERT["ref"])
    assert not expert.live and expert.consent_on is None and not expert.accepts_questions
    assert Challenge.objects.get(ref=CHALLENGE["ref"]).status == CHALLENGE["status"]


def test_a_consent_dated_in_the_future_is_refused(db):
    """Review of #16: an expert line consenting "on 2099-01-01" was published."""
    result = run_import(lines(ZONE, RD, EXPERT | {"consent_on": "2099-01-01"}))
    assert not result.ok
    assert [(p.line, p.field) for p in result.problems] == [(3, "consent_on")]
    assert not Expert.objects.exists()
