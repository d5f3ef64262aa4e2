"""The admin carries the agency's branding, set once in the AGENCY_* settings, and its avatars
need no network (no Gravatar)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.admin_branding import hsl_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(settings):
    settings.AGENCY_NAME = "Trung tâm Xúc tiến Đầu tư Đồng Nai"
    settings.AGENCY_LOGO = "img/og-default.png"
    settings.AGENCY_PRIMARY_COLOUR = "#ff0000"
    settings.AGENCY_SECONDARY_COLOUR = "#008000"
    return settings


def test_the_sign_in_page_carries_the_agencys_name_logo_and_colours(agency, client):
    page = client.get(reverse("wagtailadmin_login") + "?next=/admin/").content.decode()
    assert "Trung tâm Xúc tiến Đầu tư Đồng Nai</title>" in page
    assert re.search(r"<h1>\s*(Sign in to|Đăng nhập vào) Trung tâm Xúc tiến", page)
    assert 'src="/static/img/og-default.png"' in page
    assert "--w-color-primary-hue: 0.0;" in page and "--w-color-primary-lightness: 50.0%;" in page
    assert "--w-color-secondary-hue: 120.0;" in page
    assert "Sign in to Wagtail" not in page


@pytest.fixture
def curator_client(client):
    user = get_user_model().objects.create_superuser("boss", "b@example.invalid", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)
    return client


def test_every_admin_page_carries_the_logo_and_no_gravatar(agency, curator_client):
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        page = curator_client.get(url).content.decode()
        assert 'class="agency-logo" src="/static/img/og-default.png"' in page
        assert "Trung tâm Xúc tiến Đầu tư Đồng Nai</title>" in page
        assert "gravatar.com" not in page
        avatars = re.findall(r'class="avatar[^"]*".*?<img src="([^"]+)"', page, re.S)
        avatars += re.findall(r'"avatarUrl": "([^"]+)"', page)
        assert avatars and all(src.startswith("/static/") for src in avatars), avatars


def test_colours_are_read_as_hsl_and_a_wrong_one_is_named():
    assert hsl_parts("#0b5c8c") == (202.3, 85.4, 29.6)
    with pytest.raises(ImproperlyConfigured, match="#rrggbb"):
        hsl_parts("blue")
