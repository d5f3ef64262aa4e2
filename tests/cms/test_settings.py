import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 20 + "-a-long-random-production-key-" + "y" * 20,
        ALLOWED_HOSTS="hub.dongnai.example",
        DNHUB_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="cms.settings.production", DNHUB_DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_embedded_default_needs_no_configuration(tmp_path):
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="cms.settings.dev", DNHUB_DATA_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secret_key_rotation_keeps_what_the_old_key_signed(tmp_path):
    """Sessions and reset links signed with the old key stay valid while it is a fallback."""
    from django.core import signing

    old_key, new_key = "o" * 50, "n" * 50
    token = signing.dumps("still signed in", key=old_key)
    read = f"from django.core import signing; print(signing.loads({token!r}))"
    production = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": new_key,
        "ALLOWED_HOSTS": "hub.dongnai.example",
        "DNHUB_DATA_DIR": str(tmp_path),
    }
    rotating = manage("shell", "-c", read, SECRET_KEY_FALLBACKS=old_key, **production)
    assert rotating.returncode == 0, rotating.stderr
    assert rotating.stdout.strip().splitlines()[-1] == "still signed in"
    rotated = manage("shell", "-c", read, **production)
    assert "BadSignature" in rotated.stderr
