"""Portal benchmark: server-side render time and SQL queries of the key pages.

    .venv/bin/python bench/portal.py [--records 100000] [--requests 50]
                                     [--elasticsearch-url http://127.0.0.1:9200]
                                     [--database-url postgres://.../bench_pages]

Each backend runs in a fresh process with a throw-away data folder: the seeds loaded
(load_initial_data), then, with --records N, N generated interchange lines imported (the
generator of bench/import_registry.py: one zone per 1,000 lines, half plots, half enterprises,
so a zone holds about 500 plots); the database backend always, Elasticsearch too with its URL.
Each page is fetched through Django's test client in process, after one warm-up request; the
queries of one request are counted, with the share of `search.freshness.data_state()` (the
registry's state, read by the Resolution 57 teaser and page). Without --database-url a
temporary SQLite file; with it, that (throw-away) PostgreSQL database, migrated and filled.
Goal (issue #17): p95 ≤ 50 ms per page at 100,000 records. Appends a table to bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[0] = str(REPO)

from bench.phases import run_phase  # noqa: E402 - after the path fix above

SEED_PAGES = {
    "plot page": "/en/registry/plot/sample-lt-digital-park-a01/",
    "zone page": "/vi/registry/zone/lt-digital-park/",
    "enterprise page": "/en/registry/enterprise/on-semiconductor-bien-hoa/",
}
# With generated records: the biggest zone, one of its plots and one of its enterprises.
GENERATED_PAGES = {
    "plot page": "/en/registry/plot/bench-plot-0/",
    "zone page": "/vi/registry/zone/{zone}/",
    "enterprise page": "/en/registry/enterprise/bench-ent-1/",
}
PAGES = {
    "home": "/en/",
    "search (plots)": "/en/search/?kind=plot",
    "search (text + facets)": "/vi/search/?q=ban+dan&technology=semiconductor",
    "plot page": None,
    "zone page": None,
    "enterprise page": None,
    "site finder (OSAT)": "/en/site-finder/?profile=semiconductor_osat",
    "compare (4 plots)": "/en/compare/",
    "open data": "/en/open-data/",
    "Resolution 57": "/vi/resolution-57/",
    "geojson (all)": "/api/v1/geojson/",
}
# The SQL of search.freshness.data_state(): its union names this column.
STATE_MARK = "state_part"


def load(records: int) -> dict[str, str]:
    """Seeds, then `records` generated lines; the pages' addresses for this data."""
    from django.core.management import call_command

    from bench.import_registry import generate

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("load_initial_data", stdout=devnull, stderr=devnull)
        if not records:
            return PAGES | SEED_PAGES
        data = Path(os.environ["DNHUB_DATA_DIR"]) / "records.jsonl"
        generate(data, records)
        call_command("import_registry", str(data), stdout=devnull, stderr=devnull)
    from django.db.models import Count

    from registry.models import Zone

    biggest = (
        Zone.objects.filter(ref__startswith="bench-zone-")
        .annotate(n=Count("plots"))
        .order_by("-n")
        .values_list("ref", flat=True)
        .first()
    )
    pages = PAGES | GENERATED_PAGES
    pages["zone page"] = pages["zone page"].format(zone=biggest)
    return pages


def queries_of(client, path) -> dict:
    """One request's SQL: how many queries, their time, and data_state()'s part of both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    state = [q for q in captured.captured_queries if STATE_MARK in q["sql"]]
    return {
        "queries": len(captured.captured_queries),
        "sql_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
        "state_queries": len(state),
        "state_ms": sum(float(q["time"]) for q in state) * 1000,
    }


def phase(args):
    import django

    django.setup()
    from django.test import Client

    from bench.search import percentile
    from search import lifecycle
    from search.backends import elasticsearch_backend

    pages = load(args.records)
    es = elasticsearch_backend()
    if es is not None:
        lifecycle.rebuild(es)
        es.refresh()
    client = Client(HTTP_HOST="localhost")
    shortlist = ("a01", "a02", "a03", "a04") if not args.records else ("0", "2", "4", "6")
    prefix = "sample-lt-digital-park-" if not args.records else "bench-plot-"
    for ref in shortlist:
        client.post("/en/compare/add/", {"ref": prefix + ref})
    rows = {}
    for name, path in pages.items():
        # Warm-up, as in a running site: page paths and the kept figures; the first view of a day
        # also stores the Resolution 57 snapshot, which changes the indicators' state once more.
        client.get(path)
        client.get(path)
        row = queries_of(client, path)
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        rows[name] = row | {"ms": [percentile(timings, p) for p in (50, 95, 99)], "path": path}
    print(
        json.dumps(
            {
                "backend": "elasticsearch" if es else "database",
                "pages": rows,
                "load": os.getloadavg(),
            }
        )
    )


def phase_run(args, es_url):
    command = ["--requests", str(args.requests), "--records", str(args.records)]
    return run_phase(__file__, command, "bench-pages", es_url, args.database_url)


def report(args, runs) -> str:
    database = "PostgreSQL" if args.database_url else "SQLite"
    data = f"{args.records:,} generated records + seeds" if args.records else "seed data"
    loads = "; ".join(f"{r['backend']}: " + " / ".join(f"{v:.1f}" for v in r["load"]) for r in runs)
    lines = [
        f"### portal, {time.strftime('%Y-%m-%d %H:%M')}, {database}, {data}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.requests} requests per page, "
        f"server-side (Django test client, in process); load average 1/5/15 min at the end: "
        f"{loads}",
        "",
        "| page | "
        + " | ".join(
            f"{r['backend']} p50 / p95 / p99 ms | queries (data_state) | SQL ms (data_state)"
            for r in runs
        )
        + " |",
        "|---|" + "---:|---:|---:|" * len(runs),
    ]
    for name in runs[0]["pages"]:
        cells = []
        for run in runs:
            row = run["pages"][name]
            cells += [
                " / ".join(f"{v:.1f}" for v in row["ms"]),
                f"{row['queries']} ({row['state_queries']})",
                f"{row['sql_ms']:.1f} ({row['state_ms']:.1f})",
            ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    met = all(row["ms"][1] <= 50 for run in runs for row in run["pages"].values())
    lines += ["", f"goal: p95 ≤ 50 ms per key page: {'met' if met else 'NOT met'}", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=0, help="generated lines (0: seeds only)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-append", action="store_true", help="print only")
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return
    runs = [phase_run(args, "")]
    if args.elasticsearch_url:
        runs.append(phase_run(args, args.elasticsearch_url))
    text = report(args, runs)
    print(text)
    if not args.no_append:
        with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
            results.write(text + "\n")


if __name__ == "__main__":
    main()
