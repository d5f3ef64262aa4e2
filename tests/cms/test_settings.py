import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def clean_environment() -> dict:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ELASTICSEARCH_URL", "SECRET_KEY", "DEBUG"}
    }


@pytest.fixture(scope="module")
def read_settings():
    """Evaluate an expression over the settings a given environment produces: one child process
    (tests/cms/settings_reader.py) answers every such question, where a `manage.py shell` per
    question cost seconds each."""
    reader = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.cms.settings_reader"],
        cwd=REPO,
        env=clean_environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def read(expression: str, **env) -> dict:
        request = {"env": clean_environment() | env, "expression": expression}
        reader.stdin.write(json.dumps(request) + "\n")
        reader.stdin.flush()
        return json.loads(reader.stdout.readline())

    yield read
    reader.terminate()  # it holds nothing worth a graceful exit
    reader.wait(timeout=30)


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path, read_settings):
    answer = read_settings(
        'check("--deploy", "--fail-level", "WARNING")',
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 20 + "-a-long-random-production-key-" + "y" * 20,
        ALLOWED_HOSTS="hub.dongnai.example",
        DNHUB_DATA_DIR=str(tmp_path),
    )
    assert "no issues" in answer.get("value", ""), answer


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path, read_settings):
    answer = read_settings(
        "settings.SECRET_KEY",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DNHUB_DATA_DIR=str(tmp_path),
    )
    assert answer["error"].startswith("ImproperlyConfigured: SECRET_KEY must be set")


def test_embedded_default_needs_no_configuration(tmp_path, read_settings):
    answer = read_settings(
        "check()", DJANGO_SETTINGS_MODULE="cms.settings.dev", DNHUB_DATA_DIR=str(tmp_path)
    )
    assert "no issues" in answer.get("value", ""), answer


def test_secret_key_rotation_keeps_what_the_old_key_signed(tmp_path, read_settings):
    """Sessions and reset links signed with the old key stay valid while it is a fallback."""
    from django.core import signing

    old_key, new_key = "o" * 50, "n" * 50
    token = signing.dumps("still signed in", key=old_key)
    read = f"signing.loads({token!r})"
    production = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": new_key,
        "ALLOWED_HOSTS": "hub.dongnai.example",
        "DNHUB_DATA_DIR": str(tmp_path),
    }
    rotating = read_settings(read, SECRET_KEY_FALLBACKS=old_key, **production)
    assert rotating == {"value": "still signed in"}
    rotated = read_settings(read, **production)
    assert rotated["error"].startswith("BadSignature")


def test_the_shared_cache_is_the_database_table_or_redis(tmp_path, read_settings):
    def ratelimit_cache(**env):
        answer = read_settings('settings.CACHES["ratelimit"]', **env)
        assert "value" in answer, answer
        return answer["value"]

    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DNHUB_DATA_DIR": str(tmp_path)}
    assert "DatabaseCache" in ratelimit_cache(**env)
    redis = ratelimit_cache(REDIS_URL="redis://127.0.0.1:6379/0", **env)
    assert "RedisCache" in redis and "redis://127.0.0.1:6379/0" in redis


def test_production_requires_a_second_factor_for_staff_unless_told_otherwise(
    tmp_path, read_settings
):
    def staff_2fa(**env):
        return read_settings("settings.REQUIRE_STAFF_2FA", **env)

    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "DNHUB_DATA_DIR": str(tmp_path),
           "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "hub.dongnai.example"}  # fmt: skip
    assert staff_2fa(**env) == {"value": "True"}
    assert staff_2fa(REQUIRE_STAFF_2FA="off", **env) == {"value": "False"}
    assert staff_2fa(DJANGO_SETTINGS_MODULE="cms.settings.dev",
                     DNHUB_DATA_DIR=str(tmp_path)) == {"value": "False"}  # fmt: skip


def test_the_canonical_site_address_is_set_or_derived_and_checked(tmp_path, read_settings):
    production = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "x" * 50,
                  "DNHUB_DATA_DIR": str(tmp_path)}  # fmt: skip
    site = "settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL"
    assert read_settings(
        site, ALLOWED_HOSTS="hub.dongnai.example,www.hub.example", **production
    ) == {"value": "('https://hub.dongnai.example', 'https://hub.dongnai.example')"}
    assert read_settings(
        site, SITE_URL="https://Hub.Example.vn/", ALLOWED_HOSTS="*", **production
    ) == {"value": "('https://hub.example.vn', 'https://hub.example.vn')"}
    for unnamed in ("*", "10.0.0.5", ".dongnai.example", "localhost"):
        answer = read_settings(site, ALLOWED_HOSTS=unnamed, **production)
        assert answer["error"].startswith("ImproperlyConfigured: SITE_URL must be set"), unnamed
    with_path = read_settings(site, SITE_URL="https://hub.example.vn/vi/", **production)
    assert with_path["error"].startswith("ImproperlyConfigured: SITE_URL must be http(s)://host")
    development = read_settings(site, DJANGO_SETTINGS_MODULE="cms.settings.dev",
                                DNHUB_DATA_DIR=str(tmp_path))  # fmt: skip
    assert development == {"value": "('http://localhost:8000', 'http://localhost:8000')"}


def test_the_api_throttle_is_a_rate_per_period_or_off(tmp_path, read_settings):
    def throttle(**env):
        return read_settings("settings.API_THROTTLE", **env)

    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DNHUB_DATA_DIR": str(tmp_path)}
    assert throttle(**env) == {"value": "(300, 60)"}
    assert throttle(API_THROTTLE="1000/hour", **env) == {"value": "(1000, 3600)"}
    assert throttle(API_THROTTLE="", **env) == {"value": "None"}
    assert throttle(API_THROTTLE="0", **env) == {"value": "None"}
    wrong = throttle(API_THROTTLE="lots/minute", **env)
    assert wrong["error"].startswith("ImproperlyConfigured: API_THROTTLE must be like 300/minute")
    assert throttle(DJANGO_SETTINGS_MODULE="cms.settings.test") == {"value": "None"}
