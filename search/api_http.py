"""The API's HTTP plumbing: errors as JSON (`{"error": {code, message, fields}}`), the methods
each endpoint answers, Django's 400/404/500 in that form under /api/, and strict JSON bodies."""

import json
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .query import InvalidQuery


def error(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return JsonResponse({"error": body}, status=status)


def is_api(request) -> bool:
    return request.path_info == "/api" or request.path_info.startswith("/api/")


def invalid(problem: InvalidQuery) -> JsonResponse:
    return error(400, "invalid_parameter", _("Invalid parameters."), problem.errors)


def allow(*methods: str):
    """Answer only these methods (GET brings HEAD); any other gets a JSON 405 with an Allow
    header. CSRF-exempt: a public API sets no cookies, so there is nothing to forge, and a
    refused method must read 405, not Django's HTML CSRF page."""
    allowed = sorted({*methods, *(["HEAD"] if "GET" in methods else [])})

    def decorate(view):
        @wraps(view)
        def answer(request, *args, **kwargs):
            if request.method not in allowed:
                response = error(
                    405,
                    "method_not_allowed",
                    _("This endpoint answers %(allowed)s only.") % {"allowed": ", ".join(allowed)},
                )
                response["Allow"] = ", ".join(allowed)
                return response
            return view(request, *args, **kwargs)

        return csrf_exempt(answer)

    return decorate


def too_large(limit: int) -> JsonResponse:
    return error(
        413,
        "too_large",
        _("The request body is too large: at most %(kb)d kB.") % {"kb": limit // 1024},
    )


@csrf_exempt
def not_found_view(request, *args, **kwargs):
    """Every /api/ path that names no endpoint: a JSON 404. Without the trailing slash, where
    the path with one is an endpoint, a redirect that keeps the method (what APPEND_SLASH did
    before this catch-all made every /api/ path resolve)."""
    path = request.path_info
    if not path.endswith("/"):
        match = resolve_or_none(path + "/")
        if match is not None and match.func is not not_found_view:
            target = request.get_full_path(force_append_slash=True)
            response = error(
                308, "moved", _("Use %(url)s (with the trailing slash).") % {"url": target}
            )
            response["Location"] = target
            return response
    return error(404, "not_found", _("No API endpoint at this address; see /api/v1/search/."))


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


def request_error(request, exception=None) -> JsonResponse:
    """Django's 400 (an unreadable request: too many parameters, a body over the upload
    limit) in the API's JSON."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if isinstance(exception, TooManyFieldsSent):
        return error(
            400,
            "invalid_request",
            _("Too many parameters: at most %(n)d.")
            % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
        )
    return error(400, "invalid_request", _("The request could not be read."))


def server_error(request) -> JsonResponse:
    return error(500, "server_error", _("Something went wrong on our side; please try again."))


class InvalidBody(ValueError):
    """A request body that is not strict JSON; the message says why, for the 400."""


def _not_json(constant: str):
    raise InvalidBody(_("%(constant)s is not a JSON number") % {"constant": constant})


def read_json(raw: bytes):
    """Strict JSON: no NaN or Infinity (Python's json accepts them), no nesting so deep that
    the parser recurses out of stack, and valid Unicode throughout (a lone surrogate escape such
    as "\\ud800" could reach neither the database nor a UTF-8 response)."""
    try:
        body = json.loads(raw or b"null", parse_constant=_not_json)
    except InvalidBody:
        raise
    except RecursionError:
        raise InvalidBody(_("nested too deeply")) from None
    except (ValueError, UnicodeDecodeError):
        raise InvalidBody(_("invalid JSON")) from None
    pending = [body]
    while pending:  # iterative: the parser allows deeper nesting than recursion would
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value)
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            try:
                value.encode()
            except UnicodeEncodeError:
                raise InvalidBody(_("text that is not valid Unicode")) from None
    return body
