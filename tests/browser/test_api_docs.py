"""The API's interactive documentation (/api/v1/docs/, Swagger UI) in a real browser: it runs
under the portal's content policy (relaxed on that page only for data: images), loads nothing
from another origin, and its "Try it out" reaches the API."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from search.endpoints import METHODS
from tests.conftest import ALL_KINDS, lines, run_import

from .conftest import on_db
from .test_security import WATCH_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def api_server(live_server, migrated, settings):
    settings.ALLOWED_HOSTS = ["*"]
    result = on_db(lambda: run_import(lines(*ALL_KINDS), publish=True))
    assert result.ok, result.problems
    return live_server.url


def test_the_api_docs_run_from_local_files_under_the_content_policy(api_server, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors, foreign = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    own = urlsplit(api_server).netloc
    page.on(
        "request",
        lambda request: foreign.append(request.url)
        if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own
        else None,
    )
    page.goto(f"{api_server}/api/v1/docs/")
    expect(page.locator(".opblock")).to_have_count(len(METHODS))  # every operation the API declares
    page.screenshot(path="screenshots/api-docs.png")

    page.locator(".opblock-summary-get", has_text="/api/v1/search/").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200", timeout=20_000)
    page.locator(".opblock-summary-post", has_text="/api/v1/match/").click()
    expect(page.locator(".opblock-post .opblock-body")).to_be_visible()
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    context.close()

    assert violations == [] and errors == [] and foreign == []
