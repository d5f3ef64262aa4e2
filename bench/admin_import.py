"""The admin's import, timed: a file of N lines (default 10,000) uploaded, previewed, applied,
the way the task worker runs them (issue #14: preview within 30 s, apply within 60 s).

    .venv/bin/python bench/admin_import.py [--lines N] [--database-url URL]

Runs against a fresh database (a temporary SQLite file unless --database-url names another,
which it migrates and fills: use a throw-away database). Times the run's own work (the import's
dry run with its preview, then the real run with its audit entry), not the HTTP requests.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.import_registry import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DNHUB_DATA_DIR=str(tmp))
        os.environ["TASKS_BACKEND"] = "database"  # as in production: the worker runs the tasks
        os.environ.pop("ELASTICSEARCH_URL", None)
        if args.database_url:
            os.environ["DATABASE_URL"] = args.database_url
        else:
            os.environ.pop("DATABASE_URL", None)
        manage = [sys.executable, str(REPO / "manage.py")]
        subprocess.run([*manage, "migrate", "-v", "0"], check=True, cwd=REPO)
        data = tmp / "bench.jsonl"
        generate(data, args.lines)
        preview, apply, run = timed_run(data)

    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    print(
        "\n".join(
            [
                f"### admin import, {time.strftime('%Y-%m-%d')}, {database}",
                f"machine: {platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}",
                "",
                "| stage | lines | seconds | goal |",
                "|---|---:|---:|---:|",
                f"| preview (dry run, changes listed) | {args.lines:,} | {preview:.1f} | 30 |",
                f"| apply as published | {args.lines:,} | {apply:.1f} | 60 |",
                "",
                f"run status: {run.status}; created: {sum(run.result['created'].values()):,}",
            ]
        )
    )


def timed_run(data: Path):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from registry.imports import runs, tasks
    from registry.models import ImportRun

    user = get_user_model().objects.create_superuser("bench", "bench@example.invalid", "pw")
    with data.open("rb") as stream:
        run = tasks.start(user, File(stream, name=data.name), "vi")
    started = time.perf_counter()
    runs.run_preview(run.pk)
    preview = time.perf_counter() - started
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED and not run.problems, run.problems[:3]
    tasks.apply(run, publish=True)
    started = time.perf_counter()
    runs.run_apply(run.pk)
    apply = time.perf_counter() - started
    run.refresh_from_db()
    return preview, apply, run


if __name__ == "__main__":
    main()
