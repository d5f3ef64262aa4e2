"""The restore drill: back up, lose everything, restore, and find it all again — on whichever
database this run uses (SQLite locally and in the embedded run, PostgreSQL in the services run)."""

import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.backup import model_counts
from registry.addresses import record_url
from registry.models import Plot
from search.backends import configured_backends, elasticsearch_backend
from tests.conftest import drop_indices


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_restore_drill_gives_back_every_record_file_and_search_result(
    migrated, seeded, media_root, tmp_path, client
):
    default_storage.save("documents/zoning-plan.txt", ContentFile(b"Zoning plan, 2026 edition"))
    kept_import = tmp_path / "private" / "imports" / "plots.xlsx"  # an admin import's file
    kept_import.parent.mkdir(parents=True)
    kept_import.write_bytes(b"the curator's spreadsheet")
    plot = Plot.objects.published().order_by("pk").first()
    before = model_counts()

    call_command("backup", str(tmp_path))
    (archive,) = tmp_path.glob("dnhub-backup-*.tar.gz")

    # The disaster: every table emptied, the uploads gone, the search index dropped.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    shutil.rmtree(kept_import.parent)
    es = elasticsearch_backend()
    if es is not None:
        drop_indices(es)
    assert not Plot.objects.exists()

    call_command("restore", str(archive), "--no-input")

    after = model_counts()
    # The restore ends with a rebuild of each search index, which logs itself: a row each.
    rebuilt = len(configured_backends())
    assert after.pop("search.IndexRebuild") == before.pop("search.IndexRebuild") + rebuilt
    assert after == before
    assert (media_root / "documents" / "zoning-plan.txt").read_bytes() == (
        b"Zoning plan, 2026 edition"
    )
    assert kept_import.read_bytes() == b"the curator's spreadsheet"
    call_command("search_index", "verify")  # raises CommandError unless clean
    if es is not None:
        es.refresh()
    found = client.get("/api/v1/search/", {"q": plot.name}).json()
    assert plot.ref in [hit["ref"] for hit in found["results"]]
    assert client.get(record_url("plot", plot.ref, "en")).status_code == 200


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    stray = tmp_path / "notes.tar.gz"
    with tarfile.open(stray, "w:gz") as archive:
        archive.add(__file__, "notes.py")
    with pytest.raises(CommandError, match="not a dnhub backup"):
        call_command("restore", str(stray), "--no-input")
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive at all")
    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        call_command("restore", str(garbage), "--no-input")
