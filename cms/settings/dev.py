"""Local development: the embedded default (SQLite, database search) unless configured otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only here: dev settings never serve the public.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"  # noqa: S105
DEMO_ADMIN = True
