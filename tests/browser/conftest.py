"""Playwright driving Debian's Chromium (scripts/chromium installs it; CHROMIUM_PATH names it)
against pytest-django's live server, with the seed data published."""

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest

from search.backends import elasticsearch_backend
from tests.conftest import drop_indices, lines, run_import
from tests.search.conftest import seed_records

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# The two screens every journey is walked on, and the browser locale of each page language.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
LOCALES = {"vi": "vi-VN", "en": "en-GB"}

# Layout shifts from the first paint on (buffered), as Lighthouse counts CLS; shifts within
# 500 ms of the user's input are expected (hadRecentInput) and left out.
LAYOUT_SHIFT_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.__cls += entry.value; }
}).observe({type: 'layout-shift', buffered: true});
"""


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        raise RuntimeError("Chromium is missing: run scripts/chromium (Debian's package)")
    return path


@pytest.fixture
def browser(_sync_orm_beside_playwright):
    """One Chromium per test: Playwright's event loop ends with the test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _sync_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test's thread while its browser is open;
    the ORM calls the test makes meanwhile are still plain synchronous calls. Only for these
    tests, never in a deployment."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@contextlib.contextmanager
def quiet_signals():
    """Saving restored rows must not set off handlers that write rows of their own."""
    from django.db.models import signals

    saved = {}
    for signal in (
        signals.pre_save,
        signals.post_save,
        signals.m2m_changed,
        signals.pre_delete,
        signals.post_delete,
    ):
        saved[signal] = signal.receivers
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in saved.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def restore(rows: str) -> None:
    """Put the migrations' rows back. The flush re-ran post_migrate (content types,
    permissions, roles, the moderation workflow, under new ids): remove those, then load the
    saved rows, content types first."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import connection, transaction
    from wagtail.models import Task, Workflow

    # Built first: building some objects (pages) looks up content types, creating missing ones.
    objects = list(serializers.deserialize("json", rows, handle_forward_references=True))
    content_types = [o for o in objects if isinstance(o.object, ContentType)]
    # What post_migrate re-created after the flush; the saved rows replace it.
    with quiet_signals():
        Workflow.objects.all().delete()
        Task.objects.all().delete()
        Group.objects.all().delete()
        ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    with transaction.atomic(), connection.constraint_checks_disabled(), quiet_signals():
        deferred = []
        for obj in content_types + [o for o in objects if not isinstance(o.object, ContentType)]:
            obj.save()
            if obj.deferred_fields:
                deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields()
    ContentType.objects.clear_cache()


@pytest.fixture
def portal(live_server, settings, migration_rows):
    """The live portal with the seed records published; map tiles point at a closed port, as
    when the tile server is unreachable."""
    from wagtail.models import Page

    if not Page.objects.exists():  # flushed by the previous browser test
        restore(migration_rows)
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url  # the links it sends and announces lead to it
    es = elasticsearch_backend()
    if es is not None:
        # The flush emptied the database but not the index: what the previous browser test
        # published (a founder's startup) would still be found.
        drop_indices(es)
    result = run_import(lines(*seed_records()), publish=True)
    assert result.ok, result.problems
    if es is not None:
        es.refresh()
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def on_db(query):
    """Run an ORM call from a test body. While Playwright's loop runs, Django hands the test a
    connection of its own; close it afterwards, or PostgreSQL keeps the test database busy."""
    from django.db import connections

    try:
        return query()
    finally:
        connections.close_all()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the page (axe-core from npm)."""
    # Evaluated through the DevTools protocol: a <script> tag with inline content would be
    # refused by the portal's content policy.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip


def record_axe_summary(summary: dict) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe-summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
