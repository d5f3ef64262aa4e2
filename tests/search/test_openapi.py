"""The API's OpenAPI 3.1 document (/api/v1/openapi.json) and its documentation page
(/api/v1/docs/): generated from the code, valid, complete, served without a CDN."""

import jsonschema
import pytest
from django.test import Client
from schemathesis.specs.openapi.definitions import OPENAPI_31

from registry.models import Technology

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/search/": "get",
    "/api/v1/suggest/": "get",
    "/api/v1/records/{kind}/{ref}/": "get",
    "/api/v1/export/": "get",
    "/api/v1/geojson/": "get",
    "/api/v1/match/": "post",
    "/api/v1/match/profiles/": "get",
}
# Keywords pydantic writes when a constraint is declared in the wrong place: JSON Schema ignores
# them, so a bound would silently vanish from the document.
NOT_JSON_SCHEMA = {"ge", "le", "gt", "lt", "min_length", "max_length"}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def schemas_in(value):
    """Every schema object in the document (parameters', bodies', responses', components')."""
    if isinstance(value, dict):
        if "schema" in value and isinstance(value["schema"], dict):
            yield value["schema"]
        for key, item in value.items():
            if key == "schemas" and isinstance(item, dict):
                yield from item.values()
            yield from schemas_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from schemas_in(item)


def keywords(schema):
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key != "properties":
                yield key
            yield from keywords(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from keywords(item)


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    jsonschema.Draft202012Validator(OPENAPI_31).validate(document)
    # The OpenAPI meta-schema leaves schema objects unchecked: each must be valid JSON Schema.
    for schema in schemas_in(document):
        jsonschema.Draft202012Validator.check_schema(schema)
        assert not NOT_JSON_SCHEMA & set(keywords(schema)), schema


def test_every_endpoint_is_described_with_its_answers_and_errors(document):
    for route, method in ENDPOINTS.items():
        responses = document["paths"][route][method]["responses"]
        assert {"200", "400", "404", "405"} <= set(responses), route
        for status in ("400", "404", "405"):
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }
    geojson = document["paths"]["/api/v1/geojson/"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "application/geo+json"} <= set(geojson)
    export = document["paths"]["/api/v1/export/"]["get"]["responses"]["200"]["content"]
    assert {"application/x-ndjson", "text/csv"} <= set(export)
    assert "413" in document["paths"]["/api/v1/match/"]["post"]["responses"]
    assert "requestBody" in document["paths"]["/api/v1/match/"]["post"]


def parameter(document, route, name) -> dict:
    (found,) = [p for p in document["paths"][route]["get"]["parameters"] if p["name"] == name]
    return found["schema"]


def test_search_parameters_are_described_with_types_enums_and_bounds(document):
    search = "/api/v1/search/"
    assert parameter(document, search, "kind")["items"]["enum"] == sorted(
        [
            "challenge",
            "enterprise",
            "expert",
            "incubator",
            "plot",
            "question",
            "rd_organisation",
            "zone",
        ]
    )
    assert "available" in parameter(document, search, "status")["items"]["enum"]
    # A challenge's status is its own facet, not a plot's.
    assert "open" not in parameter(document, search, "status")["items"]["enum"]
    assert parameter(document, search, "challenge_status")["items"]["enum"] == sorted(
        ["open", "in_progress", "awarded", "closed"]
    )
    assert "enterprise_need" in parameter(document, search, "challenge_kind")["items"]["enum"]
    assert "associate_professor" in parameter(document, search, "expert_title")["items"]["enum"]
    only = parameter(document, search, "accepts_questions")["items"]  # a one-value enum: const
    assert only.get("enum", [only.get("const")]) == ["true"]
    assert "distance" in parameter(document, search, "sort")["enum"]
    page = parameter(document, search, "page")
    assert (page["type"], page["minimum"], page["maximum"]) == ("integer", 1, 10_000)
    assert parameter(document, search, "page_size")["maximum"] == 100
    assert parameter(document, search, "q")["maxLength"] == 200
    assert parameter(document, "/api/v1/suggest/", "q")["pattern"] == "^[^\\x00-\\x1f]*$"
    assert parameter(document, search, "within")["maxItems"] == 5
    assert parameter(document, search, "min_area_m2")["anyOf"][0]["minimum"] == 0
    codes = sorted(Technology.objects.values_list("code", flat=True))
    assert codes and parameter(document, search, "technology")["items"]["enum"] == codes
    assert parameter(document, "/api/v1/geojson/", "kind") == parameter(document, search, "kind")
    assert parameter(document, "/api/v1/geojson/", "page_size")["maximum"] == 2000
    includes = parameter(document, "/api/v1/geojson/", "include")["items"]["enum"]
    assert sorted(includes) == ["landmarks", "zones"]


def test_the_documentation_page_uses_local_files_and_passes_the_csp(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "data:" in directives["img-src"] and "cdn" not in policy


def test_only_the_documentation_page_relaxes_the_csp(client):
    policy = client.get("/api/v1/openapi.json")["Content-Security-Policy"]
    assert "data:" not in policy


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs/"])
def test_the_document_and_docs_answer_get_and_head_only(path):
    api = Client(enforce_csrf_checks=True)
    assert api.head(path).status_code == 200
    response = api.post(path)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    ("language", "too_long", "control"),
    [
        ("en", "at most 200 characters", "control characters are not allowed"),
        ("vi", "tối đa 200 ký tự", "không được chứa ký tự điều khiển"),
    ],
)
def test_parameters_pydantic_refuses_keep_the_apis_error_shape(client, language, too_long, control):
    """The suggestion text is validated by its declaration; the 400 still names the parameter,
    in the API's error shape and the request's language."""
    for value, reason in (("x" * 201, too_long), ("a\tb", control)):
        response = client.get("/api/v1/suggest/", {"q": value}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        assert response.json() == {
            "error": {
                "code": "invalid_parameter",
                "message": "Invalid parameters." if language == "en" else "Tham số không hợp lệ.",
                "fields": {"q": reason},
            }
        }
