"""Lighthouse benchmark: the four category scores of the key portal pages, served as in production.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--port 8103] [--only home,search]
        [--database-url URL] [--elasticsearch-url URL] [--tile-url URL]

A throw-away data folder (SQLite unless --database-url) with the seed data loaded, served by
scripts/serve with the production settings (gunicorn, WhiteNoise's compressed files with hashed
names, DEBUG off); then Lighthouse (npm) on Debian's Chromium, mobile preset, on home, search
(with a query), a plot page and the site finder, in Vietnamese and English, each page `--runs`
times; the table gives the median score per category. Targets (issue #11): accessibility 100,
best practices, SEO and performance ≥ 95. Exits non-zero when a median misses one. The reports
land in bench/out/lighthouse/ (git-ignored); the table is appended to bench/RESULTS.md.

Map tiles: MAP_TILE_URL="" by default (--tile-url to measure a tile server), since the scores
measure the portal, not a third-party tile server, and a bench machine may be offline.
"""

import argparse
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
# Paths under /<language>/ (the same in both languages: the language prefix picks the page).
PAGES = {
    "home": "",
    "search": "search/?q=data+centre",
    "plot": "registry/plot/sample-lt-digital-park-a01/",
    "finder": "site-finder/?profile=semiconductor_osat",
}
LANGUAGES = ("vi", "en")
METRICS = ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")


def lighthouse_runs(targets: dict[str, str], out: Path, runs: int, categories=CATEGORIES) -> None:
    """Run scripts/lighthouse.mjs on {name: url}: DIR/<name>-<run>.json for each run."""
    command = [
        "node",
        str(REPO / "scripts" / "lighthouse.mjs"),
        "--out",
        str(out),
        "--runs",
        str(runs),
        "--categories",
        ",".join(categories),
        *(f"{name}={url}" for name, url in targets.items()),
    ]
    # A run Lighthouse could not measure (a runtime error) still writes its report: the exit
    # status says so, and read_reports() leaves that run out of the medians.
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)  # noqa: S603
    if done.returncode and not done.stdout.strip():
        raise RuntimeError(f"Lighthouse failed ({done.returncode}):\n{done.stderr[-3000:]}")


def read_reports(names, out: Path, runs: int) -> list[dict]:
    """The scores (0-100), lost audits and key metrics of each run's report."""
    results = []
    for name in names:
        for run in range(1, runs + 1):
            lhr = json.loads((out / f"{name}-{run}.json").read_text(encoding="utf-8"))
            audits = lhr["audits"]
            error = (lhr.get("runtimeError") or {}).get("code")
            results.append(
                {
                    "name": name,
                    "error": error,
                    "lighthouse": lhr["lighthouseVersion"],
                    "benchmark_index": lhr["environment"]["benchmarkIndex"],
                    "scores": {
                        c: round(v["score"] * 100) if v["score"] is not None else None
                        for c, v in lhr["categories"].items()
                    },
                    "lost": {
                        c: [
                            ref["id"]
                            for ref in v["auditRefs"]
                            if ref["weight"] > 0
                            and audits[ref["id"]]["score"] is not None
                            and audits[ref["id"]]["score"] < 1
                        ]
                        for c, v in lhr["categories"].items()
                    },
                    "metrics": {m: audits[m].get("numericValue") for m in METRICS},
                }
            )
    return results


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH")
    if path:
        return path
    return subprocess.run(  # noqa: S603
        [str(REPO / "scripts" / "chromium")], capture_output=True, text=True, check=True
    ).stdout.strip()


