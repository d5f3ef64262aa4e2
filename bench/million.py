"""A million records: generated straight into the database, then the Elasticsearch rebuild, the
index's size and search and match latency measured on them.

    .venv/bin/python bench/million.py [--records 1000000] [--database-url postgres://…]
        [--elasticsearch-url http://127.0.0.1:9200] [--requests 200] [--profile]

Two fresh processes share one throw-away data folder under /tmp/million (or the database named by
--database-url, which they migrate and fill: use a throw-away one). The first generates the
published records with bulk_create in batches (not through the importer: its speed is measured on
its own), seeded, mostly plots and enterprises across a few hundred zones, some of every other
kind. The second rebuilds the index as `search_index rebuild` does and reports documents per
second, its peak RSS at the end of the rebuild, the index's store size after a force-merge to one
segment and the latencies: bench/search.py's MIX at concurrency 1, in process, and the match API's
presets as bench/match.py times them. --profile prints where the rebuild's time goes (cProfile).
Appends a section to bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
# This folder holds a `search.py`: import the project's packages from the repo root instead.
sys.path[0] = str(REPO)


def maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def phase_generate(args):
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:  # the landmarks the match presets measure from
        landmarks = str(REPO / "seeds" / "01_landmarks.jsonl")
        call_command("import_registry", landmarks, stdout=devnull, stderr=devnull)
    started = time.perf_counter()
    from bench.million_records import generate

    counts = generate(args.records)
    seconds = time.perf_counter() - started
    print(json.dumps({"generate_s": seconds, "counts": counts, "load": os.getloadavg()}))


def rebuild_profiled(rebuild):
    import cProfile
    import pstats

    profile = cProfile.Profile()
    run = profile.runcall(rebuild)
    pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    return run


def es_cpu_ms(es) -> int:
    """CPU time the Elasticsearch server's process has used (all of it, others' requests too)."""
    nodes = es.admin.nodes.stats(metric="process")["nodes"].values()
    return sum(node["process"]["cpu"]["total_in_millis"] for node in nodes)


def index_size(es) -> dict:
    """Store size of the primaries after a force-merge to one segment (what a settled index
    costs on disk), and the documents in it."""
    es.admin.options(request_timeout=1800).indices.forcemerge(index=es.alias, max_num_segments=1)
    stats = es.admin.indices.stats(index=es.alias, metric=["store", "docs"])["_all"]["primaries"]
    return {"bytes": stats["store"]["size_in_bytes"], "docs": stats["docs"]["count"]}


def search_latency(es, requests) -> dict:
    from django.http import QueryDict

    from bench.search import MIX, measure, percentile
    from search.query import parse

    timings, per_query = [], {}
    for label, params in MIX.items():
        query = parse(QueryDict(urlencode(params)))
        own = measure(lambda q=query: es.search(q), requests // len(MIX), 1)
        per_query[label] = percentile(own, 95)
        timings += own
    return {"c1": [percentile(timings, p) for p in (50, 95, 99)], "per_query_p95": per_query}


def match_latency(requests) -> dict:
    from django.test import Client

    from bench.match import OWN_REQUEST, PRESETS
    from bench.search import measure, percentile

    client = Client(HTTP_HOST="localhost")
    bodies = [{"profile": p} for p in PRESETS] + [OWN_REQUEST]
    counts = {}
    for body in bodies:
        answer = client.post("/api/v1/match/", json.dumps(body), content_type="application/json")
        assert answer.status_code == 200, answer.content[:500]
        counts[body.get("profile", "own request")] = answer.json()["count"]
    cycle = iter(range(10**9))

    def one():
        body = bodies[next(cycle) % len(bodies)]
        client.post("/api/v1/match/", json.dumps(body), content_type="application/json")

    timings = measure(one, requests, 1)
    return {"c1": [percentile(timings, p) for p in (50, 95, 99)], "counts": counts}


def phase_measure(args):
    import django

    django.setup()
    from search import lifecycle
    from search.backends import elasticsearch_backend

    es = elasticsearch_backend()
    if args.latency_only:  # the index behind the alias, as a kept or earlier run left it
        figures = {"search": search_latency(es, args.requests)}
        figures["match"] = match_latency(args.requests)
        print(json.dumps(figures | {"load_end": os.getloadavg()}))
        return
    figures = {"rss_before_mb": maxrss_mb(), "load_before": os.getloadavg()}
    started, cpu, es_cpu = time.perf_counter(), time.process_time(), es_cpu_ms(es)
    rebuild = lambda: lifecycle.rebuild(es)  # noqa: E731
    run = rebuild_profiled(rebuild) if args.profile else rebuild()
    seconds = time.perf_counter() - started
    # CPU seconds say what wall time on a shared machine cannot: what each side costs.
    figures["python_cpu_s"] = time.process_time() - cpu
    figures["es_cpu_s"] = (es_cpu_ms(es) - es_cpu) / 1000
    figures |= {
        "documents": run.documents,
        "rebuild_s": seconds,
        "rss_mb": maxrss_mb(),
        "load_rebuild": os.getloadavg(),
    }
    figures |= index_size(es)
    # Kept as they come: a later step that fails must not lose the rebuild's figures.
    saved = Path(os.environ["DNHUB_DATA_DIR"]) / "measured.json"
    saved.write_text(json.dumps(figures))
    figures["search"] = search_latency(es, args.requests)
    saved.write_text(json.dumps(figures))
    figures["match"] = match_latency(args.requests)
    figures["load_end"] = os.getloadavg()
    if not args.keep:
        es.remove_orphans()
        for name in es.current_indices():
            es.admin.indices.delete(index=name)
    print(json.dumps(figures))


def run_phase(name, args, data_dir) -> dict:
    """One phase in a fresh process: dev settings, the data folder and only the given services."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "LOG_LEVEL": "ERROR",
        "DNHUB_DATA_DIR": str(data_dir),
        "SEARCH_INDEX_PREFIX": "bench-million",
        "ELASTICSEARCH_URL": args.elasticsearch_url,
        # Latency is measured, not cut short: the portal's 1 s timeout would hide the slow tail
        # (a cold search over a million documents on the loaded machine took longer).
        "SEARCH_TIMEOUT_SECONDS": "60",
    }
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    flags = ["--records", str(args.records), "--requests", str(args.requests)]
    flags += ["--profile"] * args.profile + ["--keep"] * args.keep
    flags += ["--latency-only"] * args.latency_only
    command = [sys.executable, __file__, "--phase", name, *flags]
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if args.profile:
        sys.stderr.write(done.stderr)
    if done.returncode:
        sys.exit(f"phase {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(args, generated, measured) -> str:
    load = lambda figures: " / ".join(f"{v:.1f}" for v in figures)  # noqa: E731
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    docs = measured["documents"]
    search, match = measured["search"], measured["match"]
    per_query = ", ".join(f"{k} {v:.0f}" for k, v in search["per_query_p95"].items())
    counts = ", ".join(f"{k} {v:,}" for k, v in generated["counts"].items())
    lines = [
        f"### million, {time.strftime('%Y-%m-%d')}, {database}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {sum(generated['counts'].values()):,} records ({counts}) "
        f"generated in {generated['generate_s']:.0f} s (load average 1/5/15 min at the end: "
        f"{load(generated['load'])})",
        "",
        "| figure | value | load average (1/5/15 min) |",
        "|---|---:|---|",
        f"| rebuild, documents | {docs:,} | |",
        f"| rebuild, seconds | {measured['rebuild_s']:.1f} | {load(measured['load_rebuild'])} |",
        f"| rebuild, documents/s | {docs / measured['rebuild_s']:,.0f} | |",
        f"| rebuild, CPU seconds: Python process / Elasticsearch server | "
        f"{measured['python_cpu_s']:,.0f} / {measured['es_cpu_s']:,.0f} | |",
        f"| rebuild, CPU µs per document: Python / Elasticsearch | "
        f"{measured['python_cpu_s'] / docs * 1e6:,.0f} / "
        f"{measured['es_cpu_s'] / docs * 1e6:,.0f} | |",
        f"| rebuild process, peak RSS (ru_maxrss) | {measured['rss_mb']:,.0f} MB "
        f"(after django.setup: {measured['rss_before_mb']:,.0f} MB) | |",
        f"| index store size (primaries, after force-merge to 1 segment) | "
        f"{measured['bytes'] / 2**20:,.0f} MiB | |",
        f"| bytes per document | {measured['bytes'] / max(1, measured['docs']):,.0f} | |",
        f"| search p50 / p95 / p99 ms, c=1 (MIX, in process) | "
        f"{' / '.join(f'{v:.1f}' for v in search['c1'])} | {load(measured['load_end'])} |",
        f"| · p95 per query, ms | {per_query} | |",
        f"| match p50 / p95 / p99 ms, c=1 (POST /api/v1/match/) | "
        f"{' / '.join(f'{v:.1f}' for v in match['c1'])} | |",
        "",
        "goals at 1,000,000: rebuild ≥ 10,000 docs/s; search p95 ≤ 50 ms; match p95 ≤ 100 ms",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--profile", action="store_true", help="cProfile the rebuild")
    parser.add_argument("--keep", action="store_true", help="keep the data folder and index")
    parser.add_argument("--data-dir", default="", help="reuse a kept data folder")
    parser.add_argument("--generate-only", action="store_true", help="generate, keep, stop")
    parser.add_argument("--latency-only", action="store_true", help="time searches, no rebuild")
    parser.add_argument("--phase", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        {"generate": phase_generate, "measure": phase_measure}[args.phase](args)
        return
    if not args.elasticsearch_url:
        sys.exit("give --elasticsearch-url (or set ELASTICSEARCH_URL)")
    Path("/tmp/million").mkdir(exist_ok=True)  # noqa: S108 - the bench's own scratch folder
    # A folder given is the caller's: kept, its records reused.
    data_dir = Path(args.data_dir or tempfile.mkdtemp(dir="/tmp/million"))  # noqa: S108
    keep = args.keep or args.generate_only or bool(args.data_dir)
    try:
        if args.data_dir:
            generated = json.loads((data_dir / "generated.json").read_text())
        else:
            generated = run_phase("generate", args, data_dir)
            (data_dir / "generated.json").write_text(json.dumps(generated))
            if args.generate_only:
                print(f"generated in {data_dir}: {generated}")
                return
        measured = run_phase("measure", args, data_dir)
        if args.latency_only:
            print(json.dumps(measured))
            return
    finally:
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    text = report(args, generated, measured)
    print(text)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write("\n" + text)


if __name__ == "__main__":
    main()
