"""Matching benchmark: N generated plots (plus the seed landmarks and some partner firms), then
the match API timed over the seven presets and an investor's own request.

    .venv/bin/python bench/match.py [--plots 100000] [--db-plots 10000] [--requests 210]
                                    [--elasticsearch-url http://127.0.0.1:9200]

Each configuration runs in a fresh throw-away SQLite database. Latency is server-side: the
POST /api/v1/match/ view through Django's test client, partners included. Goals: Elasticsearch
p95 ≤ 60 ms at 100,000 plots; database p95 ≤ 150 ms at 10,000. Appends to bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[0] = str(REPO)

from bench.phases import run_phase  # noqa: E402 - after the path fix above

PRESETS = [
    "semiconductor_osat",
    "semiconductor_design",
    "mems_iot_chips",
    "data_centre_hyperscale",
    "data_centre_edge",
    "ai_compute",
    "ai_rnd_centre",
]
OWN_REQUEST = {
    "require": {
        "min_power_mw": 20,
        "max_flood_risk": "low",
        "within_km": {"landmark": "lt-airport", "km": 40},
    },
    "prefer": {
        "power_capacity_mw": {"weight": 2, "target": 120, "zero_at": 20},
        "km_to:cai-mep-thi-vai-port": {"weight": 1, "target": 20, "zero_at": 80},
        "cleanroom_ready": {"weight": 1},
    },
}
CODES = [
    "semiconductor.packaging_testing",
    "semiconductor.chip_design",
    "semiconductor.mems_sensors",
    "data_centre.hyperscale",
    "data_centre.edge",
    "ai.compute",
    "software",
]
ROLES = ["packaging_testing", "chip_design", "dc_operator", "cloud_provider", "ai_developer"]


def generate(path: Path, plots: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    zones = max(1, plots // 500)
    with path.open("w", encoding="utf-8") as out:
        for line in (
            (REPO / "seeds" / "01_landmarks.jsonl").read_text(encoding="utf-8").splitlines()
        ):
            out.write(line + "\n")
        for z in range(zones):
            zone = {
                "kind": "zone",
                "ref": f"bench-zone-{z}",
                "name": f"Khu thử {z}",
                "zone_kind": rng.choice(["industrial_park", "it_park", "high_tech_park"]),
                "location": where(rng),
            }
            out.write(json.dumps(zone, ensure_ascii=False) + "\n")
        for n in range(plots):
            plot = plot_record(rng, n, zones)
            out.write(
                json.dumps({k: v for k, v in plot.items() if v is not None}, ensure_ascii=False)
                + "\n"
            )
        for n in range(max(50, plots // 50)):  # partner candidates
            firm = {
                "kind": "enterprise",
                "ref": f"bench-firm-{n}",
                "name": f"Công ty thử {n}",
                "ownership": rng.choice(["domestic", "fdi"]),
                "value_chain_roles": [rng.choice(ROLES)],
                "technologies": rng.sample(CODES, 2),
                "location": where(rng),
            }
            out.write(json.dumps(firm, ensure_ascii=False) + "\n")


def maybe(rng: random.Random, value):
    """The value, or (one time in about seven) None: a field the curators left empty."""
    return value if rng.random() < 0.85 else None


def where(rng: random.Random) -> dict:
    return {
        "lat": round(10.6 + rng.random() * 0.6, 5),
        "lon": round(106.7 + rng.random() * 0.6, 5),
    }


def plot_attributes(rng: random.Random) -> dict:
    """A generated plot's status and matching attributes, some unknown (None)."""
    return {
        "status": rng.choice(["available", "available", "reserved", "leased"]),
        "area_m2": rng.choice([3000, 8000, 12000, 20000, 42000, 60000, 100000]),
        "lease_price_usd_m2": maybe(rng, rng.randint(80, 220)),
        "lease_term_end_year": maybe(rng, rng.choice([2057, 2068, 2070, 2075])),
        "power_capacity_mw": maybe(rng, rng.choice([1, 2, 5, 10, 22, 40, 60, 120, 200])),
        "power_feeds": maybe(rng, rng.randint(1, 4)),
        "water_supply_m3_day": maybe(rng, rng.choice([200, 500, 1500, 3000, 8000, 19000])),
        "fibre_pop_distance_km": maybe(rng, round(rng.uniform(0.1, 15), 1)),
        "fibre_bandwidth_gbps": maybe(rng, rng.choice([10, 40, 100, 400])),
        "flood_risk": maybe(rng, rng.choice(["low", "low", "medium", "high"])),
        "cleanroom_ready": maybe(rng, rng.random() < 0.3),
        "ready_built_factory": maybe(rng, rng.random() < 0.3),
    }


