"""Side by side, in one run on the same generated records: how our search compares with what a
Django/Wagtail team would otherwise use (issue #17, point 1).

    .venv/bin/python bench/side_by_side.py [--records 10000,100000] [--requests 30]
        [--per-object 3000] [--elasticsearch-url http://127.0.0.1:9200] [--database-url URL]

For each size a fresh process (bench/phases.py) generates the records (bench/import_registry.py's
generator), imports them, then measures:

1. Search in the database, the same queries for each engine (Vietnamese with and without
   diacritics, English, a ref), counting the results and loading the first page of 20, at
   concurrency 1: (a) ours, the SearchEntry table (`search.backends.database`, as
   bench/search.py calls it; without facets like the others, and once with them as the
   portal asks); (b) Wagtail's built-in search, django-modelsearch's database backend (SQLite
   FTS5 or PostgreSQL full-text, AND of the words: its default) over the same models and text
   fields; (c) a plain ORM search, every word `icontains` one of the text fields. Index build
   time for (a) `search_index rebuild` and (b) `manage.py update_index`. And how many records
   each finds for the query typed without diacritics, against the records that hold every word
   once folded. How (b) runs without changing the product: bench/side_by_side_engines.py
   declares, in this process only, an `Indexed` proxy model of each kind with `search_fields`.
2. Indexing into Elasticsearch (with --elasticsearch-url): ours, `search_index rebuild` (bulk)
   and the outbox drain of the import's publishes (its Elasticsearch part, then the whole drain
   as the product runs it), against a `post_save` handler that builds one document and sends
   one request per save, as django-elasticsearch-dsl projects index, while the same records are
   published one by one (`save()`, up to --per-object of them; the importer writes in bulk,
   which sends no post_save). Counted for them: the time spent in the handler only.

Ratios are theirs ÷ ours for times (how many times longer they take) and ours ÷ theirs for
docs/s. Each figure carries the 1-minute load average it ran under (2 shared cores). Prints
the tables and appends them to bench/RESULTS.md. Elasticsearch indices are prefixed
`bench-sidebyside` (--prefix) and removed at the end; --database-url must name a throw-away
PostgreSQL database (its public schema is emptied first).
"""

import argparse
import json
import os
import platform
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, connection

REPO = Path(__file__).resolve().parent.parent
sys.path[0] = str(REPO)  # run as a script: import `bench.` from the repo root

from bench.phases import run_phase  # noqa: E402 - after the path fix above
from bench.side_by_side_report import report  # noqa: E402

DEFAULT_PREFIX = "bench-sidebyside"
PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", DEFAULT_PREFIX)  # in a phase: --prefix
QUERIES = {
    "vi": "lô đất công nghiệp",
    "vi, no diacritics": "lo dat cong nghiep",
    "en": "industrial lot",
    "ref": "bench-ent-777",
}
UNFOLDED = "vi, no diacritics"


def load() -> float:
    return os.getloadavg()[0]


def timed(call, *args, **kwargs):
    started = time.perf_counter()
    value = call(*args, **kwargs)
    return value, time.perf_counter() - started


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latencies(search, requests: int, budget: float) -> dict:
    """Per query: p50 and p95 ms and the results found, over `requests` calls after one to warm
    up, or fewer when they take longer than `budget` seconds in all (at least 3). A call still
    running after `budget` seconds is stopped: the query is marked as given up."""
    figures = {}
    for label, text in QUERIES.items():
        timings, spent, found = [], 0.0, None
        for attempt in range(requests + 1):
            try:
                with deadline(budget):
                    found, seconds = timed(search, text)
            except DatabaseError:
                figures[label] = {"gave_up_s": budget, "load": load()}
                break
            spent += seconds
            if attempt:  # the first call warms up
                timings.append(seconds * 1000)
            if spent > budget and len(timings) >= 3:
                break
        if label not in figures:
            figures[label] = {
                "p50": percentile(timings, 50),
                "p95": percentile(timings, 95),
                "calls": len(timings),
                "found": found,
                "load": load(),
            }
    return figures


