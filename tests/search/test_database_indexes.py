"""The database backend's indexes: on PostgreSQL its substring filters and name order can use
them (trigram GIN, B-tree); SQLite, which has no trigram index, gets none of PostgreSQL's."""

import pytest
from django.db import connection

from search.backends.database import DatabaseBackend
from search.textquery import read
from tests.conftest import ENTERPRISE, ZONE
from tests.search.conftest import query

pytestmark = pytest.mark.django_db

POSTGRESQL_ONLY = {
    "search_entry_text_trgm",
    "search_entry_names_trgm",
    "search_entry_area_order",
    "search_entry_power_order",
    "search_entry_price_order",
}


def plan(queryset, *switches: str) -> str:
    """The plan PostgreSQL chooses with a sequential scan (and any `switches`, e.g.
    "enable_indexscan") as its last resort: a test table is too small for an index to pay off
    otherwise. Shows which index can answer the query."""
    with connection.cursor() as cursor:
        for switch in ("enable_seqscan", *switches):
            cursor.execute(f"SET LOCAL {switch} = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "search_searchentry")
    return {name for name, c in constraints.items() if c["index"]}


def test_the_text_filters_and_name_order_can_use_the_indexes(publish):
    publish(ZONE, ENTERPRISE)
    backend = DatabaseBackend()
    wanted = query(q="microchip dong nai")
    base = backend._base(wanted, read(wanted.words)).order_by()
    assert list(base.values_list("ref", flat=True)) == ["test-chip"]
    by_name = query(sort="name")
    ordered = backend._base(by_name, read(())).order_by(*backend._ordering(by_name, read(())))
    if connection.vendor != "postgresql":
        assert not index_names() & POSTGRESQL_ONLY
        return
    assert index_names() >= POSTGRESQL_ONLY
    # LIKE '% microchip%': no cast or function hides the column from its trigram index.
    assert "search_entry_text_trgm" in plan(base, "enable_indexscan")
    assert "search_entry_name_order" in plan(ordered[20:40])
