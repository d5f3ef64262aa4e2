"""Facet counts under several filters at once, on every backend; and what they cost the
database backend (a fixed number of queries, whatever the number of facets)."""

import pytest

from search.backends import database_backend
from search.documents import FACETS
from tests.search.conftest import find, query
from tests.search.test_contract import reference

pytestmark = pytest.mark.django_db

FILTERED = {"kind": ["plot", "zone"], "technology": ["semiconductor"], "status": ["available"]}


def test_each_facet_counts_under_every_filter_but_its_own(backend, seeded):
    results = find(backend, page_size=1, **FILTERED)
    assert results.count == len(reference(seeded, **FILTERED)) > 0
    for facet, values in FILTERED.items():
        others = {name: v for name, v in FILTERED.items() if name != facet}
        for value in values:
            assert results.facets[facet].get(value, 0) == len(
                reference(seeded, **others, **{facet: [value]})
            ), (facet, value)
    # A facet without a filter of its own counts the results themselves.
    zones = {}
    for ref in reference(seeded, **FILTERED):
        record = next(r for r in seeded if r["ref"] == ref)
        zone = record.get("zone") or (ref if record["kind"] == "zone" else None)
        if zone:
            zones[zone] = zones.get(zone, 0) + 1
    assert results.facets["zone"] == zones
    assert results.facets["ownership"] == {}  # neither plots nor zones have an owner


def test_text_and_filters_count_the_same_in_facets_and_total(backend, seeded):
    results = find(backend, q="dong nai", kind=["enterprise", "plot"])
    assert sum(results.facets["kind"].values()) >= results.count > 0
    assert sum(results.facets["kind"].get(k, 0) for k in ("enterprise", "plot")) == results.count
    everything = find(backend, q="dong nai")
    assert results.facets["kind"] == everything.facets["kind"]  # kind ignores its own filter


def test_the_database_backend_counts_every_facet_in_a_fixed_number_of_queries(
    seeded, django_assert_max_num_queries
):
    """One query read the taxonomy, one grouped the facet columns (every scope at once), one
    counted technologies and one fetched the page: not one query per facet (eleven)."""
    backend = database_backend()
    wanted = query(q="lo", page_size=5, **FILTERED)
    with django_assert_max_num_queries(4):
        results = backend.search(wanted)
        assert results.hits and set(results.facets) == set(FACETS)
