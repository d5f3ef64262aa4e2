"""Logs a server operator can follow: JSON lines on stderr (production), each carrying the id
of the request it belongs to, which the response also returns as X-Request-ID."""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
# A proxy's id is kept if it is a plain token; anything else could forge or garble log lines.
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
NO_REQUEST = "-"

request_id = contextvars.ContextVar("request_id", default=NO_REQUEST)


class RequestIdMiddleware:
    """Takes the proxy's X-Request-ID when sane, else makes one; logs and the response carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        current = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[HEADER] = current
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (`-` outside a request)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


def json_logging(level: str) -> dict:
    """The LOGGING setting for JSON lines on stderr: Django's errors (500s with their
    traceback), the project's own loggers and everything else at WARNING."""
    handler = {"handlers": ["stderr"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "django": {**handler, "level": "INFO"},
            "django.server": {**handler, "level": "INFO"},
            "dnhub": {**handler, "level": level},
            "elastic_transport": {**handler, "level": "WARNING"},
        },
    }
