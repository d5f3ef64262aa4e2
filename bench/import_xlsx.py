"""Spreadsheet import benchmark (issue #14): generate an XLSX of N rows (default 10,000), then
time its preview (a dry run, as the admin's preview runs it), applying it, and previewing it
again once applied (every row unchanged); print the figures and append them to RESULTS.md.

    .venv/bin/python bench/import_xlsx.py [--rows N] [--database-url URL]

Runs in-process against a fresh database (a temporary SQLite file unless --database-url names
another, which it migrates and fills: use a throw-away database). Targets on the 2-core
machine: preview within 30 s, apply within 60 s.
"""

import argparse
import io
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.import_registry import enterprise_record, plot_record, zone_record  # noqa: E402


def records(rows: int, seed: int = 1) -> dict[str, list[dict]]:
    """The benchmark's records by kind: a zone per thousand rows, then plots and enterprises."""
    rng = random.Random(seed)
    zones = max(1, rows // 1000)
    by_kind = {"zone": [zone_record(rng, z) for z in range(zones)], "plot": [], "enterprise": []}
    for n in range(rows - zones):
        zone = f"bench-zone-{rng.randrange(zones)}"
        if n % 2 == 0:
            by_kind["plot"].append(plot_record(rng, n, zone))
        else:
            by_kind["enterprise"].append(enterprise_record(rng, n, zone))
    return by_kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
        os.environ["DNHUB_DATA_DIR"] = tmp
        # Search indexing is left to the task worker, as in production.
        os.environ["TASKS_BACKEND"] = "database"
        os.environ.pop("ELASTICSEARCH_URL", None)
        if args.database_url:
            os.environ["DATABASE_URL"] = args.database_url
        else:
            os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from registry.interchange.importer import import_file
        from registry.interchange.workbook import write_xlsx

        call_command("migrate", verbosity=0)
        by_kind = records(args.rows)
        out = io.BytesIO()
        started = time.perf_counter()
        write_xlsx(list(by_kind), by_kind.__getitem__, out)
        writing = time.perf_counter() - started
        data = out.getvalue()

        def timed(**kwargs) -> tuple[float, object]:
            started = time.perf_counter()
            result = import_file(io.BytesIO(data), "bench.xlsx", total_bytes=len(data), **kwargs)
            assert result.ok, [str(p) for p in result.problems[:5]]
            return time.perf_counter() - started, result

        preview, result = timed(dry_run=True)
        assert len(result.changes) == args.rows
        apply, _result = timed()
        again, result = timed(dry_run=True)
        assert not result.changes and sum(result.unchanged.values()) == args.rows

    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    report(database, args.rows, len(data), writing, preview, apply, again)


def report(database, rows, size, writing, preview, apply, again) -> None:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    met = "met" if preview <= 30 and apply <= 60 else "NOT met"
    if rows != 10_000:
        met = "they are set for 10,000 rows, not judged here"
    text = "\n".join(
        [
            f"### import_xlsx, {time.strftime('%Y-%m-%d')}, {database}",
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; workbook {size / 1e6:.1f} MB, "
            f"{rows:,} rows (written in {writing:.1f} s); peak memory {peak_mb:,.0f} MB; "
            f"load average at the end: {os.getloadavg()[0]:.1f}",
            "",
            "| run | rows | seconds | rows/s |",
            "|---|---:|---:|---:|",
            row("preview (dry run, all new)", rows, preview),
            row("apply (publish)", rows, apply),
            row("preview again (all unchanged)", rows, again),
            "",
            f"targets: preview within 30 s, apply within 60 s (10,000 rows): {met}",
            "",
        ]
    )
    print(text)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results:
        results.write(text + "\n")


def row(label: str, rows: int, seconds: float) -> str:
    return f"| {label} | {rows:,} | {seconds:.1f} | {rows / seconds:,.0f} |"


if __name__ == "__main__":
    main()
