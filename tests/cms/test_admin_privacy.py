"""What one admin role must not see or do through another door (issue #14 review): the snippet
choosers of inquiries and claims, founders' e-mail addresses as inquiry owners, the private
contact address in the inspect view, an officer's sectors lifted by an unrelated group, and
"Mark verified" (which publishes) for a role that may change but not publish."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from cms.models import Inquiry, OfficerSectors
from cms.moderation import VIEWERS
from cms.pipeline.sectors import OFFICERS, is_scoped_officer
from registry.models import Technology, Zone
from tests.cms.test_permissions import snippet, world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def officer(db):
    user = get_user_model().objects.create_user(
        "officer", "of@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=OFFICERS))
    OfficerSectors.objects.create(user=user).sectors.set(
        Technology.objects.filter(code="data_centre")
    )
    return user


def test_no_snippet_chooser_lists_inquiries_or_claims(world, officer):  # noqa: F811
    for user in (officer, world["users"]["viewer"], world["users"]["curator"]):
        client = signed_in(user)
        for path in ("/admin/snippets/choose/cms/inquiry/", "/admin/snippets/choose/cms/claim/"):
            response = client.get(path, follow=True)
            assert response.status_code == 404, (user.username, path)
            assert "example.invalid" not in response.content.decode()


def test_an_inquirys_owner_is_chosen_among_staff_never_founders(world, officer):  # noqa: F811
    founder_address = world["users"]["founder"].username  # founders sign in with their e-mail
    inquiry = world["inquiry"]
    for user in (officer, world["users"]["curator"]):
        client = signed_in(user)
        listing = client.get(snippet("inquiry", "list", app="cms"), follow=True)
        assert founder_address not in listing.content.decode()
    edit = signed_in(world["users"]["curator"]).get(
        snippet("inquiry", "edit", inquiry.pk, app="cms")
    )
    assert edit.status_code == 200 and founder_address not in edit.content.decode()
    assert "curator" in edit.content.decode()  # staff are still offered


def test_viewers_do_not_read_a_records_private_contact_address(world):  # noqa: F811
    zone = Zone.objects.first()
    Zone.objects.filter(pk=zone.pk).update(contact_email="owner@zone.example")
    page = signed_in(world["users"]["viewer"]).get(snippet("zone", "inspect", zone.pk))
    assert page.status_code == 200
    assert "owner@zone.example" not in page.content.decode()


def test_an_unrelated_group_does_not_lift_an_officers_sectors(officer):
    assert is_scoped_officer(officer)
    officer.groups.add(Group.objects.get_or_create(name="Newsletter")[0])
    officer.groups.add(Group.objects.get(name=VIEWERS))
    assert is_scoped_officer(officer)
    Inquiry.objects.create(
        kind="enterprise", ref="test-chip", record_name="Chip", name="Kim",
        email="kim@example.invalid", message="Hi", consent=True, language="en",
    )  # fmt: skip
    listing = signed_in(officer).get(snippet("inquiry", "list", app="cms"), follow=True)
    assert "Kim" not in listing.content.decode()


def test_mark_verified_needs_the_permission_to_publish(world):  # noqa: F811
    """A role that may change records but not publish them is refused before anything is
    written: no record of the selection is half verified."""
    editor = get_user_model().objects.create_user(
        "editor", "ed@example.invalid", "pw", is_staff=True
    )
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_zone", "change_zone"])
    )
    pending = Zone.objects.published().first()
    live = Zone.objects.get(pk=pending.pk)
    live.pk, live.ref = None, "test-zone-2"  # a second published zone, a copy of the first
    live.save()
    Zone.objects.filter(pk=pending.pk).update(has_unpublished_changes=True)  # a draft waits
    revisions_before = pending.revisions.count()
    response = signed_in(editor).post(
        "/admin/freshness/stale/",
        {"selected": [f"zone:{pending.pk}", f"zone:{live.pk}"], "action": "verify"},
    )
    assert response.status_code in (302, 403)
    assert pending.revisions.count() == revisions_before
    assert not Zone.objects.filter(pk__in=[pending.pk, live.pk], verified_on__isnull=False).exists()
