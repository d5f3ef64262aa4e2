"""The public API declared with django-ninja: each endpoint's parameters (search/api_params.py)
and answers (search/api_schemas.py) in one place, from which the OpenAPI 3.1 document at
/api/v1/openapi.json is generated. The views themselves stay in search/api.py; each operation
here hands the request over to one of them.

Around ninja, the API keeps its own HTTP contract (search/api_http.py): errors as
`{"error": {code, message, fields}}` in the request's language, a JSON 405 with Allow for any
other method, HEAD answered wherever GET is. Ninja's operations are GET or POST only; HEAD is
served as GET here (and by the HTTP middleware in front, where there is one)."""

from functools import wraps

from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger

from registry.interchange.workbook import XLSX_CONTENT_TYPE
from registry.models import Technology

from . import api as views
from . import indicator_endpoints
from .api_http import allow, error
from .api_params import (
    ExportParams,
    GeojsonParams,
    LangParams,
    MatchRequest,
    RecordPath,
    SearchParams,
    SuggestParams,
)
from .api_schemas import (
    ERRORS,
    Error,
    FeatureCollection,
    MatchProfiles,
    MatchResponse,
    Record,
    SearchResponse,
    SuggestResponse,
)
from .catalog.views import catalog_view

DESCRIPTION = (
    "The open data of the Đồng Nai Digital Hub registry: published records only, JSON "
    'throughout, every error `{"error": {code, message, fields}}` naming each bad parameter. '
    "Texts and links follow `lang` (vi or en)."
)


class RegistryAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["info"]["license"] = {"name": "Open data licence", "url": settings.OPEN_DATA_LICENCE}
        _list_technology_codes(schema)
        indicator_endpoints.list_indicator_codes(schema)
        return schema


def _list_technology_codes(schema: dict) -> None:
    """The technology codes a search accepts are the registry's own: the document lists them as
    they are when it is asked for (they change with the data, not with the code)."""
    codes = sorted(Technology.objects.values_list("code", flat=True))
    for operation in schema["paths"].values():
        for parameter in operation.get("get", {}).get("parameters", []):
            if parameter["name"] == "technology" and codes:
                parameter["schema"]["items"]["enum"] = codes


class LocalSwagger(Swagger):
    """Swagger UI from ninja's own static files (ninja is in INSTALLED_APPS), never a CDN, and no
    badge from the online validator."""

    def get_openapi_url(self, api, path_params) -> str:
        return reverse("api-openapi")


api = RegistryAPI(
    title="Đồng Nai Digital Hub — registry API",
    version="1.1",
    description=DESCRIPTION,
    openapi_url=None,  # served below, with the API's own method and error handling
    docs_url=None,
    docs=LocalSwagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    urls_namespace="api-v1",
)
METHODS: dict[str, str] = {}  # url name -> the one method its operation answers
api.add_router("/indicators/", indicator_endpoints.router)
METHODS.update(indicator_endpoints.METHODS)
api.add_exception_handler(AuthenticationError, indicator_endpoints.not_authenticated)
api.add_exception_handler(indicator_endpoints.CsrfRefused, indicator_endpoints.csrf_refused)
api.add_exception_handler(
    indicator_endpoints.SecondFactorMissing, indicator_endpoints.second_factor_missing
)


def operation(method: str, route: str, name: str, summary: str, response: dict, **kwargs):
    """Declare one endpoint (its docstring is the document's description of it)."""
    METHODS[name] = method

    def declare(view):
        return api.api_operation(
            [method],
            route,
            url_name=name,
            operation_id=name.removeprefix("api-").replace("-", "_"),
            summary=summary,
            response={**ERRORS, **response},
            **kwargs,
        )(view)

    return declare


@operation("GET", "/search/", "api-search", "Search", {200: SearchResponse}, tags=["search"])
def search(request, params: Query[SearchParams]):
    """Search the published records, with facets and pagination links."""
    return views.search_view(request)


@operation(
    "GET", "/suggest/", "api-suggest", "Suggest names", {200: SuggestResponse}, tags=["search"]
)
def suggest(request, params: Query[SuggestParams]):
    """Names starting with what has been typed (for autocompletion)."""
    return views.suggest_view(request)