@contextmanager
def deadline(seconds: float):
    """Stop the database query still running after `seconds` (it raises DatabaseError)."""
    if connection.vendor == "sqlite":
        timer = threading.Timer(seconds, connection.connection.interrupt)
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def search_rows(requests: int, budget: float) -> list[dict]:
    from bench import side_by_side_engines as engines
    from search import lifecycle
    from search.backends import database_backend

    rows = []
    run, seconds = timed(lifecycle.rebuild, database_backend())
    ours = {"engine": "ours", "build_s": seconds, "build_docs": run.documents, "load": load()}
    rows.append(ours | {"queries": latencies(engines.ours, requests, budget)})
    with_facets = latencies(facets_on(engines.ours), requests, budget)
    rows.append({"engine": "ours, with facets", "queries": with_facets})
    proxies = engines.register_modelsearch_proxies()
    _none, seconds = timed(engines.build_modelsearch_index)
    wagtail = {"engine": "wagtail", "build_s": seconds, "load": load()}
    rows.append(wagtail | {"queries": latencies(engines.modelsearch(proxies), requests, budget)})
    rows.append({"engine": "orm", "queries": latencies(engines.orm, requests, budget)})
    rows[0]["relevant"] = engines.relevant(QUERIES[UNFOLDED])
    return rows


def facets_on(search):
    return lambda text: search(text, with_facets=True)


def indexing_rows(import_started, per_object: int) -> list[dict]:
    from bench.side_by_side_engines import PerObjectIndexer
    from search import lifecycle, sync
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    rows = []
    run, seconds = timed(lifecycle.rebuild, es)
    rows.append({"way": "rebuild", "docs": run.documents, "s": seconds, "load": load()})
    replayed, seconds = timed(sync.replay_since, import_started, [es])
    rows.append({"way": "outbox_es", "docs": replayed, "s": seconds, "load": load()})
    drained, seconds = timed(sync.drain)
    rows.append({"way": "outbox_all", "docs": drained["processed"], "s": seconds, "load": load()})
    for way, limit, refresh in (
        ("per_object", per_object, False),
        ("per_object_refresh", min(per_object, 500), True),
    ):
        theirs = PerObjectIndexer(es.admin, f"{PREFIX}-{way.replace('_', '-')}", refresh)
        theirs.create_index()
        wall = theirs.publish_each(limit)
        row = {"way": way, "docs": theirs.documents, "s": theirs.seconds, "wall_s": wall}
        rows.append(row | {"load": load()})
    return rows


def remove_indices() -> None:
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    for name in es.admin.indices.get(index=f"{PREFIX}-*", allow_no_indices=True):
        es.admin.indices.delete(index=name, ignore_unavailable=True)


def empty_postgres_schema() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def phase(args):
    """Runs inside one configured process (environment set by run_phase)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench.import_registry import generate

    empty_postgres_schema()
    call_command("migrate", verbosity=0)
    data = Path(os.environ["DNHUB_DATA_DIR"]) / "records.jsonl"
    generate(data, args.records)
    import_started = timezone.now()
    with open(os.devnull, "w") as devnull:
        _none, import_s = timed(
            call_command, "import_registry", str(data), stdout=devnull, stderr=devnull
        )
    result = {"records": args.records, "import_s": import_s, "indexing": []}
    try:
        if os.environ.get("ELASTICSEARCH_URL"):
            result["indexing"] = indexing_rows(import_started, args.per_object)
        result["search"] = search_rows(args.requests, args.budget)
    finally:
        if os.environ.get("ELASTICSEARCH_URL"):
            remove_indices()
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", default="10000", help="sizes, comma-separated")
    parser.add_argument("--requests", type=int, default=30, help="timed calls per query")
    parser.add_argument("--budget", type=float, default=20, help="seconds of calls per query")
    parser.add_argument("--per-object", type=int, default=3000, help="saves indexed one by one")
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help="of the Elasticsearch indices")
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        args.records = int(args.records)
        phase(args)
        return
    # The import leaves its publishes in the outbox (a worker would drain them): measured here.
    os.environ["TASKS_BACKEND"] = "database"
    results = []
    for records in [int(size) for size in args.records.split(",")]:
        command = ["--records", str(records), "--requests", str(args.requests)]
        command += ["--per-object", str(args.per_object), "--budget", str(args.budget)]
        results.append(
            run_phase(__file__, command, args.prefix, args.elasticsearch_url, args.database_url)
        )
    database = "PostgreSQL" if args.database_url else "SQLite"
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = report(results, QUERIES, UNFOLDED, database, machine)
    print(text)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as out:
        out.write(text + "\n")


if __name__ == "__main__":
    main()
