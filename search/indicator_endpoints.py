"""The indicators' operations, declared for django-ninja (as search/endpoints.py declares the
others, which mounts this router at /indicators/): reads for anyone, writes for a signed-in
member of staff allowed to change indicators, with the admin's session and its CSRF token."""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django_otp import user_has_device
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.security import SessionAuth
from ninja.utils import check_csrf

from registry.interchange.workbook import XLSX_CONTENT_TYPE
from registry.models.indicator import Indicator

from . import indicators_api as views
from .api_http import error
from .api_params import IndicatorParams, IndicatorPath, IndicatorTargetBody, IndicatorValueBody
from .api_schemas import ERRORS, Error, IndicatorDetail, IndicatorList

router = Router(tags=["indicators"])
METHODS: dict[str, str] = {}  # url name -> its one method (search/endpoints.py merges them)


class CsrfRefused(HttpError):
    def __init__(self):
        super().__init__(403, "CSRF")


class SecondFactorMissing(HttpError):
    def __init__(self):
        super().__init__(403, "second factor")


class StaffSession(SessionAuth):
    """The admin's own sign-in: a session of an active member of staff. The CSRF token is
    checked once the session is known (an anonymous request is told to sign in, not about a
    token it could not have)."""

    def __init__(self):
        super().__init__(csrf=False)

    def authenticate(self, request, key):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return None
        # The admin asks for the second factor before anything else (cms.middleware); a
        # session signed in with the password alone must not write official figures here.
        if not user.is_verified() and (user_has_device(user) or settings.REQUIRE_STAFF_2FA):
            raise SecondFactorMissing
        try:
            refused = check_csrf(request) is not None
        except RequestDataTooBig:
            raise HttpError(413, "too large") from None
        except (MultiPartParserError, SuspiciousOperation, BadRequest):
            # Django's check reads a form field first: a body that claims to be a form and
            # is not one is the client's error, not a server's.
            raise HttpError(400, "unreadable") from None
        if refused:
            raise CsrfRefused
        return user


def not_authenticated(request, exc):
    return error(
        401,
        "not_authenticated",
        _(
            "Sign in to the admin first: this endpoint takes the admin's session and its CSRF "
            "token."
        ),
    )


def second_factor_missing(request, exc):
    return error(
        403,
        "second_factor_required",
        _("Finish signing in to the admin with your second factor first."),
    )


def csrf_refused(request, exc):
    return error(
        403,
        "csrf_failed",
        _(
            "The CSRF token is missing or wrong: send the value of the csrftoken cookie in "
            "the X-CSRFToken header."
        ),
    )


def list_indicator_codes(schema: dict) -> None:
    """The codes an indicator's address takes are the data's own, listed in the document as
    they are when it is asked for (as the technology codes are)."""
    codes = sorted(Indicator.objects.values_list("code", flat=True))
    for route, operations in schema["paths"].items():
        if "/indicators/{code}/" not in route or not codes:
            continue
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "code":
                    parameter["schema"]["enum"] = codes


SPREADSHEETS = {
    "text/csv": {"schema": {"type": "string"}},
    XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
}


def operation(method: str, route: str, name: str, summary: str, response: dict, **kwargs):
    METHODS[name] = method
    return router.api_operation(
        [method],
        route,
        url_name=name,
        operation_id=name.removeprefix("api-").replace("-", "_"),
        summary=summary,
        response={**ERRORS, **response},
        **kwargs,
    )


def _download(description: str) -> dict:
    return {"responses": {200: {"description": description, "content": SPREADSHEETS}}}


@operation(
    "GET",
    "/",
    "api-indicators",
    "Resolution 57 indicators",
    {200: IndicatorList},
    openapi_extra=_download("JSON; or, with format, a spreadsheet (one row per target)."),
)
def indicator_list(request, params: Query[IndicatorParams]):
    """Every indicator of the province's Resolution 57 plan: its current value (computed live
    from the registry, or the latest the agency reported, with its source), its targets and
    whether it is on track. `format=csv|csv-semicolon` gives one row per indicator and target;
    `format=xlsx` a workbook with that sheet and every indicator's history."""
    return views.list_view(request)


@operation(
    "GET",
    "/{code}/",
    "api-indicator",
    "One indicator and its history",
    {200: IndicatorDetail},
    openapi_extra=_download("JSON; or, with format, its history as a spreadsheet."),
)
def indicator(request, which: Path[IndicatorPath], params: Query[IndicatorParams]):
    """One indicator with its history: the registry's daily snapshots, or every value the
    agency reported."""
    return views.detail_view(request, which.code)


WRITE_ERRORS = {201: IndicatorDetail, 401: Error, 403: Error, 413: Error}


def _body(schema) -> dict:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


@operation(
    "POST",
    "/{code}/values/",
    "api-indicator-values",
    "Report a value",
    WRITE_ERRORS,
    auth=StaffSession(),
    openapi_extra=_body(IndicatorValueBody),
)
def indicator_value(request, which: Path[IndicatorPath]):
    """Add a value the agency reports, with its source (staff allowed to change indicators,
    signed in to the admin; send the CSRF token). Saved as a new revision of the indicator.
    Refused (400, nothing saved) for an indicator computed from the registry, a value without
    a source, or one the unit cannot take (a percentage over 100, a population of 0)."""
    return views.add_value_view(request, which.code)


@operation(
    "POST",
    "/{code}/targets/",
    "api-indicator-targets",
    "Add a target",
    WRITE_ERRORS,
    auth=StaffSession(),
    openapi_extra=_body(IndicatorTargetBody),
)
def indicator_target(request, which: Path[IndicatorPath]):
    """Add a target (not for a year already past), as a new revision of the indicator."""
    return views.add_target_view(request, which.code)
