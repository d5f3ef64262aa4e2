"""Freshness rules and verification in the registry layer (issue #14, "sống")."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from registry.freshness import (
    OWNER_CONFIRMATION,
    is_stale,
    mark_verified,
    months_before,
    oldest_stale,
    rules,
    stale_records,
)
from registry.interchange.exporter import iter_records
from registry.models import FreshnessRule, Plot, Zone
from tests.conftest import PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 28)


def test_months_before_keeps_the_day_or_takes_the_month_end():
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 12), 12) == datetime.date(2025, 3, 12)
    assert months_before(datetime.date(2026, 1, 15), 1) == datetime.date(2025, 12, 15)


def test_every_kind_has_a_rule_and_the_migration_wrote_the_defaults():
    assert rules() == {
        "plot": 6,
        "zone": 12,
        "enterprise": 12,
        "rd_organisation": 12,
        "incubator": 12,
        "landmark": 36,
        "challenge": 3,
        "expert": 12,
    }
    # Rows hold what curators changed and the defaults of migration 0010's time; the kinds of
    # issue #16 follow DEFAULT_MONTHS until a curator sets theirs.
    assert FreshnessRule.objects.count() == 6


def test_published_records_past_their_rule_are_stale_and_never_verified_counts():
    run_import(lines({**ZONE, "verified_on": "2026-01-10"}, {**PLOT, "verified_on": "2026-05-01"}))
    run_import(lines({**PLOT, "ref": "test-a02", "code": "A02", "verified_on": "2026-11-01"}))
    run_import(lines({**PLOT, "ref": "test-a03", "code": "A03"}))
    run_import(lines({**PLOT, "ref": "test-draft", "code": "A04"}), publish=False)
    stale = [(r.kind, r.ref) for r in stale_records(TODAY)]
    # Never verified first, then the longest unverified; the zone (12 months) is still fresh;
    # drafts are nobody's concern until published.
    assert stale == [("plot", "test-a03"), ("plot", "test-a01")]
    assert not is_stale(Zone.objects.get(), TODAY)
    FreshnessRule.objects.filter(kind="zone").update(months=6)
    assert ("zone", "test-park") in [(r.kind, r.ref) for r in stale_records(TODAY)]
    assert [r.ref for r in oldest_stale(2, TODAY)] == ["test-a03", "test-park"]


def test_marking_verified_writes_a_revision_a_log_entry_and_the_public_row(admin_user):
    run_import(lines(ZONE, PLOT))
    plot = Plot.objects.get()
    revisions = plot.revisions.count()
    mark_verified(plot, "Ban Quản lý các KCN Đồng Nai", user=admin_user)
    plot.refresh_from_db()
    assert plot.verified_on == timezone.localdate()
    assert plot.verified_by == "Ban Quản lý các KCN Đồng Nai"
    assert plot.live and not plot.has_unpublished_changes
    assert plot.revisions.count() == revisions + 1
    assert plot.latest_revision.content["verified_by"] == "Ban Quản lý các KCN Đồng Nai"
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(plot.pk), user=admin_user).values_list(
            "action", flat=True
        )
    )
    assert "wagtail.edit" in actions


def test_pending_draft_changes_keep_waiting_and_carry_the_verification(admin_user):
    run_import(lines(ZONE, PLOT))
    plot = Plot.objects.get()
    draft = plot.get_latest_revision_as_object()
    draft.lease_price_usd_m2 = 99
    draft.save_revision(user=admin_user)
    mark_verified(plot, OWNER_CONFIRMATION)
    plot.refresh_from_db()
    assert plot.verified_by == OWNER_CONFIRMATION  # the live row
    assert plot.has_unpublished_changes  # the draft is still for a curator to review
    latest = plot.get_latest_revision_as_object()
    assert (latest.lease_price_usd_m2, latest.verified_by) == (99, OWNER_CONFIRMATION)


def test_verified_by_is_interchanged_and_refuses_an_email():
    result = run_import(lines({**ZONE, "verified_on": "2026-03-12", "verified_by": "DIZA"}))
    assert result.ok, result.problems
    exported = next(iter_records())
    assert (exported["verified_on"], exported["verified_by"]) == ("2026-03-12", "DIZA")
    refused = run_import(lines({**ZONE, "verified_by": "ask anh.nguyen@example.vn"}))
    assert not refused.ok
    assert "verified_by" in str(refused.problems)


def test_the_private_contact_email_is_not_part_of_the_format():
    refused = run_import(lines({**ZONE, "contact_email": "owner@example.vn"}))
    assert not refused.ok and "contact_email" in str(refused.problems)
    run_import(lines(ZONE))
    Zone.objects.update(contact_email="owner@example.vn")
    assert "contact_email" not in next(iter_records())
    # Importing the record again leaves the private address alone.
    run_import(lines({**ZONE, "name_en": "Renamed"}))
    assert Zone.objects.get().contact_email == "owner@example.vn"
