"""Indicators benchmark: generate N interchange records (default 100,000: plots, enterprises
with the indicators' fields, R&D organisations, incubators and funds), import them, then time
`readings()` and `breakdowns()` in process and print p50/p95 and their query counts.

    .venv/bin/python bench/indicators.py [--records 100000] [--calls 50] [--database-url URL]

Runs in a fresh throw-away SQLite database (or --database-url: migrated and filled, so use a
throw-away database). Appends its table to bench/RESULTS.md. The goal (issue #15): the
indicators API within 50 ms p95 at 100,000 records; readings() and breakdowns() are its work.
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from importlib import import_module
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[0] = str(REPO)

from bench.import_registry import enterprise_record, plot_record, zone_record  # noqa: E402
from bench.phases import run_phase  # noqa: E402
from bench.search import percentile  # noqa: E402

# The parts of breakdowns(), timed one by one too.
PARTS = [
    "by_technology",
    "by_ownership",
    "by_origin_country",
    "startups_by_stage",
    "incubators",
    "zones",
]
STRATEGIC_TAGS = ["semiconductor.chip_design", "data_centre.edge", "ai.applied", "iot.devices"]


def maybe(rng: random.Random, value, known: float = 0.8):
    """The value, or None (unknown) one time in five: the registry is never complete."""
    return value if rng.random() < known else None


def indicator_enterprise(rng: random.Random, n: int, zone: str) -> dict:
    record = enterprise_record(rng, n, zone)
    record["technologies"] = sorted({*record["technologies"], rng.choice(STRATEGIC_TAGS)})
    record["ownership"] = rng.choice(["domestic", "fdi", "joint_venture", "state_owned"])
    fields = {
        "origin_country": maybe(rng, rng.choice(["VN", "KR", "JP", "TW", "SG", "US"])),
        "rnd_staff": maybe(rng, rng.choice([0, 0, 1, 5, 20])),
        "patents": maybe(rng, rng.choice([0, 0, 0, 1, 3])),
        "is_global_tech_leader": maybe(rng, rng.random() < 0.001),
        "startup_stage": rng.choice([None, None, None, "idea", "seed", "series_a"]),
    }
    return record | {key: value for key, value in fields.items() if value is not None}


def other_record(rng: random.Random, n: int, zone: str) -> dict:
    if n % 2:
        record = {"kind": "rd_organisation", "org_kind": "lab"}
        researchers = maybe(rng, rng.randint(0, 200))
        if researchers is not None:
            record["researchers"] = researchers
    else:
        fund = rng.random() < 0.3
        record = {"kind": "incubator", "org_kind": "venture_fund" if fund else "incubator"}
        record["zone"] = zone
        if fund and rng.random() < 0.8:
            record["fund_size_usd"] = rng.choice([5, 10, 20]) * 1_000_000
    location = {"lat": 10.5 + rng.random(), "lon": 106.5 + rng.random()}
    return record | {"ref": f"bench-other-{n}", "name": f"Tổ chức thử {n}", "location": location}


def generate(path: Path, records: int, seed: int = 1) -> None:
    """Half plots, 40 % enterprises, 10 % R&D organisations and incubators."""
    rng = random.Random(seed)
    zones = max(1, records // 1000)
    with path.open("w", encoding="utf-8") as out:
        for z in range(zones):
            out.write(json.dumps(zone_record(rng, z), ensure_ascii=False) + "\n")
        for n in range(records - zones):
            zone = f"bench-zone-{rng.randrange(zones)}"
            make = [plot_record, plot_record, plot_record, plot_record, plot_record]
            make += [indicator_enterprise] * 4 + [other_record]
            out.write(json.dumps(make[n % 10](rng, n, zone), ensure_ascii=False) + "\n")


def create_indicators() -> None:
    from registry.models import Indicator, IndicatorTarget, IndicatorValue
    from registry.models.indicator import REGISTRY_COMPUTED

    for code in REGISTRY_COMPUTED:
        indicator = Indicator.objects.create(
            code=code, name=code, name_en=code, unit="count", origin="registry", theme="ecosystem"
        )
        IndicatorTarget.objects.create(indicator=indicator, year=2030, comparison="gte", value=1)
    population = Indicator.objects.create(
        code="population", name="Dân số", name_en="Population", unit="people", origin="agency",
        theme="context",
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=population, as_of="2025-01-01", value=4_491_408, source="bench"
    )


def timed(call, calls: int) -> tuple[list[float], int]:
    from django.db import connection

    call()  # warm up (and the first read of the day, which stores the day's snapshot)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, len(queries)


def phase(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from registry.indicators import breakdowns, readings

    parts = import_module("registry.indicators.breakdowns")  # the module, not its function
    from registry.models import Enterprise

    call_command("migrate", verbosity=0)
    data = Path(os.environ["DNHUB_DATA_DIR"]) / "bench.jsonl"
    generate(data, args.records)
    started = time.perf_counter()
    call_command("import_registry", str(data), stdout=open(os.devnull, "w"))  # noqa: SIM115
    imported = time.perf_counter() - started
    create_indicators()
    results = {"import_s": imported, "enterprises": Enterprise.objects.count()}
    calls = [("readings()", readings), ("breakdowns()", breakdowns)]
    calls += [(f"· {part}()", getattr(parts, part)) for part in PARTS]
    for name, call in calls:
        timings, queries = timed(call, args.calls)
        results[name] = {
            "p50": percentile(timings, 50),
            "p95": percentile(timings, 95),
            "queries": queries,
        }
    print(json.dumps(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return
    os.environ["TASKS_BACKEND"] = "database"  # search indexing is not what is measured here
    argv = ["--records", str(args.records), "--calls", str(args.calls)]
    results = run_phase(__file__, argv, "bench-indicators", database_url=args.database_url)
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    lines = [
        f"### indicators, {time.strftime('%Y-%m-%d')}, {database}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.records:,} records "
        f"({results['enterprises']:,} enterprises) imported in {results['import_s']:.0f} s; "
        f"load average at the end: {os.getloadavg()[0]:.1f}",
        "",
        "| call (in process) | p50 ms | p95 ms | queries |",
        "|---|---:|---:|---:|",
    ]
    for name in ["readings()", "breakdowns()", *(f"· {part}()" for part in PARTS)]:
        r = results[name]
        lines.append(f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['queries']} |")
    report = "\n".join([*lines, ""])
    print(report)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as out:
        out.write("\n" + report)


if __name__ == "__main__":
    main()