def plot_record(rng: random.Random, n: int, zones: int) -> dict:
    return {
        "kind": "plot",
        "ref": f"bench-plot-{n}",
        "zone": f"bench-zone-{rng.randrange(zones)}",
        "code": f"P{n}",
        "name": f"Lô thử {n}",
        **plot_attributes(rng),
        "suitable_for": rng.sample(CODES, rng.randint(1, 2)),
        "location": where(rng),
    }


def phase(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.search import measure, percentile
    from search import lifecycle
    from search.backends import elasticsearch_backend

    call_command("migrate", verbosity=0)
    data = Path(os.environ["DNHUB_DATA_DIR"]) / "plots.jsonl"
    generate(data, args.plots)
    with open(os.devnull, "w") as devnull:
        call_command("import_registry", str(data), stdout=devnull, stderr=devnull)
    es = elasticsearch_backend()
    if es is not None:
        lifecycle.rebuild(es)
        es.refresh()

    client = Client(HTTP_HOST="localhost")
    bodies = [{"profile": p} for p in PRESETS] + [OWN_REQUEST]
    counts, backends = {}, set()
    for body in bodies:
        answer = client.post("/api/v1/match/", json.dumps(body), content_type="application/json")
        assert answer.status_code == 200, answer.content[:500]
        counts[body.get("profile", "own request")] = answer.json()["count"]
        backends.add(answer.json()["backend"])
    cycle = iter(range(10**9))

    def one():
        body = bodies[next(cycle) % len(bodies)]
        client.post("/api/v1/match/", json.dumps(body), content_type="application/json")

    timings = measure(one, args.requests, 1)
    print(
        json.dumps(
            {
                "backend": "/".join(sorted(backends)),
                "plots": args.plots,
                "c1": [percentile(timings, p) for p in (50, 95, 99)],
                "counts": counts,
            }
        )
    )


def phase_run(plots, requests, es_url):
    command = ["--plots", str(plots), "--requests", str(requests)]
    return run_phase(__file__, command, "dnhub-bench-match", es_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=100_000)
    parser.add_argument("--db-plots", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=210)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--phase", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return
    rows = []
    if args.elasticsearch_url:
        rows.append(phase_run(args.plots, args.requests, args.elasticsearch_url))
    rows.append(phase_run(args.db_plots, args.requests, ""))
    lines = [
        f"### match, {time.strftime('%Y-%m-%d')}, SQLite",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.requests} POST /api/v1/match/ at concurrency 1, "
        "cycling the 7 presets and one own request (partners included)",
        "",
        "| backend | plots | p50 / p95 / p99 ms | candidates per request |",
        "|---|---:|---:|---|",
    ]
    for row in rows:
        timing = " / ".join(f"{v:.1f}" for v in row["c1"])
        counts = ", ".join(f"{k} {v:,}" for k, v in row["counts"].items())
        lines.append(f"| {row['backend']} | {row['plots']:,} | {timing} | {counts} |")
    lines += [
        "",
        "goals: Elasticsearch p95 ≤ 60 ms at 100,000 plots; database ≤ 150 ms at 10,000",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(report + "\n")


if __name__ == "__main__":
    main()
