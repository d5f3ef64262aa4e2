"""Challenges and experts (interchange v1.1) are found like the other kinds, on both backends:
by text, technology (a parent finds children), their own facets; only while published, and
never by what is private to them."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from registry.models import Challenge, Expert, RDOrganisation, Technology
from tests.conftest import ENTERPRISE, RD, ZONE
from tests.search.conftest import find, refs

pytestmark = pytest.mark.django_db

EXPERT = {
    "ref": "test-expert",
    "name": "Nguyễn Thị Hoa",
    "name_en": "Nguyen Thi Hoa",
    "description": "Thiết kế vi mạch tương tự.",
    "expert_title": "associate_professor",
    "languages": ["vi", "en"],
    "accepts_questions": True,
    "consent_on": datetime.date(2026, 1, 5),
}
CHALLENGE = {
    "ref": "test-need",
    "name": "Kiểm thử vi mạch tự động",
    "name_en": "Automated chip testing",
    "description": "Một doanh nghiệp cần dây chuyền kiểm thử.",
    "challenge_kind": "enterprise_need",
    "status": "open",
    "posted_on": datetime.date(2026, 2, 1),
    "deadline": datetime.date(2026, 12, 31),
    "budget_vnd": 2_500_000_000,
    "wanted": ["rd_organisation", "expert"],
}


def publish_new(model, values, technologies=(), **links):
    """Create a record as the admin does and publish it (the outbox then indexes it)."""
    record = model(**values, **links)
    record.live = False
    record.save()
    record.technologies.set(Technology.objects.filter(code__in=technologies))
    record.save_revision().publish()
    return model.objects.get(pk=record.pk)


@pytest.fixture
def linkage(publish, django_capture_on_commit_callbacks):
    """A university lab with one of its experts, and an enterprise's open challenge."""
    publish(ZONE, ENTERPRISE, RD | {"name": "Đại học Lạc Hồng"})
    officer = get_user_model().objects.create_user("officer", "officer@example.org")
    account = get_user_model().objects.create_user("hoa", "hoa.private@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        expert = publish_new(
            Expert,
            EXPERT,
            ["semiconductor.chip_design"],
            affiliation_rd_organisation=RDOrganisation.objects.get(ref="test-lab"),
            account=account,
        )
        challenge = publish_new(Challenge, CHALLENGE, ["semiconductor"], officer=officer)
    return expert, challenge


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
