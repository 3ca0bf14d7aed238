"""The issue's performance targets, each judged on the measured figures.

A target is "met", "not met", or "not measured" (with the reason); every
judgment shows the values it was made from.
"""

from figures import faster, megabytes, ratio, seconds
from measure import percentile

MET, NOT_MET, NOT_MEASURED = "met", "**not met**", "not measured"


def judged(ok):
    return MET if ok else NOT_MET


def xapian_floor(result, step, command, mode, numbers):
    """p50/p95 of Xapian's floor on the given queries: xapian-floor's engine
    time of each query, plus for a command (one process per query) the start
    of a process on Xapian measured beside it (xapian-start); None when not
    measured."""
    if not command:
        return result.quantiles_on(step, "xapian-floor", mode, numbers)
    medians = []
    for tool in ("xapian-floor", "xapian-start"):
        entry = result.latency(step, tool, mode)
        if not entry:
            return None
        medians.append({row["query"]: row["median"] for row in entry["per_query"]})
    engine, start = medians
    sums = [engine[x] + start[x] for x in numbers if x in engine and x in start]
    if not sums:
        return None
    return {"p50": percentile(sums, 50), "p95": percentile(sums, 95)}


def judged_with_floor(speedup, required, theirs, floor):
    """The status of a latency target; one not met says how far Xapian's own
    floor gets against the same peer time, and that the target is out of
    reach when even the floor is less than `required` times faster."""
    if speedup >= required:
        return MET
    if floor is None:
        return NOT_MET
    reach = faster(theirs, floor)
    if reach < required:
        return f"{NOT_MET}: out of reach on Xapian 1.4 (its floor: {ratio(reach)})"
    return f"{NOT_MET} (Xapian's floor: {ratio(reach)})"


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


# Each latency target is judged twice: the commands as a user runs them (one
# process per query, start-up and printing included), and the engines alone
# in an open process (newsquery's library via bench/engine_latency against
# FTS5 in an open connection).
WAYS = (("newsquery", "fts5-cli", "CLI", "newsquery", "sqlite3 CLI"),
        ("newsquery-engine", "fts5-inproc", "engine", "library", "FTS5 in-process"))


def search_targets(result):
    rows = []
    for ours_tool, peer, way, ours_name, peer_name in WAYS:
        for mode, what in (("top20", "top-20"), ("all", "all matches")):
            ours = result.latency("search", ours_tool, mode)
            theirs = result.latency("search", peer, mode)
            floor = ours and xapian_floor(result, "search", way == "CLI", mode,
                                          {row["query"] for row in ours["per_query"]})
            for quantile in ("p50", "p95"):
                label = f"search ≥ 10× faster than FTS5, {what}, {quantile} ({way})"
                if not ours or not theirs:
                    rows.append((label, result.name, "–", "≥ 10×", NOT_MEASURED))
                    continue
                speedup = faster(theirs[quantile], ours[quantile])
                rows.append((label, result.name,
                             f"{ratio(speedup)} ({ours_name} {seconds(ours[quantile])}, "
                             f"{peer_name} {seconds(theirs[quantile])})", "≥ 10×",
                             judged_with_floor(speedup, 10, theirs[quantile],
                                               floor and floor[quantile])))
    return rows


def timeline_targets(result):
    rows = []
    for ours_tool, peer, required, mode, label in (
            ("newsquery", "git-S", 1000, "timeline", "timeline ≥ 1000× faster than git log -S"),
            ("newsquery", "fts5-cli", 10, "timeline",
             "timeline ≥ 10× faster than FTS5 + SQL (CLI)"),
            ("newsquery-engine", "fts5-inproc", 10, "timeline",
             "timeline ≥ 10× faster than FTS5 + SQL (engine)"),
            ("newsquery", "fts5-cli", None, "timeline-all",
             "timeline of every article (--limit 0) vs FTS5 + SQL (CLI, ratio reported)"),
            ("newsquery-engine", "fts5-inproc", None, "timeline-all",
             "timeline of every article (--limit 0) vs FTS5 + SQL (engine, ratio reported)")):
        rows += timeline_target(result, ours_tool, peer, required, mode, label)
    return rows


def timeline_target(result, ours_tool, peer, required, mode, label):
    """Judged on the queries the peer ran (git runs a subset); required None:
    the ratio is reported, not judged."""
    wanted = f"≥ {required:,}×" if required else "–"
    ours = result.latency("timeline", ours_tool, mode)
    theirs = result.latency("timeline", peer, mode)
    if not ours or not theirs or not theirs["per_query"]:
        return [(label, result.name, "–", wanted, NOT_MEASURED)]
    numbers = {row["query"] for row in theirs["per_query"]}
    mine = result.quantiles_on("timeline", ours_tool, mode, numbers)
    subset = "" if len(numbers) == ours["queries"] else f", {len(numbers)} queries"
    ours_name = "library" if ours_tool == "newsquery-engine" else "newsquery"
    floor = xapian_floor(result, "timeline", ours_tool == "newsquery", mode, numbers)
    rows = []
    for quantile in ("p50", "p95"):
        speedup = faster(theirs[quantile], mine[quantile])
        status = "reported"
        if required:
            status = judged_with_floor(speedup, required, theirs[quantile],
                                       floor and floor[quantile])
        rows.append((f"{label}, {quantile}", result.name,
                     f"{ratio(speedup)} ({ours_name} {seconds(mine[quantile])}, "
                     f"{peer} {seconds(theirs[quantile])}{subset})", wanted, status))
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
    # The modes every run has, with or without --peers-1m.
    search = result.latency("search", "newsquery", "top20")
    timeline = result.latency("timeline", "newsquery", "timeline")
    if not entry:
        return [(label, result.name, "–", "completes", NOT_MEASURED)]
    if "failed" in entry:
        return [(label, result.name, f"ingest failed: {' '.join(entry['failed'].split())[:200]}",
                 "completes", NOT_MET)]
    peak = entry["max_rss"]["max"]
    answered = (f", {search['queries']} searches (top 20) answered" if search
                else ", searches not run")
    answered += (f", {timeline['queries']} timelines answered" if timeline
                 else ", timelines not run")
    return [(label, result.name, f"peak memory {megabytes(peak)}, ingest {seconds(entry['wall']['median'])}"
             f"{answered}", "completes", judged(bool(search and timeline)))]


# The corpora the targets are judged on (bench/run --corpus all).
FULL_CORPORA = ("real", "gen100k", "gen1m")


def evaluate(results):
    rows = []
    ran = {result.name for result in results}
    if ran & set(FULL_CORPORA):  # a full run, not a smoke run
        for name in FULL_CORPORA:
            if name not in ran:
                rows.append(("all targets", name, "–", "–",
                             f"{NOT_MEASURED}: no results yet (bench/run --corpus {name})"))
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
