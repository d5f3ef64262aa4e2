"""The admin's import (issue #14): upload, preview, apply or cancel, in the curator's language;
the file kept privately; the audit log; the dashboard's last imports."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from cms.moderation import CURATORS, VIEWERS
from registry.imports import runs
from registry.models import ImportRun, Plot, Zone
from tests.conftest import PLOT, ZONE, lines, run_import

pytestmark = pytest.mark.django_db
BAD_PLOT = {**PLOT, "power_capacity_mw": "sixty"}


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def staff(username: str, group: str, language: str = "en"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.invalid", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language  # the admin speaks the user's language
    profile.save()
    return user


@pytest.fixture
def curator():
    client = Client()
    client.force_login(staff("curator", CURATORS))
    return client


@pytest.fixture
def upload(curator, django_capture_on_commit_callbacks):
    """Upload a file as the curator; the preview runs (immediate tasks) before the page."""

    def do(text: str, name="registry.jsonl", client=curator):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("registry_imports:upload"),
                {"file": SimpleUploadedFile(name, text.encode())},
            )
        return response

    return do


@pytest.fixture
def apply(curator, django_capture_on_commit_callbacks):
    def do(run, publish: bool, client=curator):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("registry_imports:apply", args=[run.pk]),
                {"publish": "1" if publish else "0"},
            )

    return do


def denied(response) -> bool:
    """The admin answers a refusal with a 403 or a redirect to its home page (with a message)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def page(client, run) -> str:
    response = client.get(reverse("registry_imports:detail", args=[run.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_preview_lists_what_will_be_created_and_writes_nothing(curator, upload):
    response = upload(lines(ZONE, PLOT))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{run.pk}/")
    assert run.status == ImportRun.Status.PREVIEWED
    assert run.summary["created"] == {"zone": 1, "plot": 1}
    assert not Zone.objects.exists() and not Plot.objects.exists()
    html = page(curator, run)
    assert "Khu thử nghiệm" in html and "Lô A01" in html  # the new records, by name
    assert "Apply as published" in html and "Apply as drafts" in html


def test_a_problem_is_shown_where_it_is_and_the_import_cannot_be_applied(curator, upload, apply):
    upload(lines(ZONE, BAD_PLOT))
    run = ImportRun.objects.get()
    assert run.problems and run.problems[0]["where"] == "line 2, column power_capacity_mw"
    html = page(curator, run)
    assert "line 2, column power_capacity_mw" in html and "Apply as published" not in html
    apply(run, publish=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED and not Zone.objects.exists()


def test_problems_are_written_in_the_curators_language(upload):
    client = Client()
    client.force_login(staff("giang", CURATORS, language="vi"))
    upload(lines(ZONE, BAD_PLOT), client=client)
    html = page(client, ImportRun.objects.get())
    assert "dòng 2, cột power_capacity_mw" in html
    assert "Áp dụng" not in html  # nothing to apply while the file has a problem


def test_applied_as_published_the_records_are_live_and_the_audit_log_links_the_run(
    curator, upload, apply
):
    upload(lines(ZONE, PLOT))
    run = ImportRun.objects.get()
    apply(run, publish=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED and run.result["created"]["plot"] == 1
    plot = Plot.objects.get(ref="test-a01")
    assert plot.live
    edit = reverse("wagtailsnippets_registry_plot:edit", args=[plot.pk])
    assert f'href="{edit}"' in page(curator, run)  # each new record links to its edit view
    entry = ModelLogEntry.objects.get(action=runs.IMPORT_ACTION)
    assert entry.object_id == str(run.pk) and entry.label == "registry.jsonl"
    history = curator.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Records imported from a file" in history
    assert reverse("registry_imports:detail", args=[run.pk]) in history
    # Applying twice does nothing more.
    apply(run, publish=True)
    assert ModelLogEntry.objects.filter(action=runs.IMPORT_ACTION).count() == 1


def test_applied_as_drafts_nothing_becomes_public(upload, apply):
    upload(lines(ZONE))
    apply(ImportRun.objects.get(), publish=False)
    assert not Zone.objects.get(ref="test-park").live


def test_a_changed_record_is_shown_field_by_field(curator, upload):
    assert run_import(lines(ZONE, PLOT)).ok
    upload(lines({**PLOT, "area_m2": 50000}))
    run = ImportRun.objects.get()
    assert run.summary["changed"] == {"plot": 1}
    html = page(curator, run)
    assert "<del>42000</del>" in html and "<ins>50000</ins>" in html


def test_a_cancelled_import_cannot_be_applied(curator, upload, apply):
    upload(lines(ZONE))
    run = ImportRun.objects.get()
    response = curator.post(reverse("registry_imports:cancel", args=[run.pk]))
    assert response.status_code == 302
    apply(run, publish=True)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CANCELLED and not Zone.objects.exists()


def test_a_run_that_dies_ends_failed_with_its_reason_and_writes_nothing(curator, upload):
    upload(lines(ZONE))
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.APPLYING, publish=True)
    run.file.storage.delete(run.file.name)  # the worker cannot read the file
    runs.run_apply(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and "FileNotFoundError" in run.error
    assert "nothing was written" in page(curator, run) and not Zone.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("zones.txt", "is not a file the import reads"),
        ("big.jsonl", "the import takes files up to"),
    ],
)
def test_a_file_the_import_cannot_take_gets_a_field_error(settings, upload, name, message):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(lines(ZONE), name=name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_file_is_kept_privately_and_only_curators_download_it(settings, curator, upload):
    text = lines(ZONE)
    upload(text)
    run = ImportRun.objects.get()
    path = run.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    response = curator.get(reverse("registry_imports:file", args=[run.pk]))
    assert b"".join(response.streaming_content).decode() == text
    assert 'filename="registry.jsonl"' in response["Content-Disposition"]
    viewer = Client()
    viewer.force_login(staff("viewer", VIEWERS))
    assert denied(viewer.get(reverse("registry_imports:file", args=[run.pk])))
    html = page(viewer, run)  # the preview, read-only
    assert "Khu thử nghiệm" in html and "Apply as published" not in html


def test_the_status_endpoint_and_the_dashboard_show_the_last_imports(curator, upload):
    upload(lines(ZONE), name="zones-2026.jsonl")
    run = ImportRun.objects.get()
    status = curator.get(reverse("registry_imports:status", args=[run.pk])).json()
    assert status["status"] == "previewed" and status["label"] == "Preview ready"
    assert status["running"] is False and {"stage", "done", "total"} <= set(status)
    home = curator.get(reverse("wagtailadmin_home")).content.decode()
    assert "Last imports" in home and "zones-2026.jsonl" in home


def test_the_template_of_each_kind_has_the_import_columns(curator):
    response = curator.get(reverse("registry_imports:template", args=["plot"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dnhub-plot-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in next(workbook["plot"].iter_rows(max_row=1))]
    assert {"ref", "zone", "power_capacity_mw", "location.lat"} <= set(header)
    unknown = curator.get(reverse("registry_imports:template", args=["nope"]))
    assert unknown.status_code in (302, 404) and "Content-Disposition" not in unknown


def test_the_import_list_names_each_run(curator, upload):
    upload(lines(ZONE), name="a.jsonl")
    html = curator.get(reverse("registry_imports:index")).content.decode()
    assert "a.jsonl" in html and "Preview ready" in html
    assert json.dumps("Import")[1:-1] in curator.get(reverse("wagtailadmin_home")).content.decode()


def run_queued_task() -> None:
    """What the worker does with the one waiting task (db_worker itself closes the test's
    database connection, so it cannot run inside a test's transaction on PostgreSQL)."""
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get(status="READY")
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    queued.delete()


def test_with_a_worker_the_page_shows_the_progress_until_the_work_is_done(
    settings, curator, upload, apply
):
    """TASKS_BACKEND=database: the upload and the apply return at once; the page refreshes
    itself while the worker previews and applies."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    upload(lines(ZONE))
    run = ImportRun.objects.get()
    html = page(curator, run)
    assert run.status == ImportRun.Status.PREVIEWING and "Waiting for its turn" in html
    assert '<meta http-equiv="refresh"' in html
    run_queued_task()
    html = page(curator, run)
    assert "Preview ready" in html and '<meta http-equiv="refresh"' not in html
    apply(run, publish=True)
    assert "Applying" in page(curator, run) and not Zone.objects.exists()
    run_queued_task()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED and Zone.objects.get(ref="test-park").live


def test_a_spreadsheet_problem_names_its_sheet_row_and_column_in_the_curators_language():
    from types import SimpleNamespace

    from django.utils import translation

    from registry.imports.problems import where

    # The importer's Problem for a spreadsheet: the sheet, the row (in `line`), the column.
    cell = SimpleNamespace(sheet="plot", line=3, field="power_capacity_mw", reason="")
    whole_row = SimpleNamespace(sheet="plot", line=3, field="-", reason="")
    whole_file = SimpleNamespace(sheet="lo-dat.csv", line=0, field="-", reason="")
    assert where(cell) == "plot, row 3, column power_capacity_mw"
    with translation.override("vi"):
        assert where(cell) == "plot, hàng 3, cột power_capacity_mw"
        assert where(whole_row) == "plot, hàng 3"
        assert where(whole_file) == "lo-dat.csv"


def read_apart(run_id: int) -> tuple:
    """The run's progress as the admin's page reads it: from another connection."""
    import threading

    from django.db import connections

    seen = []

    def read():
        try:
            seen.append(ImportRun.objects.values_list("stage", "done", "total").get(pk=run_id))
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_progress_reaches_the_page_at_most_twice_a_second_even_from_inside_the_import(migrated):
    from django.core.files.base import ContentFile
    from django.db import connection, transaction

    run = ImportRun.objects.create(
        file_name="a.jsonl", format="jsonl", file=ContentFile(b"", name="a.jsonl")
    )
    record = runs.ProgressRecorder(run.pk)
    record("Validating", 10, 100)
    record("Validating", 20, 100)  # within half a second of the last: not written
    assert read_apart(run.pk) == ("Validating", 10, 100)
    with transaction.atomic():  # the import's own transaction, not committed yet
        record.last = 0
        record("Writing", 50, 100)
        # PostgreSQL: written through a connection of its own. SQLite: one writer at a time,
        # so left until the transaction ends (the page shows the stage before).
        before, now = ("Validating", 10, 100), ("Writing", 50, 100)
        expected = now if connection.vendor == "postgresql" else before
        assert read_apart(run.pk) == expected
    record("Writing", 100, 100)  # the end is always written
    assert read_apart(run.pk) == ("Writing", 100, 100)
