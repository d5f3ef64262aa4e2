import pytest

from search.query import PARAMETERS
from tests.conftest import ENTERPRISE, PLOT, ZONE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": "500"}, "page_size"),
        ({"page_size": "abc"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"page": "200", "page_size": "100"}, "page"),
        ({"kind": "landmark"}, "kind"),
        ({"kind": "plot", "status": "sold"}, "status"),
        ({"technology": "quantum"}, "technology"),
        ({"near": "10.7"}, "near"),
        ({"near": "abc,def"}, "near"),
        ({"within_km": "5"}, "within_km"),
        ({"near": "10.7,107", "within_km": "-1"}, "within_km"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "price"}, "sort"),
        ({"min_area_m2": "lots"}, "min_area_m2"),
        ({"q": "x" * 201}, "q"),
        ({"zone": "Not A Ref"}, "zone"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid_parameter"
    assert field in body["fields"]


def test_search_response_shape(client, publish):
    publish(ZONE, PLOT, ENTERPRISE)
    body = client.get("/api/v1/search/", {"q": "lô", "near": "10.8,106.98"}).json()
    assert body["backend"] in ("database", "elasticsearch")
    assert (body["count"], body["page"], body["page_size"]) == (1, 1, 20)
    hit = body["results"][0]
    assert hit["kind"] == "plot" and hit["ref"] == "test-a01" and hit["name"] == "Lô A01"
    assert hit["url"] == "/vi/registry/plot/test-a01/"
    assert hit["distance_km"] == 0.0
    assert set(body["facets"]) >= {"kind", "technology", "zone", "ownership"}


def test_snippet_highlights_the_words_in_the_original_text(client, publish):
    publish(ZONE)
    body = client.get("/api/v1/search/", {"q": "tri tue", "lang": "vi"}).json()
    assert "<mark>trí</mark> <mark>tuệ</mark>" in body["results"][0]["snippet"]


def test_suggest_returns_names_as_typed(client, publish):
    publish(ZONE, ENTERPRISE)
    body = client.get("/api/v1/suggest/", {"q": "cong ty vi"}).json()
    assert [r["ref"] for r in body["results"]] == ["test-chip"]


def test_record_endpoint_gives_the_interchange_shape_with_distances(client, publish):
    from tests.conftest import LANDMARK

    publish(LANDMARK, ZONE, PLOT)
    body = client.get("/api/v1/records/plot/test-a01/").json()
    assert body["zone"] == "test-park" and body["area_m2"] == 42000
    assert body["suitable_for"] == ["data_centre.hyperscale"]
    assert 8 < body["distances_km"]["lt-airport"] < 9


def test_record_endpoint_404s_for_unknown_and_draft_records(client, publish):
    publish(ZONE, draft=True)
    assert client.get("/api/v1/records/zone/test-park/").status_code == 404
    assert client.get("/api/v1/records/zone/nowhere/").status_code == 404
    assert client.get("/api/v1/records/spaceship/x1/").status_code == 404


def test_api_never_shows_drafts(client, publish):
    publish(ZONE, draft=True)
    assert client.get("/api/v1/search/").json()["count"] == 0


NASTY = [
    "",
    " ",
    "\x00",
    "%",
    "'; DROP TABLE x;--",
    "nan",
    "inf",
    "-1",
    "1e309",
    "１",
    "💥",
    "a" * 300,
    "10.7,107,5",
    ",",
    "None",
    "[]",
    "a.b.",
    "..",
]
PARAMS = [name for name in PARAMETERS if name != "lang"]


@pytest.mark.parametrize("param", PARAMS)
def test_no_value_of_any_parameter_makes_a_500(client, publish, param):
    publish(ZONE, PLOT)
    for value in NASTY:
        extra = {"near": "10.8,106.98"} if param == "within_km" else {}
        response = client.get("/api/v1/search/", {param: value, **extra})
        assert response.status_code in (200, 400), (param, value, response.content[:200])
        if response.status_code == 400:
            assert param in response.json()["error"]["fields"]


@pytest.mark.parametrize("value", NASTY)
def test_suggest_never_fails(client, value):
    assert client.get("/api/v1/suggest/", {"q": value}).status_code in (200, 400)


def test_export_streams_published_records_in_the_interchange_format(client, publish):
    import json

    publish(ZONE, PLOT)
    publish(ENTERPRISE, draft=True)
    response = client.get("/api/v1/export/")
    assert response.status_code == 200 and response.streaming
    records = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert [(r["kind"], r["ref"]) for r in records] == [("zone", "test-park"), ("plot", "test-a01")]


def test_export_csv_of_one_kind(client, publish):
    publish(ZONE, PLOT)
    response = client.get("/api/v1/export/", {"kind": "plot", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("kind,ref,") and "test-a01" in row


@pytest.mark.parametrize("params", [{"format": "xml"}, {"kind": "spaceship"}, {"format": "csv"}])
def test_export_bad_parameters_are_a_400(client, params):
    assert client.get("/api/v1/export/", params).status_code == 400
