"""The administrators' backup download: the archive `manage.py backup` writes, sent from the
admin; a clear message when it cannot be made. (Who may: tests/cms/test_permissions.py.)"""

import io
import json
import tarfile
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.conftest import ZONE

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "b@example.invalid", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)
    return client


def test_the_page_offers_the_download_and_says_what_it_holds(admin_client):
    page = admin_client.get(reverse("cms_backup_download")).content.decode()
    assert "Download a full backup" in page and "personal data" in page


def test_the_settings_menu_links_it_for_administrators(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("cms_backup_download") in page


# The backup reads one snapshot of the database, as the command does: outside any open
# transaction (on PostgreSQL it sets the snapshot's isolation), so this test commits.
@pytest.mark.django_db(transaction=True)
def test_an_administrator_downloads_the_whole_archive(migrated, admin_client, publish):
    publish(ZONE)
    response = admin_client.post(reverse("cms_backup_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dnhub-backup-')
    body = b"".join(response.streaming_content)
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        assert manifest["database_file"] in archive.getnames()
    assert manifest["counts"]["registry.Zone"] == 1


def test_a_failed_backup_is_a_clear_message_not_an_error_page(admin_client, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", "/nonexistent/dnhub-no-space")
    response = admin_client.post(reverse("cms_backup_download"), follow=True)
    assert response.status_code == 200
    assert "The backup could not be made" in response.content.decode()
