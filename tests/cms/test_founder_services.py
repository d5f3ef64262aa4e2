"""The founders' rules, called as the views and the admin call them (cms/founders/services.py):
who may change which profile, what a submission needs, what a curator's decision on a claim
grants."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from cms.founders import services
from cms.models import Claim, Ownership
from cms.moderation import CURATORS
from registry.models import Enterprise

pytestmark = pytest.mark.django_db


def user(email, **extra):
    return get_user_model().objects.create_user(email, email, "a-long-password-42", **extra)


@pytest.fixture
def founder():
    return user("founder@example.invalid")


@pytest.fixture
def curator():
    curator = user("curator@example.invalid", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATORS))
    return curator


@pytest.fixture
def agency_startup():
    """An enterprise the agency registered and published, which nobody manages yet."""
    return Enterprise.objects.create(
        ref="agency-startup", name="Công ty Khởi nghiệp Mẫu", ownership="domestic", live=True
    )


def draft_of(founder, **fields) -> Enterprise:
    draft = services.new_profile()
    for name, value in {"name": "Cảm biến Sông Mây", "startup_stage": "seed", **fields}.items():
        setattr(draft, name, value)
    return services.save_draft(founder, draft, technologies=[])


def workflows(enterprise):
    return WorkflowState.objects.for_instance(enterprise)


def test_approving_a_claim_grants_the_profile_exactly_once(founder, curator, agency_startup):
    claim = services.request_claim(founder, agency_startup, "I am the CEO.")
    assert services.request_claim(founder, agency_startup, "Again.") == claim  # one claim
    with pytest.raises(services.NotOwner):
        services.owned_profile(founder, "agency-startup")

    services.decide_claim(claim, curator, Claim.Status.APPROVED, "Checked by phone.")
    services.decide_claim(claim, curator, Claim.Status.APPROVED, "Checked by phone.")

    assert services.owned_profile(founder, "agency-startup") == agency_startup
    assert Ownership.objects.filter(enterprise=agency_startup).count() == 1
    approvals = ModelLogEntry.objects.for_instance(claim).filter(action=services.CLAIM_APPROVED)
    assert [entry.user for entry in approvals] == [curator]  # the history says who, once
    assert services.claimable("agency-startup") is None  # managed now: no more claims


def test_saving_an_approved_claim_grants_nothing_by_itself(founder, agency_startup):
    """The grant is the service's: a model save has no side effects on other records."""
    Claim.objects.create(
        user=founder, enterprise=agency_startup, message="-", status=Claim.Status.APPROVED
    )
    assert not Ownership.objects.exists()


def test_only_a_curator_decides_a_claim(founder, agency_startup):
    claim = services.request_claim(founder, agency_startup, "I am the CEO.")
    with pytest.raises(PermissionDenied):
        services.decide_claim(claim, founder, Claim.Status.APPROVED)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING and not Ownership.objects.exists()


def test_a_rejected_claim_grants_nothing_and_keeps_the_note(founder, curator, agency_startup):
    claim = services.request_claim(founder, agency_startup, "I am the CEO.")
    services.decide_claim(claim, curator, Claim.Status.REJECTED, "We could not reach you.")
    assert not Ownership.objects.exists()
    assert [c.curator_note for c in services.pending_claims(founder)] == ["We could not reach you."]


def test_a_non_owner_can_neither_submit_nor_change_a_profile(founder):
    enterprise = draft_of(founder)
    stranger = user("stranger@example.invalid")
    with pytest.raises(services.NotOwner):
        services.submit_for_review(stranger, enterprise)
    latest = enterprise.get_latest_revision_as_object()
    latest.name = "Taken over"
    with pytest.raises(services.NotOwner):
        services.save_draft(stranger, latest, technologies=[])
    assert not workflows(enterprise).exists()
    assert enterprise.get_latest_revision_as_object().name == "Cảm biến Sông Mây"


@pytest.mark.parametrize(
    ("change", "field"), [({"name": ""}, "name"), ({"startup_stage": ""}, "startup_stage")]
)
def test_submitting_an_incomplete_draft_changes_nothing(founder, change, field):
    enterprise = draft_of(founder)
    latest = enterprise.get_latest_revision_as_object()
    for name, value in change.items():
        setattr(latest, name, value)
    latest.save_revision(user=founder, clean=False)  # as an admin draft may be
    revision = Enterprise.objects.get(pk=enterprise.pk).latest_revision_id
    mail.outbox.clear()

    with pytest.raises(ValidationError) as refused:
        services.submit_for_review(founder, enterprise)

    assert field in refused.value.message_dict
    assert not workflows(enterprise).exists() and not mail.outbox
    enterprise.refresh_from_db()
    assert enterprise.latest_revision_id == revision and enterprise.has_unpublished_changes
    assert str(services.profile_status(enterprise).label) == "Draft: not yet submitted"


def test_a_complete_draft_is_submitted_once(founder, curator):
    enterprise = draft_of(founder)
    services.submit_for_review(founder, enterprise)
    assert services.profile_status(enterprise).in_review
    with pytest.raises(services.Refused):
        services.submit_for_review(founder, enterprise)
    assert workflows(enterprise).count() == 1
    latest = enterprise.get_latest_revision_as_object()
    with pytest.raises(services.Refused):  # no edits while a curator reviews it
        services.save_draft(founder, latest, technologies=[])


def test_the_founder_sees_why_an_incomplete_draft_was_not_submitted(client, founder):
    enterprise = draft_of(founder)
    latest = enterprise.get_latest_revision_as_object()
    latest.startup_stage = ""
    latest.save_revision(user=founder, clean=False)
    client.force_login(founder)
    page = client.post(
        f"/en/account/startup/{enterprise.ref}/submit/", follow=True
    ).content.decode()
    assert "This draft cannot be submitted yet (Startup stage: Choose the startup" in page
    assert "Draft: not yet submitted" in page and not workflows(enterprise).exists()


def test_a_curator_approves_a_claim_in_the_admin_and_its_history_says_so(
    client, founder, curator, agency_startup
):
    claim = services.request_claim(founder, agency_startup, "I am the CEO.")
    client.force_login(curator)
    response = client.post(
        reverse("wagtailsnippets_cms_claim:edit", args=[claim.pk]),
        {"status": "approved", "curator_note": "Checked by phone."},
    )
    assert response.status_code == 302
    assert Ownership.objects.filter(user=founder, enterprise=agency_startup).count() == 1
    history = client.get(reverse("wagtailsnippets_cms_claim:history", args=[claim.pk]))
    assert history.status_code == 200  # the curators' admin is in Vietnamese
    assert "Đã duyệt yêu cầu: nhà sáng lập từ nay chỉnh sửa hồ sơ" in history.content.decode()
