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


def setting(name, **env):
    code = f"from django.conf import settings; print(settings.{name})"
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_shared_cache_is_the_database_table_or_redis(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DNHUB_DATA_DIR": str(tmp_path)}
    assert "DatabaseCache" in setting('CACHES["ratelimit"]', **env)
    redis = setting('CACHES["ratelimit"]', REDIS_URL="redis://127.0.0.1:6379/0", **env)
    assert "RedisCache" in redis and "redis://127.0.0.1:6379/0" in redis


def test_production_requires_a_second_factor_for_staff_unless_told_otherwise(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "DNHUB_DATA_DIR": str(tmp_path),
           "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "hub.dongnai.example"}  # fmt: skip
    assert setting("REQUIRE_STAFF_2FA", **env) == "True"
    assert setting("REQUIRE_STAFF_2FA", REQUIRE_STAFF_2FA="off", **env) == "False"
    assert setting("REQUIRE_STAFF_2FA", DJANGO_SETTINGS_MODULE="cms.settings.dev",
                   DNHUB_DATA_DIR=str(tmp_path)) == "False"  # fmt: skip
