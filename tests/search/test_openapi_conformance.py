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
from django.conf import settings
from schemathesis.core.warnings import SchemathesisWarning

from search.endpoints import METHODS
from tests.conftest import ALL_KINDS, lines, run_import

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES_PER_OPERATION = 25  # about a minute per backend on the shared CI machine
LEFT_OUT = "positive_data_acceptance,negative_data_rejection"
# Schemathesis' default warnings (each fails the run) but one: that the indicators' write
# endpoints refuse most bodies the document allows. They must: a value's bounds follow the
# indicator's unit, a registry figure takes none, a target's year must not be past — rules on
# the data again.
WARNINGS = ",".join(
    sorted(
        set(SchemathesisWarning)
        - {SchemathesisWarning.VALIDATION_MISMATCH, SchemathesisWarning.LOW_VALID_RATE}
    )
)


@pytest.fixture
def api_url(live_server, migrated, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_THROTTLE = None  # the API's throttle, if configured, must not meet this volume
    result = run_import(lines(*ALL_KINDS), publish=True)
    assert result.ok, result.problems
    _indicators()
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    if es is not None:
        es.refresh()
    return f"{live_server.url}/api/v1/openapi.json"


def _indicators():
    """A registry figure and an agency series, so the indicators' answers have content."""
    from datetime import date

    from registry.models.indicator import Indicator, IndicatorTarget, IndicatorValue

    computed = Indicator.objects.create(
        code="global_tech_leaders", name="Doanh nghiệp dẫn đầu", name_en="Leaders",
        unit="count", origin="registry", theme="ecosystem",
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=computed, year=2030, comparison="gte", value=1)
    reported = Indicator.objects.create(
        code="population", name="Dân số", name_en="Population", unit="people", origin="agency",
        theme="context",
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=reported, as_of=date(2024, 12, 31), value=4_491_408, source="Cục Thống kê"
    )


def curators_session() -> list[str]:
    """Headers of a curator signed in to the admin, with the CSRF token: the indicators' write
    endpoints are then reached past their sign-in (schemathesis also sends requests without
    them, which must be refused)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from cms.moderation import CURATORS

    curator = get_user_model().objects.create_user("curator", "c@example.invalid", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATORS))
    browser = Client()
    browser.force_login(curator)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    token = "abcdefghijklmnopqrstuvwxyzABCDEF"  # a CSRF cookie secret of Django's form
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}"
    return [f"--header=Cookie: {cookie}", f"--header=X-CSRFToken: {token}"]


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
        f"--warnings={WARNINGS}",
        *curators_session(),
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
