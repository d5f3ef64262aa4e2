"""gunicorn settings for the portal (scripts/serve, deploy/Containerfile, deploy/dnhub-web.service).

Everything an install tunes comes from the environment, with defaults for a 2-core machine:
    GUNICORN_BIND           where to listen (default 127.0.0.1:8000; 0.0.0.0:8000 in a container)
    GUNICORN_WORKERS        processes (default 2 × cores + 1, at most 5)
    GUNICORN_THREADS        threads per process (default 4: requests wait on PostgreSQL and
                            Elasticsearch more than they compute)
    GUNICORN_TIMEOUT        seconds before a stuck request's worker is replaced (default 30)
    FORWARDED_ALLOW_IPS     proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1)
"""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 5))
# Threads make gunicorn use its gthread worker: a slow client holds a thread, not a process.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On TERM (a deploy, systemctl stop), workers finish the requests they hold for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Replace each worker now and then, so that a slow leak never grows without bound; the jitter
# keeps them from restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs to stderr: journald, the container runtime or scripts/serve collect them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the application once in the master: workers fork from it (less memory, faster restarts).
preload_app = True
# Worker heartbeats in memory, as gunicorn advises: a slow disk (container overlays) must not
# make the master think its workers hang.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
proc_name = "dnhub-web"