@operation(
    "GET", "/records/{kind}/{ref}/", "api-record", "One record", {200: Record}, tags=["records"]
)
def record(request, which: Path[RecordPath]):
    """One published record in the interchange format."""
    return views.record_view(request, which.kind, which.ref)


@operation(
    "GET",
    "/export/",
    "api-export",
    "Export",
    {200: None},
    tags=["records"],
    openapi_extra={
        "responses": {
            200: {
                "description": "Streamed, as an attachment.",
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "text/csv": {"schema": {"type": "string"}},
                    XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def export(request, params: Query[ExportParams]):
    """Every published record: JSON Lines or an XLSX workbook (a sheet per kind) of any kinds,
    or CSV (UTF-8 with BOM; `csv` comma-separated, `csv-semicolon` for spreadsheets set to a
    Vietnamese locale) of one kind."""
    return views.export_view(request)


@operation(
    "GET",
    "/geojson/",
    "api-geojson",
    "Map points (GeoJSON)",
    {200: FeatureCollection},
    tags=["search"],
    # GeoJSON's own media type (RFC 7946) is documented beside JSON, for clients that ask for it.
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "application/geo+json": {
                        "schema": {"$ref": "#/components/schemas/FeatureCollection"}
                    }
                }
            }
        }
    },
)
def geojson(request, params: Query[GeojsonParams]):
    """The search's records with a location as GeoJSON features (RFC 7946), a page at a time,
    with the landmarks and zone outlines on request."""
    return views.geojson_view(request)


@operation(
    "POST",
    "/match/",
    "api-match",
    "Match plots",
    {200: MatchResponse, 413: Error},
    tags=["match"],
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": MatchRequest.model_json_schema()}},
        }
    },
)
def match(request):
    """Plots ranked for an investor's requirements, every score explained, with partners."""
    return views.match_view(request)


@operation(
    "GET",
    "/match/profiles/",
    "api-match-profiles",
    "Matching presets",
    {200: MatchProfiles},
    tags=["match"],
)
def match_profiles(request, params: Query[LangParams]):
    """The presets, with the reasoning and source of each figure."""
    return views.match_profiles_view(request)


@operation(
    "GET",
    "/catalog.jsonld",
    "api-catalog",
    "Dataset catalogue (DCAT-AP 3)",
    {200: None},
    tags=["open data"],
    openapi_extra={
        "responses": {
            200: {
                "description": "The datasets and their downloads, as JSON-LD.",
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def catalog(request):
    """The datasets (one per kind, and the whole registry) with their licence, coverage, last
    change and downloads, for harvesters."""
    return catalog_view(request)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    fields = {}
    for problem in exc.errors:
        name = str(problem["loc"][1] if len(problem["loc"]) > 1 else problem["loc"][0])
        fields.setdefault(name, _reason(problem))
    return error(400, "invalid_parameter", _("Invalid parameters."), fields)


def _reason(problem: dict) -> str:
    if problem["type"] == "invalid_text":  # our own validators' messages, already translated
        return problem["msg"]
    if problem["type"] == "string_too_long":
        return _("at most %(max)d characters") % {"max": problem["ctx"]["max_length"]}
    return _("invalid value")


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(404, "not_found", _("Not found."))


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error(exc.status_code, "invalid_request", _("The request could not be read."))


@allow("GET")
def openapi_view(request):
    """The OpenAPI 3.1 document, generated from the declarations above."""
    prefix = request.path.removesuffix("openapi.json")
    return JsonResponse(
        api.get_openapi_schema(path_prefix=prefix), json_dumps_params={"ensure_ascii": False}
    )


# Swagger UI's stylesheet draws some icons as data: images: this page alone allows them (still
# no CDN, no inline script or style).
@allow("GET")
@csp_update({"img-src": ["data:"]})
def docs_view(request):
    """Interactive documentation of the API (Swagger UI)."""
    return api.docs.render_page(request, api)


def _head_as_get(view):
    """Ninja finds operations by method: HEAD is GET whose body the server leaves out."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return answer


def urlpatterns() -> list:
    operations = [
        path(str(p.pattern), allow(METHODS[p.name])(_head_as_get(p.callback)), name=p.name)
        for p in api.urls[0]
        if p.name in METHODS
    ]
    return [
        *operations,
        path("openapi.json", openapi_view, name="api-openapi"),
        path("docs/", docs_view, name="api-docs"),
    ]
