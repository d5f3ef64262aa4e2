"""Import benchmark: generate N interchange lines (default 100,000), import them, print figures.

    .venv/bin/python bench/import_registry.py [--lines N] [--database-url URL] [--validate-only]
                                              [--workdir DIR]

Runs against a fresh database (a temporary SQLite file unless --database-url names another, which
it migrates and fills: use a throw-away database), with DEBUG off as in production. Each run is a
fresh process: its wall time (Python and Django's start included) and its peak RSS are reported.
Goals (issue #17): 100,000 lines in at most 45 s; a million lines with bounded memory.
--validate-only times the streaming validation alone (no writing), e.g. on a million lines;
--workdir puts the generated file and the SQLite database there (a big disk) instead of /tmp.
"""

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def generate(path: Path, lines: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    zones = max(1, lines // 1000)
    with path.open("w", encoding="utf-8") as out:
        for z in range(zones):
            out.write(json.dumps(zone_record(rng, z), ensure_ascii=False) + "\n")
        for n in range(lines - zones):
            zone = f"bench-zone-{rng.randrange(zones)}"
            record = plot_record(rng, n, zone) if n % 2 == 0 else enterprise_record(rng, n, zone)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def zone_record(rng: random.Random, z: int) -> dict:
    return {
        "kind": "zone",
        "ref": f"bench-zone-{z}",
        "name": f"Khu công nghiệp thử {z}",
        "zone_kind": "industrial_park",
        "total_area_ha": 500,
        "available_area_ha": 200,
        "technologies": ["semiconductor", "data_centre"],
        "location": {"lat": 10.5 + rng.random(), "lon": 106.5 + rng.random()},
    }


def plot_record(rng: random.Random, n: int, zone: str) -> dict:
    return {
        "kind": "plot",
        "ref": f"bench-plot-{n}",
        "zone": zone,
        "code": f"P{n}",
        "name": f"Lô thử {n}",
        "name_en": f"Test lot {n}",
        "status": rng.choice(["available", "reserved", "leased"]),
        "area_m2": rng.randint(1000, 100000),
        "power_capacity_mw": rng.randint(1, 120),
        "power_feeds": rng.randint(1, 4),
        "flood_risk": rng.choice(["low", "medium"]),
        "suitable_for": [
            rng.choice(["semiconductor.packaging_testing", "data_centre.hyperscale", "ai.compute"])
        ],
        "location": {"lat": 10.5 + rng.random(), "lon": 106.5 + rng.random()},
        "description": {
            "vi": "Lô đất công nghiệp có hạ tầng đồng bộ.",
            "en": "Industrial lot with full infrastructure.",
        },
    }


def enterprise_record(rng: random.Random, n: int, zone: str) -> dict:
    return {
        "kind": "enterprise",
        "ref": f"bench-ent-{n}",
        "name": f"Công ty thử {n}",
        "ownership": rng.choice(["domestic", "fdi"]),
        "zone": zone,
        "technologies": [rng.choice(["software", "ai.applied", "iot.devices"])],
        "employees": rng.randint(1, 5000),
        "value_chain_roles": ["software"],
    }


def row(label: str, lines: int, seconds: float, measured: dict) -> str:
    cpu, rss_mb = measured["cpu_seconds"], measured["rss_mb"]
    figures = f"{lines:,} | {seconds:.1f} | {lines / seconds:,.0f} | {cpu:.1f} | {rss_mb:,.0f}"
    return f"| {label} | {figures} |"


def phase(command: list[str]) -> None:
    """In the child process: run one management command, then print its peak RSS (MB)."""
    sys.path.insert(0, str(REPO))
    import django
    from django.core.management import call_command

    django.setup()
    if command[0] == "validate":  # the streaming validation alone, nothing written
        from registry.interchange.validation import validate_stream

        with open(command[1], "rb") as stream:
            spool, result = validate_stream(stream, total_bytes=os.path.getsize(command[1]))
            spool.close()
        assert result.ok, result.problems[:5]
    else:
        with open(os.devnull, "w") as quiet:
            call_command(*command, stdout=quiet)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of this process (SQLite's work included): on a shared machine they say more
    # than wall seconds, which grow with the load.
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"rss_mb": usage.ru_maxrss / 1024, "cpu_seconds": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--validate-only", action="store_true")
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--phase", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args.phase)
        return

    rows, seconds_of = [], []
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "0"}
        env["DNHUB_DATA_DIR"] = str(tmp)
        env.pop("ELASTICSEARCH_URL", None)
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        else:
            env.pop("DATABASE_URL", None)

        def timed(label: str, *command) -> None:
            started = time.perf_counter()
            done = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--phase", *command],
                env=env,
                check=True,
                cwd=REPO,
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - started
            measured = json.loads(done.stdout.strip().splitlines()[-1])
            seconds_of.append(seconds)
            rows.append(row(label, args.lines, seconds, measured))
            print(rows[-1], f"(load {os.getloadavg()[0]:.1f})", flush=True)

        subprocess.run(  # noqa: S603
            [sys.executable, str(REPO / "manage.py"), "migrate", "-v", "0"],
            env=env,
            check=True,
            cwd=REPO,
        )
        data = tmp / "bench.jsonl"
        generate(data, args.lines)
        load_before = os.getloadavg()
        if args.validate_only:
            timed("validation only (streaming, nothing written)", "validate", str(data))
        else:
            # Search indexing is left to the task worker, as in production, and timed on its own.
            env["TASKS_BACKEND"] = "database"
            timed("first import (all new)", "import_registry", str(data))
            timed("search indexing of the import (outbox drain)", "search_index", "drain")
            timed("re-import (unchanged)", "import_registry", str(data))
        load_after = os.getloadavg()

    write_report(args, rows, seconds_of, load_before, load_after)


def write_report(args, rows, seconds_of, load_before, load_after) -> None:
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    met = "met" if seconds_of[0] * 100_000 / args.lines <= 45 else "NOT met"
    loads = " / ".join(f"{a:.1f}→{b:.1f}" for a, b in zip(load_before, load_after, strict=True))
    report = "\n".join(
        [
            f"### import_registry, {time.strftime('%Y-%m-%d')}, {database}",
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; DEBUG off; load average (1/5/15 min, "
            f"before→after): {loads}",
            "",
            "| run | lines | seconds | lines/s | CPU seconds (this process) | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            (
                f"goal: 100,000 lines in at most 45 s: {met} (first import, process start included)"
                if not args.validate_only
                else "validation streams: memory grows only by the file's ref index "
                "(one entry per record: kind, ref, line), records are spooled to disk"
            ),
            "",
        ]
    )
    print(report)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(report + "\n")


if __name__ == "__main__":
    main()
