"""Search API throughput through the production server: gunicorn as scripts/serve runs it
(deploy/gunicorn.conf.py, cms.settings.production, DEBUG off, Redis as the shared cache),
PostgreSQL and Elasticsearch on the same machine, driven at a fixed concurrency.

    .venv/bin/python bench/api_throughput.py [--records 100000] [--seconds 30] [--concurrency 16]
        [--workers N] [--threads N] [--port 8194] [--reuse] [--keep] [--label TEXT]

Builds PostgreSQL database `bench_throughput` (127.0.0.1:5433, user dnhub) with N generated
records (bench/import_registry.py's generator) indexed in Elasticsearch under the prefix
`bench-throughput` (--reuse keeps a database and index already built); starts Redis
(scripts/redis) and gunicorn on --port; checks that the load generator outruns the server (it
drives /healthz, answered before any view); then drives GET /api/v1/search/ with a mix of hot
queries (80% of requests, 24 distinct) and a long tail (20%, thousands of distinct ones), each
client on one keep-alive connection. The API throttle stays on, raised through API_THROTTLE.
Last, a cProfile of the same mix through Django's test client in one process shows where a
request's time goes. Prints the figures with the load average and appends them to
bench/RESULTS.md; --keep leaves the database and index for another run.
"""

import argparse
import asyncio
import os
import platform
import random
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
# This file sits beside a `search` package name: import from the repo root instead.
sys.path[0] = str(REPO)

from bench.throughput_load import drive  # noqa: E402 - after the path fix above

DB = "bench_throughput"
PREFIX = "bench-throughput"
HOST = "bench.throughput.test"
WORK = Path("/tmp/throughput")  # noqa: S108 - the bench's own scratch folder
PG = "127.0.0.1:5433"
PY = str(REPO / ".venv" / "bin" / "python")

HOT = [
    {"q": "cong nghe"},
    {"q": "ban dan"},
    {"q": "lo dat cong nghiep"},
    {"kind": "plot"},
    {"kind": "enterprise"},
    {"kind": "zone"},
    {"kind": "plot", "status": "available"},
    {"kind": "plot", "technology": "semiconductor"},
    {"kind": "plot", "sort": "-area_m2", "min_power_mw": "20"},
    {"technology": "data_centre"},
    {"near": "10.9,106.9", "within_km": "10", "sort": "distance"},
    {"q": "cong ty"},
]
WORDS = ["cong", "ty", "lo", "thu", "khu", "dat", "test", "lot", "ban", "dan", "du", "lieu"]
KINDS = ["plot", "enterprise", "zone"]


def mix(count: int, seed: int = 7) -> list[str]:
    """`count` request paths: 80% from the hot set (each in Vietnamese and English), 20% from a
    tail of thousands of distinct searches (text, kinds, pages, places)."""
    rng = random.Random(seed)
    hot = [{**params, "lang": lang} for params in HOT for lang in ("vi", "en")]
    paths = []
    for _ in range(count):
        if rng.random() < 0.8:
            params = rng.choice(hot)
        else:
            params = {
                "q": f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
                "kind": rng.choice(KINDS),
                "page": str(rng.randint(1, 20)),
            }
            if rng.random() < 0.3:
                params = {
                    "near": f"{10.5 + rng.random():.2f},{106.5 + rng.random():.2f}",
                    "within_km": str(rng.randint(2, 20)),
                }
        paths.append(f"/api/v1/search/?{urlencode(params)}")
    return paths


def environment(args) -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"postgres://dnhub@{PG}/{DB}",
        "ELASTICSEARCH_URL": args.elasticsearch_url,
        "SEARCH_INDEX_PREFIX": PREFIX,
        "DNHUB_DATA_DIR": str(WORK / "data"),
        "REDIS_URL": f"redis://127.0.0.1:{args.redis_port}/3",
        # The throttle stays on (counted in Redis), sized above one address's volume.
        "API_THROTTLE": "100000000/minute",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_LOG_LEVEL": "warning",
        "TASKS_BACKEND": "immediate",
    }
    env.pop("DEBUG", None)
    if args.workers:
        env["GUNICORN_WORKERS"] = str(args.workers)
    if args.threads:
        env["GUNICORN_THREADS"] = str(args.threads)
    return env


def run(command: list[str], env: dict, **kwargs) -> None:
    subprocess.run(command, env=env, check=True, cwd=REPO, **kwargs)  # noqa: S603


def database_exists() -> bool:
    found = subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-p", "5433", "-U", "dnhub", "-lqtA"],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return any(line.split("|")[0] == DB for line in found.stdout.splitlines())


