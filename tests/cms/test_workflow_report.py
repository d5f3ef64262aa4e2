"""The admin's Workflows report lists each item once, in the state it is in now (issue #14,
item 8): a profile approved before and waiting for review again is "In progress", not both."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.moderation import CURATORS
from registry.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(
        "curator", "curator@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


@pytest.fixture
def administrator(db):
    # Wagtail opens its Workflows report to those with page permissions: administrators here.
    return get_user_model().objects.create_superuser("admin", "admin@example.invalid", "pw")


def submit(enterprise, user):
    enterprise.save_revision(user=user)
    Enterprise.get_default_workflow().start(enterprise, user)


def approve(admin, enterprise):
    state = WorkflowState.objects.for_instance(enterprise).get(
        status=WorkflowState.STATUS_IN_PROGRESS
    )
    url = reverse(
        "wagtailsnippets_registry_enterprise:workflow_action",
        args=[enterprise.pk, "approve", state.current_task_state.pk],
    )
    assert admin.post(url).status_code in (200, 302)


def test_an_item_reviewed_twice_is_listed_once_with_its_state_now(curator, administrator):
    enterprise = Enterprise.objects.create(
        ref="song-may-sensors", name="Cảm biến Sông Mây", ownership="domestic", live=False
    )
    admin = Client()
    admin.force_login(curator)
    submit(enterprise, curator)
    approve(admin, enterprise)
    enterprise.refresh_from_db()
    enterprise.description = "Cảm biến MEMS cho nông nghiệp."
    submit(enterprise, curator)
    assert WorkflowState.objects.for_instance(enterprise).count() == 2

    admin.force_login(administrator)
    for path in (reverse("wagtailadmin_reports:workflow"), "/admin/reports/workflow/results/"):
        response = admin.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, (path, response.status_code, response.get("Location"))
        html = response.content.decode()
        assert html.count("Cảm biến Sông Mây") == 1, path
        states = re.findall(r"w-status--primary[^>]*>\s*([^<]+?)\s*<", html)
        assert states == ["In progress"], (path, states)


def test_the_report_still_asks_for_a_sign_in(client):
    response = client.get(reverse("wagtailadmin_reports:workflow"))
    assert response.status_code == 302 and "/login/" in response["Location"]
