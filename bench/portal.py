"""Portal benchmark: server-side render time of the key pages on the seed data.

    .venv/bin/python bench/portal.py [--requests 100] [--elasticsearch-url http://127.0.0.1:9200]

A fresh throw-away SQLite database with the seeds loaded (load_initial_data); each page fetched
through Django's test client in process, after one warm-up request. Goal: p95 ≤ 100 ms per page.
Appends a table to bench/RESULTS.md.
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

PAGES = {
    "home": "/en/",
    "search (plots)": "/en/search/?kind=plot",
    "search (text + facets)": "/vi/search/?q=ban+dan&technology=semiconductor",
    "plot page": "/en/registry/plot/sample-lt-digital-park-a01/",
    "zone page": "/vi/registry/zone/lt-digital-park/",
    "site finder (OSAT)": "/en/site-finder/?profile=semiconductor_osat",
    "compare (4 plots)": "/en/compare/",
    "geojson (all)": "/api/v1/geojson/",
}


def phase(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.search import percentile
    from search import lifecycle
    from search.backends import elasticsearch_backend

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("load_initial_data", stdout=devnull, stderr=devnull)
    es = elasticsearch_backend()
    if es is not None:
        lifecycle.rebuild(es)
        es.refresh()
    client = Client(HTTP_HOST="localhost")
    for ref in ("a01", "a02", "a03", "a04"):
        client.post("/en/compare/add/", {"ref": f"sample-lt-digital-park-{ref}"})
    rows = {}
    for name, path in PAGES.items():
        assert client.get(path).status_code == 200, path
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        rows[name] = [percentile(timings, p) for p in (50, 95, 99)]
    print(json.dumps({"backend": "elasticsearch" if es else "database", "pages": rows}))


def phase_run(requests, es_url):
    return run_phase(__file__, ["--requests", str(requests)], "dnhub-bench-portal", es_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return
    runs = [phase_run(args.requests, "")]
    if args.elasticsearch_url:
        runs.append(phase_run(args.requests, args.elasticsearch_url))
    lines = [
        f"### portal, {time.strftime('%Y-%m-%d')}, SQLite, seed data",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.requests} requests per page, "
        "server-side (Django test client, in process)",
        "",
        "| page | " + " | ".join(f"{r['backend']} p50 / p95 / p99 ms" for r in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for name in PAGES:
        cells = [" / ".join(f"{v:.1f}" for v in r["pages"][name]) for r in runs]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "goal: p95 ≤ 100 ms per key page", ""]
    report = "\n".join(lines)
    print(report)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(report + "\n")


if __name__ == "__main__":
    main()
