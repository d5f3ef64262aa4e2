"""Tests: the same backends as configured, with their own search index prefix and a fast hasher."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", f"dnhub-test-{os.getpid()}")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEMO_ADMIN = False
API_THROTTLE = None  # tests make many requests from one address; the throttle's tests turn it on
# The browser tests' live server answers in threads: their connections must close with each
# request, or PostgreSQL cannot drop the test database at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the rate-limit tests run several processes against one database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
