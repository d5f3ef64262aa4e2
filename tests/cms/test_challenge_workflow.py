"""The officer's workflow: allowed moves only, awarding fills `awarded_to` and the responses'
outcomes, every respondent is e-mailed in their language, each move leaves a revision and a log
entry; who may do what."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from cms.pipeline.sectors import OFFICERS
from registry.models import ChallengeResponse, Enterprise, RDOrganisation
from tests.cms.test_challenge_responses import PAGE, world  # noqa: F401, F811 (the fixture)

pytestmark = pytest.mark.django_db
ADMIN = "/admin/challenges/{}/"


@pytest.fixture
def responded(world):  # noqa: F811
    challenge = world["challenge"]
    uni = ChallengeResponse.objects.create(
        challenge=challenge, responder_rd_organisation=RDOrganisation.objects.get(ref="test-uni"),
        user=world["member"], proposal="Đề xuất", language="vi",
    )  # fmt: skip
    firm = ChallengeResponse.objects.create(
        challenge=challenge, responder_enterprise=Enterprise.objects.get(ref="test-chip"),
        user=world["founder"], proposal="Proposal", language="en",
    )  # fmt: skip
    world["officer"].groups.add(Group.objects.get(name=OFFICERS))
    return {**world, "uni": uni, "firm": firm}


def officer_client(users):
    client = Client()
    client.force_login(users["officer"])
    return client


def post(client, challenge, to, *awarded):
    return client.post(ADMIN.format(challenge.pk), {"to": to, "awarded": [r.pk for r in awarded]})


def test_the_officer_sees_the_responses(responded):
    page = officer_client(responded).get(ADMIN.format(responded["challenge"].pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đề xuất" in html and "m@example.invalid" in html


def test_award_fills_awarded_to_and_tells_every_respondent_in_their_language(
    responded, django_capture_on_commit_callbacks
):
    client, challenge = officer_client(responded), responded["challenge"]
    assert post(client, challenge, "in_progress").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, challenge, "awarded", responded["uni"]).status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "awarded"
    assert [r.ref for r in challenge.awarded_to] == ["test-uni"]
    statuses = dict(ChallengeResponse.objects.values_list("pk", "status"))
    assert statuses == {responded["uni"].pk: "awarded", responded["firm"].pk: "not_selected"}
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Xin chúc mừng" in by_address["m@example.invalid"].body  # Vietnamese, as written
    assert "/vi/registry/challenge/ch-test/" in by_address["m@example.invalid"].body
    assert "was not selected" in by_address["f@example.invalid"].body
    # The public page names the awarded organisation, linked.
    html = Client().get(PAGE).content.decode()
    assert "Awarded to" in html and 'href="/en/registry/rd_organisation/test-uni/"' in html
    # Each move: a revision and a log entry.
    assert challenge.revisions.count() == 2
    moves = ModelLogEntry.objects.filter(
        action="dnhub.challenge.moved", object_id=str(challenge.pk)
    )
    assert [e.data["to"] for e in moves.order_by("timestamp")] == ["in_progress", "awarded"]


@pytest.mark.parametrize(
    "path, to",
    [((), "awarded"), ((), "open"), (("in_progress",), "open"), (("closed",), "in_progress")],
)
def test_moves_that_skip_or_go_back_are_refused(responded, path, to):
    client, challenge = officer_client(responded), responded["challenge"]
    for step in path:
        assert post(client, challenge, step).status_code == 302
    answer = post(client, challenge, to, responded["uni"])
    assert answer.status_code == 409
    challenge.refresh_from_db()
    assert challenge.status == (path[-1] if path else "open")


def test_awarding_needs_a_response_of_this_challenge(responded):
    client, challenge = officer_client(responded), responded["challenge"]
    post(client, challenge, "in_progress")
    answer = client.post(ADMIN.format(challenge.pk), {"to": "awarded", "awarded": ["99999", "x"]})
    assert answer.status_code == 409
    assert 'role="alert"' in answer.content.decode()  # the refusal, in the admin's language


def test_closing_without_award_tells_the_undecided(responded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(officer_client(responded), responded["challenge"], "closed")
    assert set(ChallengeResponse.objects.values_list("status", flat=True)) == {"not_selected"}
    assert len(mail.outbox) == 2


def test_an_officer_cannot_move_another_officers_challenge(responded):
    other = get_user_model().objects.create_user("o2", "o2@example.invalid", "pw", is_staff=True)
    other.groups.add(Group.objects.get(name=OFFICERS))
    client = Client()
    client.force_login(other)
    challenge = responded["challenge"]
    assert client.get(ADMIN.format(challenge.pk)).status_code in (302, 403)
    assert post(client, challenge, "in_progress").status_code in (302, 403)
    challenge.refresh_from_db()
    assert challenge.status == "open"


def test_a_move_keeps_a_curators_pending_draft_and_a_restored_revision_keeps_the_status(
    responded,
):
    """Found by review: a move threw away a curator's unpublished edit, and restoring an old
    revision in the admin put the challenge back to "open"."""
    from registry.models import Challenge

    challenge, officer = responded["challenge"], responded["officer"]
    first = challenge.save_revision(user=officer)
    first.publish(user=officer, skip_permission_checks=True)
    draft = Challenge.objects.get(pk=challenge.pk)
    draft.budget_vnd = 9_000_000_000
    draft.save_revision(user=officer)  # a draft, not published
    assert post(officer_client(responded), challenge, "in_progress").status_code == 302
    challenge = Challenge.objects.get(pk=challenge.pk)
    assert challenge.status == "in_progress" and challenge.budget_vnd != 9_000_000_000
    latest = challenge.get_latest_revision_as_object()
    assert latest.budget_vnd == 9_000_000_000 and latest.status == "in_progress"
    # The admin's form over a restored revision (saved while "open"): the status stays.
    from registry.admin_forms import ChallengeAdminForm

    class Form(ChallengeAdminForm):
        class Meta:
            model = Challenge
            fields = ["name"]

    form = Form(data={"name": "Tên cũ"}, instance=first.as_object())
    assert form.is_valid(), form.errors
    assert form.instance.status == "in_progress"
