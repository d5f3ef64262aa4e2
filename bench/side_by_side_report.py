"""The tables bench/side_by_side.py prints and appends to bench/RESULTS.md."""

import time

ENGINES = {
    "ours": "ours: SearchEntry table, no facets",
    "ours, with facets": "ours, with facets (as the portal asks)",
    "wagtail": "Wagtail's search (django-modelsearch database backend)",
    "orm": "plain ORM `icontains`",
}
WAYS = {
    "rebuild": "ours: `search_index rebuild` (bulk)",
    "outbox_es": "ours: outbox drain of the import's publishes, Elasticsearch part",
    "outbox_all": "ours: the same drain as the product runs it (Elasticsearch + database table)",
    "per_object": "theirs: `post_save` → one document, one request per save",
    "per_object_refresh": "theirs, with refresh per save (django-elasticsearch-dsl's default)",
}


def ratio(value, base) -> str:
    return f"×{value / base:,.1f}" if value and base else ""


def query_cell(figures: dict, ours: dict) -> str:
    if "gave_up_s" in figures:
        return f"stopped after {figures['gave_up_s']:g} s"
    p95 = ratio(figures["p95"], ours.get("p95"))
    calls = f", {figures['calls']} calls" if figures["calls"] < 10 else ""
    return f"{figures['p50']:.1f} / {figures['p95']:.1f} ({p95}{calls}) · {figures['found']:,}"


def search_table(results, queries, unfolded) -> list[str]:
    lines = [
        "| records | engine | index build s (× ours) | "
        + " | ".join(f"“{text}” p50 / p95 ms (p95 × ours) · found" for text in queries.values())
        + f" | “{queries[unfolded]}”: found / relevant | load |",
        "|---|---|---:|" + "---:|" * len(queries) + "---:|---:|",
    ]
    for result in results:
        rows = result["search"]
        ours = rows[0]
        relevant = ours["relevant"]
        for row in rows:
            build = ""
            if "build_s" in row:
                build = f"{row['build_s']:.1f} ({ratio(row['build_s'], ours['build_s'])})"
            cells = [query_cell(row["queries"][label], ours["queries"][label]) for label in queries]
            found = row["queries"][unfolded].get("found")
            found = "?" if found is None else f"{found:,}"
            loads = [f["load"] for f in row["queries"].values()]
            lines.append(
                f"| {result['records']:,} | {ENGINES[row['engine']]} | {build} | "
                + " | ".join(cells)
                + f" | {found} / {relevant:,} | {min(loads):.1f}–{max(loads):.1f} |"
            )
    return lines


def indexing_table(results) -> list[str]:
    lines = [
        "| records | way | documents | seconds | docs/s | ours ÷ theirs (docs/s), "
        "vs per save / vs per save with refresh | load |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        rows = {row["way"]: row for row in result["indexing"]}
        rate = {way: row["docs"] / row["s"] for way, row in rows.items() if row["s"]}
        for way, row in rows.items():
            versus = ""
            if way.startswith(("rebuild", "outbox")):
                versus = " / ".join(
                    ratio(rate[way], rate.get(theirs))
                    for theirs in ("per_object", "per_object_refresh")
                )
            seconds = f"{row['s']:.1f}"
            if "wall_s" in row:
                seconds += f" (the saves: {row['wall_s']:.1f})"
            lines.append(
                f"| {result['records']:,} | {WAYS[way]} | {row['docs']:,} | {seconds} | "
                f"{rate.get(way, 0):,.0f} | {versus} | {row['load']:.1f} |"
            )
    return lines


def report(results, queries, unfolded, database, machine) -> str:
    imports = ", ".join(f"{r['records']:,} in {r['import_s']:.0f} s" for r in results)
    lines = [
        f"### side_by_side, {time.strftime('%Y-%m-%d')}, {database}",
        f"machine: {machine}; load = 1-minute load average while measured (2 cores shared with "
        f"other work); records imported: {imports}",
        "",
        "Search in the database, concurrency 1: count the results and load the first 20.",
        "",
        *search_table(results, queries, unfolded),
        "",
    ]
    if any(result["indexing"] for result in results):
        lines += [
            "Indexing into Elasticsearch. Per save: the time in the `post_save` handler only "
            "(building the document, one request); the saves' wall time beside it.",
            "",
            *indexing_table(results),
            "",
        ]
    return "\n".join(lines)
