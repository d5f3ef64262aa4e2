"""Where a search API request's time goes: cProfile of bench/api_throughput.py's mix through
Django's test client, in one process, with the environment that bench gives (production
settings). Run by that bench; alone: `python bench/throughput_profile.py [requests]` with the
same environment. Prints the functions with the most cumulative time, as a share of the whole,
and the database queries per request."""

import cProfile
import io
import pstats
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[0] = str(REPO)

# What each line of the summary stands for: (label, a function's file and name).
PARTS = [
    ("whole request (test client)", "django/test/client.py", "get"),
    ("API edge middleware", "cms/api_edge/middleware.py", "process_view"),
    ("  search.freshness.data_state", "search/freshness.py", "data_state"),
    ("  throttle (Redis)", "cms/api_edge/throttle.py", "refusal"),
    ("search view", "search/api.py", "search_view"),
    ("  answer cache (lookup)", "search/answer_cache.py", "cached_answer"),
    ("  query parsing", "search/query.py", "parse"),
    ("  search service (Elasticsearch)", "search/service.py", "search"),
    ("  outbox check (_gone)", "search/service.py", "_gone"),
    ("  JSON rendering", "django/http/response.py", "__init__"),
    ("validators, ETag (middleware)", "cms/api_edge/middleware.py", "_validated"),
    ("database queries", "django/db/backends/utils.py", "_execute"),
]


def main(requests: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.api_throughput import HOST, mix

    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    paths = mix(requests, seed=11)
    for path in paths[:50]:  # warm: connections, caches, imports
        client.get(path)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profiler.enable()
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)  # noqa: S101
        profiler.disable()
    stats = pstats.Stats(profiler)
    whole = _cumulative(stats, *PARTS[0][1:]) or 1
    print(f"{requests} requests, {whole / requests * 1000:.2f} ms each in the profiler")
    print(f"database queries per request: {len(queries) / requests:.2f}")
    for label, filename, name in PARTS[1:]:
        seconds = _cumulative(stats, filename, name)
        share = seconds / whole * 100
        print(f"{label:<36} {seconds / requests * 1000:7.2f} ms  {share:5.1f}%")
    print()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    body = out.getvalue()
    print("top functions by own time:")
    print(body[body.find("ncalls") :].rstrip())


def _cumulative(stats: pstats.Stats, filename: str, name: str) -> float:
    return sum(
        cumulative
        for (file, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items()
        if file.endswith(filename) and function == name
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
