"""The issue's performance targets, each judged on the measured figures.

A target is "met", "not met", or "not measured" (with the reason); every
judgment shows the values it was made from.
"""

from figures import faster, megabytes, ratio, seconds

MET, NOT_MET, NOT_MEASURED = "met", "**not met**", "not measured"


def judged(ok):
    return MET if ok else NOT_MET


def bulk_targets(result):
    rows = []
    bulk = result.bulk or {}
    if "failed" in (bulk.get("newsindex") or {}):
        return [("bulk ingest", result.name, "newsindex failed (see below)", "completes",
                 NOT_MET)]
    ours = (bulk.get("newsindex") or {}).get("wall", {}).get("median")
    for peer, required, label in (("scriptindex", 3.0, "bulk ingest ≥ 3× faster than scriptindex (aim 4×)"),
                                  ("fts5", None, "bulk ingest vs SQLite FTS5 (ratio reported)")):
        theirs = (bulk.get(peer) or {}).get("wall", {}).get("median")
        speedup = faster(theirs, ours)
        if speedup is None:
            rows.append((label, result.name, "–", "≥ 3×" if required else "–", NOT_MEASURED))
            continue
        measured = f"{ratio(speedup)} (newsindex {seconds(ours)}, {peer} {seconds(theirs)})"
        status = judged(speedup >= required) if required else "reported"
        if required and speedup >= required and speedup < 4:
            status += " (below the 4× aim)"
        rows.append((label, result.name, measured, f"≥ {required:.0f}×" if required else "–",
                     status))
    return rows


def size_target(result):
    size = result.size or {}
    ours = (size.get("newsindex") or {}).get("compacted")
    fts = size.get("fts5") or {}
    label = "index ≤ 2× FTS5's size after compaction"
    if ours is None or not fts:
        return [(label, result.name, "–", "≤ 2×", NOT_MEASURED)]
    rows = []
    for key, what in (("as_built", "as loaded"), ("compacted", "after optimize+VACUUM")):
        share = ours / fts[key]
        rows.append((f"{label} (FTS5 {what})", result.name,
                     f"{ratio(share)} (newsindex compacted {megabytes(ours)}, "
                     f"FTS5 {megabytes(fts[key])})", "≤ 2×", judged(share <= 2.0)))
    return rows


def search_targets(result):
    rows = []
    for mode, what in (("top20", "top-20"), ("all", "all matches")):
        ours = result.latency("search", "newsquery", mode)
        theirs = result.latency("search", "fts5-cli", mode)
        for quantile in ("p50", "p95"):
            label = f"search ≥ 10× faster than FTS5, {what}, {quantile}"
            if not ours or not theirs:
                rows.append((label, result.name, "–", "≥ 10×", NOT_MEASURED))
                continue
            speedup = faster(theirs[quantile], ours[quantile])
            rows.append((label, result.name,
                         f"{ratio(speedup)} (newsquery {seconds(ours[quantile])}, "
                         f"sqlite3 CLI {seconds(theirs[quantile])})", "≥ 10×",
                         judged(speedup >= 10)))
    return rows


def timeline_targets(result):
    rows = []
    ours = result.latency("timeline", "newsquery", "timeline")
    for peer, required, label in (("git-S", 1000, "timeline ≥ 1000× faster than git log -S"),
                                  ("fts5-cli", 10, "timeline ≥ 10× faster than FTS5 + SQL")):
        theirs = result.latency("timeline", peer, "timeline")
        if not ours or not theirs or not theirs["per_query"]:
            rows.append((label, result.name, "–", f"≥ {required}×", NOT_MEASURED))
            continue
        numbers = {row["query"] for row in theirs["per_query"]}
        mine = result.quantiles_on("timeline", "newsquery", "timeline", numbers)
        for quantile in ("p50", "p95"):
            speedup = faster(theirs[quantile], mine[quantile])
            subset = "" if len(numbers) == ours["queries"] else f", {len(numbers)} queries"
            rows.append((f"{label}, {quantile}", result.name,
                         f"{ratio(speedup)} (newsquery {seconds(mine[quantile])}, "
                         f"{peer} {seconds(theirs[quantile])}{subset})", f"≥ {required:,}×",
                         judged(speedup >= required)))
    return rows


def incremental_target(result):
    label = "incremental 1 % in < 5 % of bulk time"
    increment = ((result.incremental or {}).get("newsindex") or {}).get("wall", {}).get("median")
    bulk = ((result.bulk or {}).get("newsindex") or {}).get("wall", {}).get("median")
    if increment is None or bulk is None:
        return [(label, result.name, "–", "< 5 %", NOT_MEASURED)]
    share = increment / bulk
    return [(label, result.name, f"{share * 100:.1f} % ({seconds(increment)} of {seconds(bulk)})",
             "< 5 %", judged(share < 0.05))]


def million_target(result):
    label = "1M long-article versions ingest and query without running out of memory"
    entry = (result.bulk or {}).get("newsindex")
    search = result.latency("search", "newsquery", "all")
    if not entry:
        return [(label, result.name, "–", "completes", NOT_MEASURED)]
    if "failed" in entry:
        return [(label, result.name, f"ingest failed: {' '.join(entry['failed'].split())[:200]}",
                 "completes", NOT_MET)]
    peak = entry["max_rss"]["max"]
    answered = f", {search['queries']} queries answered" if search else ", queries not run"
    return [(label, result.name, f"peak memory {megabytes(peak)}, ingest {seconds(entry['wall']['median'])}"
             f"{answered}", "completes", judged(bool(search)))]


def evaluate(results):
    rows = []
    for result in results:
        if result.skipped:
            rows.append(("all targets", result.name, "–", "–",
                         f"{NOT_MEASURED}: {result.skipped.get('reason', '')}"))
            continue
        if result.name == "gen1m":
            rows += million_target(result)
            if (result.plan or {}).get("ingest_tools") == "newsindex":
                continue  # run without peers (bench/run --peers-1m adds them)
        rows += bulk_targets(result) + size_target(result) + search_targets(result)
        rows += timeline_targets(result) + incremental_target(result)
    return rows
