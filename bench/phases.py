"""Each benchmark configuration runs in a fresh process with its own throw-away data folder."""

import json
import os
import subprocess
import sys
import tempfile


def run_phase(script: str, args: list[str], prefix: str, es_url="", database_url="") -> dict:
    """Run `script --phase *args` with the dev settings, a temporary DNHUB_DATA_DIR and only the
    services given; return the JSON its last output line prints."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DNHUB_DATA_DIR": tmp,
            "SEARCH_INDEX_PREFIX": prefix,
            "LOG_LEVEL": "ERROR",
        }
        env.pop("ELASTICSEARCH_URL", None)
        env.pop("DATABASE_URL", None)
        if es_url:
            env["ELASTICSEARCH_URL"] = es_url
        if database_url:
            env["DATABASE_URL"] = database_url
        command = [sys.executable, script, "--phase", *args]
        done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if done.returncode:
            sys.exit(f"benchmark phase failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
