"""A challenge and an expert, published as the admin publishes them (the importer does not take
these kinds yet), with private data beside them that must never show: the expert's account and
the challenge's officer."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from registry.models import Challenge, Enterprise, Expert, RDOrganisation, Technology
from search.backends import elasticsearch_backend
from tests.conftest import ENTERPRISE, RD, ZONE

PRIVATE_EMAILS = ("hoa.private@example.org", "officer.private@example.org")
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


def make_linkage(publish_records):
    """A university lab with one of its experts, and an enterprise's open challenge;
    `publish_records(*records)` publishes the others through the importer."""
    publish_records(ZONE, ENTERPRISE, RD | {"name": "Đại học Lạc Hồng"})
    officer = get_user_model().objects.create_user("officer", PRIVATE_EMAILS[1])
    account = get_user_model().objects.create_user("hoa", PRIVATE_EMAILS[0])
    expert = publish_new(
        Expert,
        EXPERT,
        ["semiconductor.chip_design"],
        affiliation_rd_organisation=RDOrganisation.objects.get(ref="test-lab"),
        account=account,
        contact_email=PRIVATE_EMAILS[0],  # questions reach her (private: never shown)
    )
    challenge = publish_new(
        Challenge,
        CHALLENGE,
        ["semiconductor"],
        officer=officer,
        poster_enterprise=Enterprise.objects.get(ref="test-chip"),
    )
    return expert, challenge


@pytest.fixture
def linkage(publish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        records = make_linkage(publish)
    es = elasticsearch_backend()
    if es is not None:
        es.refresh()  # searchable now, as the importer's records are
    return records
