"""A challenge's matched partners: the organisations and experts whose technologies fit, in the
groups the challenge wants, ranked, each with a reason; through the search service (both
backends, as the run configures)."""

import datetime

import pytest

from registry.models import Challenge, Technology
from search.match_partners import for_challenge
from tests.conftest import ENTERPRISE, RD

pytestmark = pytest.mark.django_db

UNIVERSITY = {**RD, "ref": "test-uni", "name": "Đại học Công nghệ", "org_kind": "university",
              "offers": ["training", "contract_research"],
              "technologies": ["semiconductor.chip_design", "iot"]}  # fmt: skip
INSTITUTE = {**RD, "ref": "test-lab", "org_kind": "research_institute",
             "offers": ["contract_research"], "technologies": ["semiconductor"]}  # fmt: skip
STARTUP = {**ENTERPRISE, "ref": "test-startup", "name": "Khởi nghiệp IoT", "tax_code": "3600000002",
           "startup_stage": "seed", "technologies": ["iot"], "zone": None}  # fmt: skip
OTHER = {**ENTERPRISE, "ref": "test-food", "name": "Thực phẩm", "tax_code": "3600000003",
         "technologies": ["agritech"], "value_chain_roles": [], "zone": None}  # fmt: skip


def challenge(codes, wanted=(), **fields):
    item = Challenge.objects.create(
        ref=fields.pop("ref", "ch-test"), name="Thiết kế chip cảm biến IoT",
        challenge_kind="commissioned_task", posted_on=datetime.date(2026, 11, 1),
        wanted=list(wanted), live=True, **fields,
    )  # fmt: skip
    item.technologies.set(Technology.objects.filter(code__in=codes))
    item.save()
    return item


def names(groups, group):
    return [p["ref"] for p in groups[group]]


def test_partners_fit_the_challenges_technologies_and_its_children(publish):
    publish({**ENTERPRISE, "zone": None}, UNIVERSITY, INSTITUTE, STARTUP, OTHER)
    groups = for_challenge(challenge(["semiconductor", "iot"]))
    # The university covers both technologies; the institute one (semiconductor itself).
    assert names(groups, "university") == ["test-uni"]
    assert names(groups, "rd_organisation") == ["test-lab"]
    assert names(groups, "startup") == ["test-startup"]
    assert names(groups, "enterprise") == ["test-chip"]  # chip design is below semiconductor
    reason = groups["university"][0]["reason"]
    assert reason.startswith("University: ")
    assert "2 of 2 technologies" in reason
    assert "1 of 2 technologies" in groups["rd_organisation"][0]["reason"]
    assert groups["startup"][0]["reason"].startswith("Startup (")


def test_a_narrower_challenge_does_not_match_a_partner_tagged_only_with_the_parent(publish):
    publish(INSTITUTE, UNIVERSITY)
    groups = for_challenge(challenge(["semiconductor.chip_design"]))
    assert names(groups, "rd_organisation") == []  # tagged `semiconductor` only
    assert names(groups, "university") == ["test-uni"]


def test_only_the_wanted_groups_are_matched_and_ranked_by_fit(publish):
    more = {**UNIVERSITY, "ref": "test-uni-2", "name": "Đại học A", "technologies": ["iot"]}
    publish(UNIVERSITY, more, STARTUP)
    groups = for_challenge(challenge(["semiconductor", "iot"], wanted=["university"]))
    assert list(groups) == ["university"]
    # Two technologies before one, whatever the names' order.
    assert names(groups, "university") == ["test-uni", "test-uni-2"]


def test_experts_with_fitting_expertise_are_matched_and_unpublished_ones_are_not(publish):
    expert = {"kind": "expert", "name": "Nguyễn Văn A", "consent_on": "2026-01-01",
              "technologies": ["iot"]}  # fmt: skip
    publish({**expert, "ref": "ex-a", "expert_title": "doctor"})
    publish({**expert, "ref": "ex-b", "name": "Trần Thị B"}, draft=True)
    groups = for_challenge(challenge(["iot"], wanted=["expert"]))
    assert names(groups, "expert") == ["ex-a"]
    assert groups["expert"][0]["reason"] == "Doctor; 1 of 1 technologies: " + str(
        Technology.objects.get(code="iot").name_en
    )


def test_a_challenge_without_technologies_matches_nobody(publish):
    publish(UNIVERSITY)
    assert for_challenge(challenge([])) == {g: [] for g in
        ["rd_organisation", "university", "startup", "enterprise", "expert"]}  # fmt: skip
