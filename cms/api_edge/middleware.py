"""ApiHttpMiddleware: what every answer of the public API carries, whichever view gives it
(policy.py says, per endpoint, what is allowed and cached)."""

from dataclasses import replace

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from registry.language import language
from search.api_http import error
from search.freshness import data_state

from . import conditional, cors, throttle
from .policy import cache_control_for, endpoint_for

# What the API's language is read from besides the URL (`lang`): the body changes with it.
VARY = ("Accept-Language",)


class ApiHttpMiddleware:
    """For the public API only (policy.endpoint_for): OPTIONS answered here; the throttle;
    HEAD served as GET without the body; the language from `lang` or Accept-Language, never
    the portal's cookie (caches could not tell such answers apart); validators and 304s for
    GET; Cache-Control, Vary and CORS headers on every answer, errors included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        endpoint = getattr(request, "api_endpoint", None)
        if endpoint is None:
            return response
        head = request.META.get("REQUEST_METHOD") == "HEAD"
        if request.method == "GET" and response.status_code == 200:
            response = self._validated(request, response)
        if response.status_code != 204:
            response["Cache-Control"] = cache_control_for(endpoint, response.status_code)
        if response.status_code == 405 and endpoint.known:
            response["Allow"] = ", ".join(endpoint.methods)
        patch_vary_headers(response, VARY)
        cors.add_cors_headers(response)
        if head:
            request.method = "HEAD"
            _drop_body(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        endpoint = endpoint_for(request)
        if endpoint is None:
            return None
        request.api_endpoint = endpoint
        translation.activate(_api_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        if request.method == "OPTIONS" and endpoint.known:
            return cors.options_response(endpoint)
        refused = throttle.refusal(request)
        if refused is not None:
            return refused
        if request.method == "HEAD" and "GET" in endpoint.methods:
            request.method = "GET"  # as Django's generic views do: the GET's headers, no body
        if request.method == "GET":
            # Read before the view: data that changes while it runs is then labelled older
            # than it is, and revalidated, never the reverse.
            request.api_state = data_state()
            if endpoint.by_state:
                request.api_etag = conditional.state_etag(request, request.api_state)
                return self._early_answer(request)
        return None

    def _early_answer(self, request):
        """A download the client already holds, or refuses, is not built again."""
        state = request.api_state
        last_modified = state.last_modified
        seconds = int(last_modified.timestamp()) if last_modified else None
        outcome = conditional.precondition(request, request.api_etag, seconds)
        if outcome is None:
            return None
        if outcome == 412:
            return _precondition_failed()
        answer = HttpResponseNotModified()
        conditional.set_validators(answer, state, request.api_etag)
        return answer

    def _validated(self, request, response):
        state = getattr(request, "api_state", None)
        if state is None:
            return response
        if not request.api_endpoint.dated:
            state = replace(state, settled=False)  # so no Last-Modified (see Endpoint.dated)
        conditional.set_validators(response, state, getattr(request, "api_etag", None))
        etag = response.get("ETag")
        outcome = conditional.precondition(request, etag, conditional.last_modified_of(response))
        # The full answer is dropped unread (not closed: closing a response tells Django the
        # request has finished, which the answer that replaces it does).
        if outcome == 304:
            return conditional.not_modified(response)
        if outcome == 412:
            return _precondition_failed()
        return response


def _api_language(request) -> str:
    """`lang` when given (as the views read it), else the best of Accept-Language the site
    has, else the default language."""
    chosen = request.GET.get("lang")
    if not chosen:
        accepted = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
        for code, _quality in parse_accept_lang_header(accepted):
            if code == "*":
                break
            try:
                chosen = translation.get_supported_language_variant(code)
                break
            except LookupError:
                continue
    return language(chosen or settings.LANGUAGE_CODE)


def _precondition_failed():
    return error(
        412,
        "precondition_failed",
        _("The data has changed since the version given in If-Match or If-Unmodified-Since."),
    )


def _drop_body(response) -> None:
    """HEAD: the GET's headers and length, no body, whatever the server does with it."""
    if response.streaming:
        response.streaming_content = []
        return
    response["Content-Length"] = str(len(response.content))
    response.content = b""
