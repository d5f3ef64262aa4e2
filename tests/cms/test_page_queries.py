"""The key portal pages ask the database the same number of queries whatever the registry holds
(issue #17: pages stay fast at 100,000 records), and what they keep between requests is never
stale."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.indicator_seed import load_indicators
from registry.management.commands.load_initial_data import INDICATORS_SEED
from search import freshness
from tests.conftest import ENTERPRISE, LANDMARK, PLOT, RD, ZONE

PAGES = [
    "/en/",
    "/en/search/?kind=plot",
    "/vi/search/?q=chip&technology=semiconductor",
    "/en/registry/plot/test-p0/",
    "/vi/registry/zone/test-park/",
    "/en/registry/enterprise/test-e0/",
    "/en/site-finder/?profile=data_centre_hyperscale",
    "/en/compare/",
    "/en/open-data/",
    "/vi/resolution-57/",
    "/api/v1/geojson/",
]


def records(plots: range, others: range) -> list[dict]:
    """Plots, enterprises (every third a global leader) and R&D labs nearby, all in one zone."""
    made = [PLOT | {"ref": f"test-p{n}", "code": f"A{n:03}", "name": f"Lô {n}"} for n in plots]
    for n in others:
        made.append(
            ENTERPRISE
            | {
                "ref": f"test-e{n}",
                "name": f"Công ty Vi mạch {n}",
                "name_en": f"Microchip {n}",
                "tax_code": f"36{n:08}",
                "is_global_tech_leader": n % 3 == 0,
            }
        )
        made.append(
            RD
            | {
                "ref": f"test-lab-{n}",
                "name": f"Phòng thí nghiệm {n}",
                "location": ZONE["location"],
            }
        )
    return made


def queries_of(client, path: str) -> list[str]:
    """The SQL of one view of `path`, after a first (page paths and figures kept, as in a
    running site)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def added(few: list[str], many: list[str]) -> list[str]:
    """The queries of `many` beyond those of `few` (compared by their first words)."""
    left = Counter(sql[:120] for sql in many)
    left.subtract(sql[:120] for sql in few)
    return [sql for sql, n in left.items() if n > 0]


@pytest.mark.parametrize("path", PAGES)
def test_key_pages_ask_no_more_queries_as_the_registry_grows(db, client, publish, path):
    load_indicators(INDICATORS_SEED)
    # More plots than the site finder's first window (20 + 20 ranked), which then fetches the
    # band around its last result once: one pass more, whatever the number of plots.
    publish(LANDMARK, ZONE, *records(range(45), range(5)))
    for n in range(4):
        client.post("/en/compare/add/", {"ref": f"test-p{n}"})
    few = queries_of(client, path)
    publish(*records(range(45, 90), range(5, 50)))
    many = queries_of(client, path)
    assert len(many) <= len(few), added(few, many)


def aggregates_over(captured, table: str) -> list[str]:
    """Counts over `table`, but for the registry's state (search.freshness, one query that the
    keys of what is kept are made of; making it cheap is its own work)."""
    state = freshness._statement(connection.vendor)
    return [
        q["sql"]
        for q in captured
        if f'FROM "{table}"' in q["sql"] and "COUNT(" in q["sql"] and q["sql"] != state
    ]


@pytest.mark.parametrize("path", ["/en/", "/en/open-data/"])
def test_pages_count_the_registry_once_per_change_not_once_per_view(db, client, publish, path):
    """The home's figures and the open-data page's datasets count every published record: at
    100,000 records that was most of their time, on every view."""
    publish(LANDMARK, ZONE, *records(range(3), range(3)))
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert not aggregates_over(captured.captured_queries, "registry_plot")
    assert not aggregates_over(captured.captured_queries, "registry_enterprise")


def test_the_home_figures_change_as_soon_as_a_record_is_published_or_withdrawn(db, client, publish):
    publish(LANDMARK, ZONE, *records(range(3), range(3)))
    page = client.get("/en/").content.decode()
    assert '<span class="figure-value">3</span> <span class="figure-label">plots available' in page
    assert "Microchip 3" not in page
    publish(*records(range(3, 4), range(3, 4)))  # a plot and a global leader more
    page = client.get("/en/").content.decode()
    assert '<span class="figure-value">4</span> <span class="figure-label">plots available' in page
    assert "Microchip 3" in page
    publish(PLOT | {"ref": "test-p0", "code": "A000", "name": "Lô 0", "status": "leased"})
    page = client.get("/en/").content.decode()
    assert '<span class="figure-value">3</span> <span class="figure-label">plots available' in page


def test_the_open_data_counts_change_as_soon_as_a_record_is_published(db, client, publish):
    publish(LANDMARK, ZONE, *records(range(3), range(3)))
    assert "3 records" in client.get("/en/open-data/").content.decode()
    publish(*records(range(3, 7), range(0)))
    assert "7 records" in client.get("/en/open-data/").content.decode()


def test_a_record_page_lists_the_rd_organisations_within_15_km(db, client, publish):
    lat, lon = ZONE["location"]["lat"], ZONE["location"]["lon"]
    placed = {
        "test-lab-north": (lat + 0.09, lon),  # 10 km
        "test-lab-far": (lat + 0.2, lon),  # 22 km
        "test-lab-corner": (lat + 0.12, lon + 0.12),  # 19 km, inside the box read first
    }
    publish(
        ZONE,
        *(
            RD | {"ref": ref, "name": ref, "location": {"lat": at[0], "lon": at[1]}}
            for ref, at in placed.items()
        ),
    )
    page = client.get("/en/registry/zone/test-park/").content.decode()
    assert "R&amp;D organisations nearby" in page
    assert "test-lab-north" in page
    assert "test-lab-far" not in page and "test-lab-corner" not in page
