"""Validators and conditional requests (RFC 9110 section 13) for the API's GET and HEAD.

An ordinary answer's ETag is strong, the hash of its body, so a 304 is given only for the very
bytes the client holds: after a publish that changes a result, the old ETag gets the new body.
A streamed download is never held whole; its ETag is weak, from the data's state (search/
freshness.py) and the request, and is checked before the download is built. Last-Modified is
the data's latest change once settled (see DataState). Header values that do not parse are
ignored, as the RFC asks; Range is not supported, so a Range header is ignored too."""

import hashlib
import time

from django.http import HttpResponseNotModified
from django.utils.cache import set_response_etag
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import get_language

from search.freshness import DataState

# What a 304 repeats of the answer it stands for (RFC 9110 section 15.4.5).
KEPT_ON_304 = (
    "Cache-Control",
    "Content-Location",
    "Date",
    "ETag",
    "Expires",
    "Last-Modified",
    "Vary",
)


def state_etag(request, state: DataState) -> str:
    """The weak validator of a download: the same data, asked for the same way, in the same
    language, gives the same file."""
    asked = f"{state.token}\n{request.get_full_path()}\n{get_language()}"
    return f'W/"{hashlib.sha256(asked.encode()).hexdigest()[:40]}"'


def set_validators(response, state: DataState, etag: str | None = None) -> None:
    if etag:
        response["ETag"] = etag
    elif not response.has_header("ETag"):
        set_response_etag(response)  # strong: the MD5 of the body (none for a stream)
    if state.last_modified is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(state.last_modified.timestamp())


def precondition(request, etag: str | None, last_modified: int | None) -> int | None:
    """304 or 412 when the request's preconditions say so, else None (RFC 9110 13.2.2).
    A date is compared only when the answer has one."""
    meta = request.META
    if_match = parse_etags(meta.get("HTTP_IF_MATCH", ""))
    unmodified_since = _past_date(meta.get("HTTP_IF_UNMODIFIED_SINCE"))
    if if_match and not _strong_match(etag, if_match):
        return 412
    changed_since = None not in (last_modified, unmodified_since) and (
        last_modified > unmodified_since
    )
    if not if_match and changed_since:
        return 412
    if_none_match = parse_etags(meta.get("HTTP_IF_NONE_MATCH", ""))
    if if_none_match:
        return 304 if _weak_match(etag, if_none_match) else None
    modified_since = _past_date(meta.get("HTTP_IF_MODIFIED_SINCE"))
    if None not in (last_modified, modified_since) and last_modified <= modified_since:
        return 304
    return None


def last_modified_of(response) -> int | None:
    return parse_http_date_safe(response.get("Last-Modified", ""))


def not_modified(response) -> HttpResponseNotModified:
    answer = HttpResponseNotModified()
    for header in KEPT_ON_304:
        if response.has_header(header):
            answer[header] = response[header]
    return answer


def _past_date(value: str | None) -> int | None:
    """An HTTP date, in seconds; None for garbage, or for a date in the future (the RFC's
    invalid date: it could hide every later change)."""
    seconds = parse_http_date_safe(value or "")
    if seconds is None or seconds > time.time():
        return None
    return seconds


def _strong_match(etag: str | None, candidates: list[str]) -> bool:
    if not etag:
        return False
    if candidates == ["*"]:
        return True
    return not etag.startswith("W/") and etag in candidates


def _weak_match(etag: str | None, candidates: list[str]) -> bool:
    if not etag:
        return False
    if candidates == ["*"]:
        return True
    opaque = etag.removeprefix("W/")
    return any(candidate.removeprefix("W/") == opaque for candidate in candidates)