def wait_ready(base: str, seconds: int) -> None:
    """Until /readyz answers with an empty outbox (the seed import indexed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:  # noqa: S310
                tasks = json.load(response)["checks"].get("tasks", {})
                if tasks.get("outbox_pending") == 0:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError("the portal did not become ready")


def serve(args, data_dir: str):
    """The seed data loaded, then scripts/serve (production settings) in its own process group."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on the loopback: no redirect to HTTPS (a proxy terminates TLS in production).
        "SECURE_SSL_REDIRECT": "0",
        "DNHUB_DATA_DIR": data_dir,
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_WORKERS": "2",
        "SEARCH_INDEX_PREFIX": f"dnhub-bench-lighthouse-{os.getpid()}",
        "MAP_TILE_URL": args.tile_url,
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("DEBUG", None)
    for name, value in (("DATABASE_URL", args.database_url), ("ELASTICSEARCH_URL", args.es_url)):
        env.pop(name, None)
        if value:
            env[name] = value
    python = str(REPO / ".venv" / "bin" / "python")
    for command in (["migrate", "--no-input", "-v", "0"], ["load_initial_data"]):
        subprocess.run(  # noqa: S603
            [python, "manage.py", *command], env=env, cwd=REPO, check=True, capture_output=True
        )
    log = open(Path(data_dir) / "serve.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(  # noqa: S603
        [str(REPO / "scripts" / "serve")],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return server, log


def median_table(results: list, targets: dict[str, str]) -> tuple[list[str], bool]:
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " | LCP ms | TBT ms | CLS | runs |",
        "|---|" + "---:|" * (len(CATEGORIES) + 4),
    ]
    met = True
    for name in targets:
        runs = [r for r in results if r["name"] == name and not r["error"]]
        if not runs:
            met = False
            lines.append(f"| {name} |" + " - |" * (len(CATEGORIES) + 3) + " 0 |")
            continue
        cells = []
        for category in CATEGORIES:
            score = statistics.median(r["scores"][category] for r in runs)
            if score < TARGETS[category]:
                met = False
            cells.append(f"{score:g}" if score >= TARGETS[category] else f"**{score:g}**")
        for metric, fmt in zip(METRICS, ("{:.0f}", "{:.0f}", "{:.3f}"), strict=True):
            cells.append(fmt.format(statistics.median(r["metrics"][metric] for r in runs)))
        cells.append(str(len(runs)))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines, met


def measure(args, base: str, targets: dict) -> float:
    """Serve the portal, run Lighthouse on every target, stop the server: the seconds it took."""
    with tempfile.TemporaryDirectory() as data_dir:
        server, log = serve(args, data_dir)
        try:
            wait_ready(base, 300)
            started = time.monotonic()
            lighthouse_runs(targets, OUT, args.runs)
            return time.monotonic() - started
        except Exception:
            print((Path(data_dir) / "serve.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(60)
            log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--only", default="", help="comma-separated pages: home,search,plot,finder")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--elasticsearch-url", dest="es_url", default="")
    parser.add_argument("--tile-url", default="")
    parser.add_argument(
        "--from-reports", action="store_true", help="summarise the last run's reports again"
    )
    args = parser.parse_args()
    os.environ["CHROMIUM_PATH"] = chromium_path()
    pages = [p for p in PAGES if not args.only or p in args.only.split(",")]
    base = f"http://127.0.0.1:{args.port}"
    targets = {
        f"{name}-{language}": f"{base}/{language}/{PAGES[name]}"
        for name in pages
        for language in LANGUAGES
    }
    seconds = None if args.from_reports else measure(args, base, targets)
    results = read_reports(targets, OUT, args.runs)
    version = results[0]["lighthouse"]
    errors = [f"{r['name']}: {r['error']}" for r in results if r["error"]]
    lines, met = median_table(results, targets)
    lost = sorted({f"{c}: {a}" for r in results for c, audits in r["lost"].items() for a in audits})
    report = "\n".join(
        [
            f"### lighthouse, {time.strftime('%Y-%m-%d')}, SQLite, seed data, mobile preset",
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Lighthouse {version}, "
            f"Debian's Chromium; scripts/serve (gunicorn, WhiteNoise, DEBUG off); median of "
            f"{args.runs} runs per page"
            + (f" ({seconds:.0f} s in all)" if seconds else "")
            + "; Lighthouse's benchmark index "
            f"{statistics.median(r['benchmark_index'] for r in results):.0f}",
            "",
            *lines,
            "",
            "targets: accessibility 100, best practices / SEO / performance ≥ 95: "
            + ("met" if met else "NOT met"),
            *(["", "audits that lost points in some run: " + "; ".join(lost)] if lost else []),
            *(["", "runs Lighthouse could not measure: " + "; ".join(errors)] if errors else []),
            "",
        ]
    )
    print(report)
    print(f"reports: {OUT.relative_to(REPO)}/", file=sys.stderr)
    with (REPO / "bench" / "RESULTS.md").open("a", encoding="utf-8") as results_file:
        results_file.write(report + "\n")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
