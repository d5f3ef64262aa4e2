"""Issue 13, item 4: robots.txt lets crawlers download the open data and read its catalogues,
but keeps them out of endless search results (the API's, the portal's search and finder pages
with a query) and out of the admin."""

import re


def robots(client):
    """Whether robots.txt lets a crawler fetch a path, as RFC 9309 says (and Google, Bing do):
    the longest matching rule wins, Allow on a tie; `*` is any text, `?` a plain character.
    (Python's urllib.robotparser drops a rule's trailing `?`, so it cannot judge these rules.)"""
    rules = []
    for line in client.get("/robots.txt").content.decode().splitlines():
        field, _, value = line.partition(":")
        if field.strip().lower() in ("allow", "disallow") and value.strip():
            pattern = re.escape(value.strip()).replace(r"\*", ".*")
            rules.append((field.strip().lower() == "allow", len(value.strip()), pattern))

    def can_fetch(path: str) -> bool:
        matching = [(length, allow) for allow, length, pattern in rules if re.match(pattern, path)]
        return max(matching)[1] if matching else True

    return can_fetch


def test_robots_let_crawlers_download_the_data_and_read_the_catalogues(client, db):
    can_fetch = robots(client)
    for path in (
        "/api/v1/export/?format=csv&kind=plot",
        "/api/v1/export/?format=jsonl",
        "/api/v1/geojson/?kind=zone",
        "/api/v1/catalog.jsonld",
        "/data.json",
        "/vi/open-data/",
        "/en/search/",
        "/vi/registry/zone/lt-digital-park/",
    ):
        assert can_fetch(path), path


def test_robots_keep_crawlers_out_of_endless_search_results(client, db):
    can_fetch = robots(client)
    for path in (
        "/admin/",
        "/api/v1/search/?q=chip",
        "/api/v1/suggest/?q=ch",
        "/api/v1/match/profiles/",
        "/en/search/?q=chip&page=3",
        "/vi/search/?kind=plot",
        "/en/site-finder/?go=1&profile=data_centre",
    ):
        assert not can_fetch(path), path
