"""Search benchmark: generate N records, import, rebuild, then time a fixed query mix.

    .venv/bin/python bench/search.py [--records 100000] [--db-records 10000]
                                     [--elasticsearch-url http://127.0.0.1:9200] [--requests 200]

Each configuration runs in a fresh throw-away SQLite database (or --database-url). With an
Elasticsearch URL the big run measures both backends on the same records; the database backend
is also measured alone at --db-records. Latency is server-side: the search service called in
process, then the JSON API view through Django's test client. Prints a table and appends it to
bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
# This file is named like the project's `search` package: import from the repo root instead.
sys.path[0] = str(REPO)

from bench.phases import run_phase  # noqa: E402 - after the path fix above

MIX = {
    "text": {"q": "lo dat cong nghiep"},
    "facets": {"kind": "plot", "technology": "semiconductor", "status": "available"},
    "geo": {"near": "10.9,106.9", "within_km": "10", "sort": "distance"},
    "sort": {"kind": "plot", "sort": "-area_m2", "min_power_mw": "20"},
    "deep page": {"page": "399", "page_size": "25", "sort": "name"},
}


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(call, requests, concurrency):
    def timed(_):
        started = time.perf_counter()
        call()
        return (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(timed, range(min(20, requests))))  # warm up
        return list(pool.map(timed, range(requests)))


def phase(args):
    """Runs inside one configured process (environment set by main)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.http import QueryDict
    from django.test import Client

    from bench.import_registry import generate
    from search import lifecycle
    from search.backends import database_backend, elasticsearch_backend
    from search.query import parse

    call_command("migrate", verbosity=0)
    data = Path(os.environ["DNHUB_DATA_DIR"]) / "records.jsonl"
    generate(data, args.records)
    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        call_command("import_registry", str(data), stdout=devnull, stderr=devnull)
    import_seconds = time.perf_counter() - started

    rows = []
    backends = [b for b in (elasticsearch_backend(), database_backend()) if b is not None]
    for backend in backends:
        started = time.perf_counter()
        run = lifecycle.rebuild(backend)
        rebuild_seconds = time.perf_counter() - started
        if backend.name == "elasticsearch":
            backend.refresh()
        row = {
            "backend": backend.name,
            "records": args.records,
            "rebuild_docs_s": run.documents / rebuild_seconds,
            "import_s": import_seconds,
        }
        for concurrency in (1, 8):
            timings, took = [], []
            for params in MIX.values():
                query = parse(QueryDict(urlencode(params)))
                timings += measure(
                    lambda q=query, b=backend, t=took: t.append(b.search(q).took_ms),
                    args.requests // len(MIX),
                    concurrency,
                )
            row[f"c{concurrency}"] = [percentile(timings, p) for p in (50, 95, 99)]
            if backend.name == "elasticsearch":
                row[f"took{concurrency}"] = [percentile(took, p) for p in (50, 95, 99)]
        rows.append(row)
    client = Client(HTTP_HOST="localhost")
    api = measure(lambda: client.get("/api/v1/search/", MIX["facets"]), 100, 1)
    rows[0]["api_p95"] = percentile(api, 95)
    suggest = measure(lambda: client.get("/api/v1/suggest/", {"q": "cong ty th"}), 100, 1)
    rows[0]["suggest_p95"] = percentile(suggest, 95)
    print(json.dumps(rows))


def phase_run(records, requests, es_url, database_url):
    command = ["--records", str(records), "--requests", str(requests)]
    return run_phase(__file__, command, "dnhub-bench", es_url, database_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--db-records", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return

    rows = []
    if args.elasticsearch_url:
        rows += phase_run(args.records, args.requests, args.elasticsearch_url, args.database_url)
    rows += phase_run(args.db_records, args.requests, "", args.database_url)
    lines = [
        f"### search, {time.strftime('%Y-%m-%d')}, "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; mix: {', '.join(MIX)}; "
        f"{args.requests} searches per concurrency level",
        "",
        "| backend | records | rebuild docs/s | p50 / p95 / p99 ms, c=1 | p50 / p95 / p99 ms, c=8 |"
        " inside Elasticsearch (took), c=1 / c=8 p95 ms | API p95 ms | suggest p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        c1 = " / ".join(f"{v:.1f}" for v in row["c1"])
        c8 = " / ".join(f"{v:.1f}" for v in row["c8"])
        api = f"{row['api_p95']:.1f}" if "api_p95" in row else ""
        sug = f"{row['suggest_p95']:.1f}" if "suggest_p95" in row else ""
        took = f"{row['took1'][1]:.0f} / {row['took8'][1]:.0f}" if "took1" in row else ""
        lines.append(
            f"| {row['backend']} | {row['records']:,} | {row['rebuild_docs_s']:,.0f} |"
            f" {c1} | {c8} | {took} | {api} | {sug} |"
        )
    lines += [
        "",
        "goals: rebuild ≥ 5,000 docs/s; Elasticsearch p95 ≤ 30 ms at 100,000; "
        "database p95 ≤ 100 ms at 10,000",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(report + "\n")


if __name__ == "__main__":
    main()
