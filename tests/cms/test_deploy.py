"""The deployment files: gunicorn's configuration reads the environment, with safe defaults."""

import runpy
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def load_gunicorn_config(monkeypatch, **env):
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_THREADS", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def test_gunicorn_defaults_suit_a_small_server_behind_a_local_proxy(monkeypatch):
    config = load_gunicorn_config(monkeypatch)
    assert config["bind"] == ["127.0.0.1:8000"]  # never open to the network by default
    assert 2 <= config["workers"] <= 5
    assert config["threads"] >= 2
    assert config["forwarded_allow_ips"] == "127.0.0.1"
    assert config["accesslog"] == "-" and config["errorlog"] == "-"
    assert config["graceful_timeout"] < 30  # within systemd's TimeoutStopSec


def test_gunicorn_takes_its_settings_from_the_environment(monkeypatch):
    config = load_gunicorn_config(
        monkeypatch,
        GUNICORN_BIND="0.0.0.0:8000",
        GUNICORN_WORKERS="9",
        GUNICORN_THREADS="2",
        FORWARDED_ALLOW_IPS="10.0.0.2",
    )
    assert config["bind"] == ["0.0.0.0:8000"]
    assert config["workers"] == 9
    assert config["threads"] == 2
    assert config["forwarded_allow_ips"] == "10.0.0.2"


def test_systemd_units_run_the_tested_configuration():
    web = (DEPLOY / "dnhub-web.service").read_text()
    worker = (DEPLOY / "dnhub-worker.service").read_text()
    assert "gunicorn --config deploy/gunicorn.conf.py" in web
    assert "manage.py db_worker" in worker
    assert (
        "gunicorn --config deploy/gunicorn.conf.py"
        in (Path(__file__).resolve().parents[2] / "scripts" / "serve").read_text()
    )