def build(args, env: dict) -> str:
    """The data set: migrated, imported (published) and indexed. Returns what was done."""
    if args.reuse and database_exists():
        run([PY, "manage.py", "migrate", "--no-input", "-v", "0"], env)
        return "reused"
    pg = ["-h", "127.0.0.1", "-p", "5433", "-U", "dnhub"]
    subprocess.run(["dropdb", "--if-exists", *pg, DB], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", *pg, DB], check=True)  # noqa: S603, S607
    run([PY, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    from bench.import_registry import generate

    data = WORK / "records.jsonl"
    generate(data, args.records)
    started = time.perf_counter()
    # The embedded task backend drains the outbox into both indices at the import's commit.
    run([PY, "manage.py", "import_registry", str(data)], env, stdout=subprocess.DEVNULL)
    data.unlink()
    return f"built in {time.perf_counter() - started:.0f} s"


def start_server(env: dict) -> subprocess.Popen:
    log = (WORK / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [str(REPO / ".venv" / "bin" / "gunicorn"), "--config", "deploy/gunicorn.conf.py"],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    url = f"http://{env['GUNICORN_BIND']}/healthz"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - loopback
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit(f"gunicorn did not start; see {WORK / 'gunicorn.log'}")


def cpu_seconds(server: subprocess.Popen) -> dict[str, float]:
    """CPU time so far of gunicorn (its process group) and of this database's PostgreSQL
    backends: with the machine shared, CPU per request says more than requests per second."""
    ticks = {"gunicorn": 0, "postgres": 0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        used = int(fields[11]) + int(fields[12])  # utime + stime
        if int(fields[2]) == server.pid:  # the process group gunicorn's session leads
            ticks["gunicorn"] += used
        elif command.startswith(f"postgres: dnhub {DB} "):
            ticks["postgres"] += used
    per_second = os.sysconf("SC_CLK_TCK")
    return {name: value / per_second for name, value in ticks.items()}


def profile(env: dict, requests: int) -> str:
    """Top of a cProfile of the mix through the test client, in a child process."""
    done = subprocess.run(  # noqa: S603
        [PY, str(REPO / "bench" / "throughput_profile.py"), str(requests)],
        env={**env, "LOG_LEVEL": "ERROR"},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=0, help="default: the config's")
    parser.add_argument("--threads", type=int, default=0, help="default: the config's")
    parser.add_argument("--port", type=int, default=8194)
    parser.add_argument("--redis-port", type=int, default=6380)
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--reuse", action="store_true", help="keep a data set already built")
    parser.add_argument("--keep", action="store_true", help="leave the data set when done")
    parser.add_argument("--profile-requests", type=int, default=500)
    parser.add_argument("--label", default="", help="a word on the code measured")
    args = parser.parse_args()

    env = environment(args)
    run([str(REPO / "scripts" / "redis"), "start"], env, stdout=subprocess.DEVNULL)
    built = build(args, env)
    paths = mix(20_000)
    server = start_server(env)
    try:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        address = ("127.0.0.1", args.port)
        client = asyncio.run(drive(address, headers, ["/healthz"], 5, args.concurrency))
        asyncio.run(drive(address, headers, paths[:500], 5, args.concurrency))  # warm-up
        load_before, cpu_before = os.getloadavg(), cpu_seconds(server)
        result = asyncio.run(drive(address, headers, paths, args.seconds, args.concurrency))
        load_after, cpu_after = os.getloadavg(), cpu_seconds(server)
        result.cpu_ms = {
            name: (cpu_after[name] - cpu_before[name]) * 1000 / max(1, len(result.timings_ms))
            for name in cpu_after
        }
    finally:
        server.terminate()
        server.wait(30)
    top = profile(env, args.profile_requests)
    report = write_report(args, built, client, result, (load_before, load_after), top)
    print(report)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write("\n" + report + "\n")
    if not args.keep:
        subprocess.run(  # noqa: S603
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-p", "5433", "-U", "dnhub", DB],  # noqa: S607
            check=False,
        )
        # The bench's own indices, on the Elasticsearch URL it was given.
        drop = urllib.request.Request(f"{args.elasticsearch_url}/{PREFIX}-*", method="DELETE")  # noqa: S310
        urllib.request.urlopen(drop, timeout=30).read()  # noqa: S310


def write_report(args, built, client, result, loads, top) -> str:
    workers = args.workers or "config default"
    threads = args.threads or "config default"
    (b1, b5, _b15), (a1, a5, _a15) = loads
    label = f" ({args.label})" if args.label else ""
    lines = [
        f"### api_throughput{label}, {time.strftime('%Y-%m-%d %H:%M')}, PostgreSQL + Elasticsearch",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.records:,} generated records ({built}); gunicorn "
        f"workers {workers}, threads {threads}; {args.concurrency} clients with keep-alive for "
        f"{args.seconds:.0f} s; mix: 80% of requests from 24 hot searches, 20% from a tail of "
        f"distinct ones; load average 1/5 min before {b1:.1f}/{b5:.1f}, after {a1:.1f}/{a5:.1f}",
        "",
        "| what | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        client.row("load generator alone (/healthz)"),
        result.row("GET /api/v1/search/ (mix)"),
        "",
        "goal: ≥ 300 req/s at 16 clients, p95 ≤ 80 ms, 0 errors: "
        + ("met" if result.meets(300, 80) else "NOT met"),
        "",
        "CPU per request during the load (less sensitive than req/s to the machine's other work):"
        f" gunicorn {result.cpu_ms['gunicorn']:.1f} ms, this database's PostgreSQL backends "
        f"{result.cpu_ms['postgres']:.1f} ms; at that cost {os.cpu_count()} cores would serve "
        f"at most {os.cpu_count() * 1000 / max(0.1, sum(result.cpu_ms.values())):,.0f} req/s "
        "(Elasticsearch and Redis not counted).",
        "",
        "Where a request's time goes (cProfile, the same mix through Django's test client in one "
        "process, production settings):",
        "",
        "```",
        top.rstrip(),
        "```",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
