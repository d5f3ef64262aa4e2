"""Search answers link their neighbouring pages (self, first, prev, next, last): absolute
addresses a client follows as they are, keeping every other parameter."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ENTERPRISE, LANDMARK, PLOT, RD, ZONE

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_records(publish):
    publish(LANDMARK, ZONE, PLOT, ENTERPRISE, RD)  # zone, plot, enterprise, lab: four found


def params(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def test_following_next_walks_every_page_keeping_the_other_parameters(
    client, three_records, settings
):
    url = "/api/v1/search/?kind=zone&kind=plot&kind=enterprise&sort=name&page_size=1&lang=en"
    seen = []
    while url:
        body = client.get(url).json()
        links = body["links"]
        assert links["self"].startswith(f"{settings.SITE_URL}/api/v1/search/?")
        assert params(links["self"])["kind"] == ["zone", "plot", "enterprise"]
        assert params(links["self"])["lang"] == ["en"] and params(links["self"])["sort"] == ["name"]
        assert params(links["first"])["page"] == ["1"] and params(links["last"])["page"] == ["3"]
        seen += [hit["ref"] for hit in body["results"]]
        if body["page"] == 1:
            assert links["prev"] is None
        else:
            assert params(links["prev"])["page"] == [str(body["page"] - 1)]
        url = links["next"]
    assert sorted(seen) == ["test-a01", "test-chip", "test-park"]
    assert links["self"] == links["last"]


def test_a_page_past_the_end_links_back_to_the_last(client, three_records):
    links = client.get("/api/v1/search/?page_size=2&page=7").json()["links"]
    assert params(links["prev"])["page"] == ["2"] and links["next"] is None


def test_no_results_still_have_a_first_and_last_page(client, db):
    links = client.get("/api/v1/search/?q=nothing").json()["links"]
    assert links["first"] == links["last"] == links["self"]
    assert links["prev"] is None and links["next"] is None


def test_the_last_link_stays_within_the_result_window(client, three_records):
    """page × page_size may not pass 10,000, so no link leads past it."""
    from search.query import MAX_WINDOW

    links = client.get("/api/v1/search/?page_size=1").json()["links"]
    assert int(params(links["last"])["page"][0]) <= MAX_WINDOW
