"""search.freshness.data_state: its token moves with every change the public may see, it is one
query, and that query reads indexes, never a whole record table (it runs on every API call)."""

from django.db import connection

from registry.models import KINDS, Landmark, Plot, Zone
from search import freshness, sync
from tests.conftest import LANDMARK, PLOT, ZONE


def test_the_token_moves_with_every_public_change(db, publish, django_capture_on_commit_callbacks):
    publish(LANDMARK, ZONE, PLOT)
    tokens = [freshness.data_state().token]

    def moved() -> bool:
        tokens.append(freshness.data_state().token)
        return tokens[-1] not in tokens[:-1]

    publish(ZONE | {"name_en": "Renamed"})
    assert moved()
    zone = Zone.objects.get(ref="test-park")
    zone.name_en = "Saved, not published"
    zone.save()  # a save moves updated_at
    assert moved()
    with django_capture_on_commit_callbacks(execute=False):
        Plot.objects.get(ref="test-a01").delete()  # the outbox holds it, not yet applied
    assert moved()
    sync.drain()
    assert moved()
    Landmark.objects.get(ref="lt-airport").delete()  # a kind the outbox does not index
    assert moved()
    assert freshness.data_state().token == tokens[-1]  # nothing changed: the same token


def test_the_state_is_one_query(db, publish, django_assert_num_queries):
    publish(ZONE, PLOT)
    with django_assert_num_queries(1):
        freshness.data_state()


def test_the_state_reads_no_record_table_whole(db):
    sql = freshness._statement(connection.vendor)
    tables = {model._meta.db_table for model in KINDS.values() if model is not Landmark}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # as if the tables were large
            cursor.execute(f"EXPLAIN {sql}")
            plan = [row[0] for row in cursor.fetchall()]
            scans = [line for line in plan if "Seq Scan on" in line]
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = [row[-1] for row in cursor.fetchall()]
            scans = [line for line in plan if line.startswith("SCAN ")]
    whole = [line for line in scans if any(f" {table}" in line for table in tables)]
    assert not whole, "\n".join(plan)
