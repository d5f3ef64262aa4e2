"""Schemathesis against the live API, on whichever backends the run has: requests generated from
/api/v1/openapi.json (valid and invalid ones), and every answer checked against the document —
no 5xx, documented status codes, content types, headers and bodies, JSON 405s with Allow.

Two of schemathesis' checks are left out on purpose: `positive_data_acceptance` (a request that
fits the document may still be refused: sort=distance needs near, within names a landmark that
must exist, page × page_size ≤ 10,000 — rules across parameters or on the data, which OpenAPI
cannot state) and `negative_data_rejection` (`lang` and empty values are accepted leniently, as
the portal's links rely on). Their real contract — a JSON 400 naming each bad parameter — is
tested in test_api.py and test_hostile_input.py."""

import subprocess
import sys

import pytest

from search.endpoints import METHODS
from tests.conftest import ALL_KINDS, lines, run_import

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES_PER_OPERATION = 25  # about a minute per backend on the shared CI machine
LEFT_OUT = "positive_data_acceptance,negative_data_rejection"


@pytest.fixture
def api_url(live_server, migrated, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_THROTTLE = None  # the API's throttle, if configured, must not meet this volume
    result = run_import(lines(*ALL_KINDS), publish=True)
    assert result.ok, result.problems
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    if es is not None:
        es.refresh()
    return f"{live_server.url}/api/v1/openapi.json"


def test_every_answer_conforms_to_the_openapi_document(api_url, tmp_path):
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        api_url,
        "--checks=all",
        f"--exclude-checks={LEFT_OUT}",
        f"--max-examples={EXAMPLES_PER_OPERATION}",
        "--phases=coverage,fuzzing",
        "--workers=1",
        "--request-timeout=20",
        "--no-color",
        "--suppress-health-check=all",
    ]
    # In a scratch folder: schemathesis keeps a cache of its findings where it runs.
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    every = len(METHODS)  # every operation the API declares was tried
    assert f"{every} selected / {every} total" in output, output[-3000:]
    assert "No issues found" in output, output[-3000:]
