"""Under the production settings a failing request leaves one JSON line on stderr with the
traceback and the request's id, which the response also carries."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REQUEST = """
import django
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.cms.failing_urls"):
    response = Client(raise_request_exception=False).get(
        "/fail/", secure=True, HTTP_HOST="hub.dongnai.example", **{HEADERS}
    )
print(response.status_code, response.headers.get("X-Request-ID"))
"""


def failing_request(tmp_path, headers: dict) -> tuple[str, list[dict]]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ELASTICSEARCH_URL"}}
    (tmp_path / "static").mkdir()  # as after collectstatic: WhiteNoise warns (in plain text) else
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", REQUEST.replace("{HEADERS}", repr(headers))],
        cwd=REPO,
        env=env
        | {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "hub.dongnai.example",
            "DNHUB_DATA_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    return result.stdout.strip(), lines


def test_a_failing_request_logs_one_json_line_with_traceback_and_request_id(tmp_path):
    answer, lines = failing_request(tmp_path, {"HTTP_X_REQUEST_ID": "edge-7f3a9c"})
    assert answer == "500 edge-7f3a9c"
    errors = [line for line in lines if line["name"] == "django.request"]
    assert len(errors) == 1, lines
    assert errors[0]["levelname"] == "ERROR"
    assert errors[0]["request_id"] == "edge-7f3a9c"
    assert "RuntimeError: the view failed on purpose" in errors[0]["exc_info"]
    assert "Traceback" in errors[0]["exc_info"]


def test_a_request_id_that_is_not_a_sane_token_is_replaced(tmp_path):
    answer, lines = failing_request(tmp_path, {"HTTP_X_REQUEST_ID": 'bad id"<script>'})
    status, request_id = answer.split()
    assert status == "500" and request_id.isalnum() and len(request_id) == 32
    assert [line["request_id"] for line in lines if line["name"] == "django.request"] == [
        request_id
    ]
