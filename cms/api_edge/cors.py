"""CORS for the public API: any origin may read it, and send the matching request, from a
browser. Never with credentials: the API sets no cookies and reads none, and `*` with
credentials is refused by browsers anyway. The answer is the same for every origin, so it does
not vary on Origin (caches keep one copy)."""

from django.http import HttpResponse

from .policy import Endpoint

# What a cross-origin script may send beyond the always-allowed headers: a JSON body, and the
# validators and language it revalidates and reads with.
ALLOWED_HEADERS = (
    "Accept",
    "Accept-Language",
    "Content-Type",
    "If-Modified-Since",
    "If-None-Match",
)
# What it may read beyond Cache-Control, Content-Language, Content-Length, Content-Type,
# Expires, Last-Modified and Pragma (always readable).
EXPOSED_HEADERS = (
    "Allow",
    "Content-Disposition",
    "ETag",
    "Link",
    "Retry-After",
    "X-Request-ID",
)
# How long a browser may reuse a preflight's answer (each caps it: Chromium at 2 hours).
MAX_AGE_SECONDS = 86400


def add_cors_headers(response) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)


def options_response(endpoint: Endpoint) -> HttpResponse:
    """The answer to OPTIONS, a CORS preflight or not: 204, what the endpoint allows."""
    response = HttpResponse(status=204)
    del response["Content-Type"]  # no body, so no type
    methods = ", ".join(endpoint.methods)
    response["Allow"] = methods
    response["Access-Control-Allow-Methods"] = methods
    response["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
    response["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
    return response
