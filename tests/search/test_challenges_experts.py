"""Challenges and experts (interchange v1.1) are found like the other kinds, on both backends:
by text, technology (a parent finds children), their own facets; only while published, and
never by what is private to them."""

import json

import pytest

from registry.models import RDOrganisation
from tests.search import linkage as linked
from tests.search.conftest import find, refs
from tests.search.linkage import PRIVATE_EMAILS

pytestmark = pytest.mark.django_db
linkage = linked.linkage  # the fixture, found by pytest under this name


def refresh(backend):
    if backend.name == "elasticsearch":
        backend.refresh()


def test_both_kinds_are_found_by_kind_and_text(backend, linkage):
    assert refs(find(backend, kind=["expert"])) == ["test-expert"]
    assert refs(find(backend, kind=["challenge"])) == ["test-need"]
    assert refs(find(backend, q="nguyen thi hoa")) == ["test-expert"]
    assert refs(find(backend, q="kiểm thử vi mạch")) == ["test-need"]
    assert refs(find(backend, q="automated chip testing")) == ["test-need"]


def test_an_expert_is_found_by_the_name_of_where_they_work(backend, linkage):
    assert refs(find(backend, q="Đại học Lạc Hồng", kind=["expert"])) == ["test-expert"]


def test_renaming_the_organisation_re_indexes_its_experts(
    backend, linkage, django_capture_on_commit_callbacks
):
    lab = RDOrganisation.objects.get(ref="test-lab")
    lab.name = "Trường Đại học Đồng Nai"
    with django_capture_on_commit_callbacks(execute=True):
        lab.save_revision().publish()
    refresh(backend)
    assert refs(find(backend, q="dai hoc dong nai", kind=["expert"])) == ["test-expert"]
    assert find(backend, q="lac hong", kind=["expert"]).count == 0


def test_a_parent_technology_finds_experts_and_challenges_tagged_with_a_child(backend, linkage):
    found = refs(find(backend, technology=["semiconductor"], kind=["expert", "challenge"]))
    assert sorted(found) == ["test-expert", "test-need"]
    assert refs(find(backend, technology=["semiconductor.chip_design"], kind=["challenge"])) == []


def test_own_facets_filter_and_count(backend, linkage):
    results = find(backend)
    assert results.facets["challenge_status"] == {"open": 1}
    assert results.facets["challenge_kind"] == {"enterprise_need": 1}
    assert results.facets["expert_title"] == {"associate_professor": 1}
    assert results.facets["accepts_questions"] == {"true": 1}
    assert "open" not in results.facets["status"]  # a plot's status is another facet
    assert refs(find(backend, challenge_status=["open"])) == ["test-need"]
    assert refs(find(backend, challenge_status=["closed"])) == []
    assert refs(find(backend, expert_title=["associate_professor"])) == ["test-expert"]
    assert refs(find(backend, accepts_questions=["true"])) == ["test-expert"]


def test_private_fields_never_reach_the_index(backend, linkage):
    # The expert's and the officer's e-mails, and their user names, find nothing.
    for private in ("hoa.private", "example.org", "officer"):
        assert find(backend, q=private).count == 0, private


def test_unpublished_and_deleted_ones_disappear(
    backend, linkage, django_capture_on_commit_callbacks
):
    expert, challenge = linkage
    with django_capture_on_commit_callbacks(execute=True):
        expert.unpublish()
        challenge.delete()
    refresh(backend)
    assert find(backend, kind=["expert", "challenge"]).count == 0


def test_suggest_completes_an_experts_name(backend, linkage):
    refresh(backend)
    assert [h.ref for h in backend.suggest("nguyen thi h")] == ["test-expert"]


def test_api_results_carry_the_kinds_own_public_fields_and_nothing_private(client, linkage):
    body = client.get("/api/v1/search/", {"kind": ["expert", "challenge"], "lang": "en"}).json()
    results = {result["ref"]: result for result in body["results"]}
    expert, challenge = results["test-expert"], results["test-need"]
    assert (expert["expert_title"], expert["accepts_questions"]) == ("associate_professor", True)
    assert expert["url"].endswith("/en/registry/expert/test-expert/")
    assert (challenge["challenge_status"], challenge["challenge_kind"]) == (
        "open",
        "enterprise_need",
    )
    assert challenge["accepts_questions"] is None and expert["challenge_status"] is None
    assert body["count"] == 2
    answer = json.dumps(body)
    assert not any(email in answer for email in PRIVATE_EMAILS)
    assert "consent" not in answer and "officer" not in answer


def test_api_refuses_an_unknown_challenge_status_with_a_clear_error(client, linkage):
    response = client.get("/api/v1/search/", {"challenge_status": "maybe"})
    assert response.status_code == 400
    assert "challenge_status" in response.json()["error"]["fields"]
