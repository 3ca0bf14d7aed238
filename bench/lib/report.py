"""One run's section of bench/RESULTS.md, from bench/run's measurements.

Speed ratios are peer time / our time (how many times faster newsindex is);
the size ratio is ours / FTS5's. An ingest figure is the median of its runs
with min–max beside; a query figure the p50/p95 across the queries' medians.
"""

import datetime
import os
import platform
import re
import sqlite3
import subprocess
from statistics import median

WHAT = {
    "newsquery": "newsquery CLI, one process per query",
    "newsquery-engine": "newsquery's library in one open process (engine time only)",
    "xapian-floor": "Xapian alone on the scriptindex index, in one open process (floor)",
    "xapian-start": "a process starting with Xapian and opening our index (xapian-delve; floor)",
    "fts5-cli": "sqlite3 CLI, one process per query",
    "fts5-inproc": "FTS5 in an open connection (engine time only)",
    "git-S": "git log -S", "rg": "rg -c over the text dump",
}
OURS = ("newsquery", "newsquery-engine")
IN_PROCESS = ("fts5-inproc", "xapian-floor")  # compared with newsquery-engine


def plural(n, noun):
    return f"{n} {noun}" + ("" if n == 1 else "s")


def short_count(n):
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def machine(repo):
    """The machine, the peers' versions and the commit (marked when tracked files
    other than RESULTS.md differ from it) that the figures belong to."""
    def output(*argv):
        return subprocess.run(argv, capture_output=True, text=True).stdout.strip()

    def find(pattern, path):
        with open(path, encoding="utf-8") as file:
            return re.search(pattern, file.read(), re.MULTILINE)[1]
    dirty = output("git", "-C", repo, "status", "--porcelain", "--untracked-files=no", "--", ".",
                   ":(exclude)bench/RESULTS.md")
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cores": os.cpu_count(), "cpu": find(r"^model name\s*: (.*)", "/proc/cpuinfo"),
            "memory": f"{int(find(r'^MemTotal: *([0-9]+)', '/proc/meminfo')) / 2**20:.1f} GiB",
            "kernel": platform.release(),
            "huge_pages": find(r"\[(\w+)\]", "/sys/kernel/mm/transparent_hugepage/enabled"),
            "load": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
            "commit": output("git", "-C", repo, "rev-parse", "--short", "HEAD")
            + (" (with uncommitted changes)" if dirty else ""),
            "tools": ", ".join([f"{tool} {re.search(r'[0-9.]+[0-9]', output(tool, '--version'))[0]}" for tool in
                                ("scriptindex", "xapian-compact", "sqlite3", "rg", "git")]
                               + [f"python3 {platform.python_version()} with SQLite {sqlite3.sqlite_version}"])}


def seconds(value):
    if value is None:
        return "–"
    if value >= 1:
        return f"{value:.0f} s" if value >= 100 else f"{value:.2f} s"
    return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.1f} ms"


def megabytes(value):
    return f"{value / 1e6:,.0f} MB" if value >= 10e6 else f"{value / 1e6:.1f} MB"


def ratio(peer, ours):
    if not peer or not ours:
        return "–"
    value = peer / ours
    return f"{value:,.0f}×" if value >= 100 else f"{value:.1f}×" if value >= 0.1 else f"{value:.2g}×"


def spread(values, show):
    """'median (min–max)'."""
    middle = show(median(values))
    return middle if len(values) == 1 else f"{middle} ({show(min(values))}–{show(max(values))})"


def percentile(values, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = int(position), min(int(position) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def table(header, rows):
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] +
                     ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows] + [""])


def data_table(results):
    return table(["corpus", "versions", "articles", "sources", "text (title+summary+body)", "JSONL",
                  "1 % delta", "git history"], [(
        r["name"], f"{d['versions']:,}", f"{d['articles']:,}", d["sources"],
        megabytes(d["text_bytes"]), megabytes(d["jsonl_bytes"]),
        f"{d['delta']:,} ({d['delta'] - d['delta_new_versions']:,} later versions, "
        f"{d['delta_new_versions']:,} in {d['delta_new_articles']:,} new articles)",
        f"{megabytes(d['git_bytes'])}, built in {seconds(d['git_seconds'])}" if "git_bytes" in d else "–")
        for r in results for d in [r["data"]]])


def ingest_tables(r):
    if "bulk" not in r:  # not run (--steps)
        return []
    bulk, incremental, size = r["bulk"], r.get("incremental", {}), r["size"]
    wall = {tool: median(s["wall"] for s in samples) for tool, samples in bulk.items()}
    lines = [f"#### Bulk ingest ({plural(max(map(len, bulk.values()), default=0), 'run')}; whole corpus "
             "into an empty index)", "", table(
                 ["tool", "wall median (min–max)", "CPU user+sys", "peak memory (max RSS)",
                  "newsindex faster by"],
                 [(tool, spread([s["wall"] for s in samples], seconds),
                   seconds(median(s["cpu"] for s in samples)), spread([s["rss"] for s in samples], megabytes),
                   "–" if tool == "newsindex" else ratio(wall[tool], wall.get("newsindex")))
                  for tool, samples in bulk.items()])]
    if incremental:
        lines += [f"#### Incremental: the 1 % delta into the index of the other 99 % "
                  f"({plural(max(len(e['runs']) for e in incremental.values()), 'run')})", "", table(
                      ["tool", "99 % base build (once)", "1 % ingest median (min–max)", "of bulk time",
                       "peak memory"],
                      [(tool, seconds(e["base"]["wall"]), spread([s["wall"] for s in e["runs"]], seconds),
                        f"{median(s['wall'] for s in e['runs']) / wall[tool] * 100:.1f} %",
                        spread([s["rss"] for s in e["runs"]], megabytes))
                       for tool, e in incremental.items() if tool in wall])]
    fts = size.get("fts5", {}).get("compacted")
    return lines + ["#### Index size on disk (du -sb)", "", table(
        ["index", "versions held", "as built", "compacted¹", "compacted / FTS5 compacted"],
        [(tool, f"{e['versions']:,}", megabytes(e["as_built"]), megabytes(e["compacted"]),
          f"{e['compacted'] / fts:.2f}×" if fts else "–") for tool, e in size.items()]),
        "¹ xapian-compact for the Xapian indexes; FTS5 'optimize' + VACUUM for SQLite.", ""]


ARCHIVES = {"jsonl": "JSON Lines", "diffengine": "diffengine database", "newsedits": "NewsEdits files",
            "newsdiffs": "NewsDiffs git repositories", "warc": "WARC"}
ARCHIVE_RATIO, RERUN_SHARE = 1.5, 2.0  # the targets: × the JSON Lines ingest; % of the format's own ingest


def archive_tables(r):
    """Each archive format against the JSON Lines of the same versions; a cell
    past its target is marked ✗, versions that differ from JSON Lines' are spelt out."""
    a = r.get("archives")
    if not a:
        return []
    made, samples, failed = a["made"], a["samples"], a["failed"]
    written = table(["format", "written as", "files", "size", "written in"], [
        (ARCHIVES[name], f"`{a['inputs'][name][0]}`", f"{made[name]['files']:,}", megabytes(made[name]["bytes"]),
         seconds(made[name]["seconds"])) for name in ARCHIVES if name in made])
    records = made["warc"]["records"]
    jsonl = samples.get("jsonl") or []
    base_wall = median(s["wall"] for s in jsonl) if jsonl else None
    base_added = jsonl[0]["added"] if jsonl else None
    rows = []
    for name, label in ARCHIVES.items():
        if name in failed or not samples.get(name):
            rows.append((label, f"failed: {failed.get(name, 'no run')}", *["–"] * 7))
            continue
        s = samples[name]
        wall, again = median(x["wall"] for x in s), median(x["rerun"]["wall"] for x in s)
        added = s[0]["added"]
        versions = f"{added:,}" if added == base_added or base_added is None else \
            f"**{added:,}** (JSON Lines {base_added:,}, {added - base_added:+,})"
        skipped = s[0].get("skipped") or {}  # newsindex --json-summary: reason -> count
        refused = f"{s[0]['rejected']:,}" + (f" / {sum(skipped.values()):,} (" + ", ".join(
            f"{reason} {count:,}" for reason, count in sorted(skipped.items())) + ")" if skipped else "")
        of_jsonl = "–" if name == "jsonl" or not base_wall else \
            f"{wall / base_wall:.2f}×" + (" ✗" if wall / base_wall > ARCHIVE_RATIO else "")
        share = again / wall * 100
        rows.append((label, versions, refused, spread([x["wall"] for x in s], seconds), of_jsonl,
                     spread([x["rss"] for x in s], megabytes), spread([x["rerun"]["wall"] for x in s], seconds),
                     f"{share:.1f} %" + (" ✗" if share >= RERUN_SHARE else ""),
                     spread([x["rerun"]["rss"] for x in s], megabytes)))
    return [f"#### Archive formats: the same versions written as each archive "
            f"({made['captures']:,} captures; WARC records: "
            + ", ".join(f"{count:,} {kind}" + (f" ({records['html']:,} HTML pages)" if kind == "response" else "")
                        for kind, count in records.items() if kind != "html") + ")", "", written,
            f"#### Archive ingest into an empty database, then again with nothing new "
            f"({plural(a['runs'], 'run')} each, formats taking turns)", "", table(
                ["input", "versions added", "rejected / skipped", "ingest wall", f"of JSON Lines (≤ {ARCHIVE_RATIO}×)",
                 "peak memory", "again, nothing new", f"of its ingest (< {RERUN_SHARE:.0f} %)", "peak memory"], rows),
            "`newsindex --db DB --quiet --json-summary INPUT`, versions added from its summary; a run that exits "
            "otherwise than 0 or 65, or adds nothing and rejects something, is shown failed with its first line "
            "on stderr.", "", *floor_lines(a.get("floor"), base_wall, jsonl)]


FLOORS = {"warc": ("WARC", "bench/warc_floor", lambda f: f"inflate every gzip member, frame every record, decode "
                    f"and parse every one of {f['pages']:,} HTML pages with libxml2, nothing else"),
          "newsdiffs": ("NewsDiffs", "bench/newsdiffs_floor", lambda f: f"walk every repository's history, compare "
                        f"each of {f['commits']:,} commits' trees with its parent's, read each of {f['files']:,} "
                        f"changed files with libgit2, nothing else")}


def floor_lines(floors, base_wall, jsonl):
    """The stack's floor for each archive format: the JSON Lines ingest of the
    same versions plus what the format's libraries alone take to read it
    (bench/*_floor, on every core), in wall time and in CPU time shared by
    the cores."""
    if not floors or not base_wall:
        return []
    if isinstance(floors, list):  # results written before NewsDiffs had a floor
        floors = {"warc": floors}
    base_cpu = median(s["cpu"] for s in jsonl)
    cores = os.cpu_count() or 1
    lines = []
    for name, floor in floors.items():
        if not floor:
            continue
        label, tool, work = FLOORS[name]
        wall, cpu = median(f["wall"] for f in floor), median(f["cpu"] for f in floor)
        lines += [f"{label} floor (`{tool}`: {work(floor[0])}; {plural(len(floor), 'run')}): "
                  f"{seconds(wall)} wall, {seconds(cpu)} CPU. The JSON Lines ingest plus that is "
                  f"{seconds(base_wall + wall)} = **{(base_wall + wall) / base_wall:.2f}×** the JSON Lines ingest run "
                  f"one after the other; with both spread perfectly over {cores} cores ((JSON Lines CPU "
                  f"{seconds(base_cpu)} + floor CPU) / {cores}) **{(base_cpu + cpu) / cores / base_wall:.2f}×**.", ""]
    return lines


def quantile(per_query, numbers, p, pick=median):
    values = [pick(row["times"]) for number, row in per_query.items() if number in numbers]
    return percentile(values, p) if values else None


def latency_table(tools, modes):
    rows = []
    for tool, mode in ((tool, mode) for tool in WHAT for mode in modes):
        if not (per_query := tools.get((tool, mode))):
            continue
        numbers, cells = set(per_query), []
        for p in (50, 95):
            middle = seconds(quantile(per_query, numbers, p))
            cells.append(middle if len(next(iter(per_query.values()))["times"]) < 2 else
                         f"{middle} ({seconds(quantile(per_query, numbers, p, min))}–"
                         f"{seconds(quantile(per_query, numbers, p, max))})")
        ours = tools.get(("newsquery-engine" if tool in IN_PROCESS else "newsquery", mode))
        faster = "–" if tool in OURS or not ours else " / ".join(
            ratio(quantile(per_query, numbers, p), quantile(ours, numbers, p)) for p in (50, 95))
        rows.append((WHAT[tool], mode, len(numbers), *cells, faster))
    return table(["tool", "mode", "queries", "p50 (min–max)¹", "p95 (min–max)¹",
                  "newsquery faster by (p50 / p95)²"], rows)


def latency_tables(r):
    lines = []
    for step, modes, title in (("search", ("top20", "all"), "Search latency"),
                               ("timeline", ("timeline", "timeline-all"), "Timeline latency"),
                               ("phrase", ("phrase",), "Phrase lookup (exact words, all versions)")):
        if result := r["latency"].get(step):
            detail = f"{plural(result['rounds'], 'round')} per query; process start floor {seconds(result['spawn'])}"
            if result.get("git_queries"):
                detail += f"; git: 1 round over queries {', '.join(map(str, result['git_queries']))}"
            lines += [f"#### {title} ({detail})", "", latency_table(result["tools"], modes)]
    lines += ["¹ across the queries' median times; in brackets the same quantile over each query's "
              "fastest and over its slowest run.", "² a command against the newsquery command; an engine "
              "in an open process (fts5-inproc, xapian-floor) against newsquery's library in one.", ""]
    if "search" not in r["latency"]:  # not run (--steps)
        return []
    search = r["latency"]["search"]["tools"]
    columns = [key for key in search if key[1] == "all" and key[0] not in ("xapian-floor", "xapian-start")]
    if columns:
        lines += ["<details><summary>Per query, all matches: hits / median time</summary>", "", table(
            ["#", "class", "query", *(tool for tool, _ in columns)],
            [(x.number, x.kind, x.text + (f" [{x.source}]" if x.source else ""), *(
                f"{row['hits']:,} / {seconds(median(row['times']))}" if (row := search[key].get(x.number))
                else "–" for key in columns)) for x in r["queries"]]), "</details>", ""]
    return lines


def history_lines(r):
    lines = []
    if h := r.get("history"):
        times = h["times"]
        lines += [f"#### History of the most revised article ({plural(len(times), 'run')})", "",
                  f"`newsquery history --format json {h['article']}` ({h['captures']:,} captures): "
                  f"{seconds(median(times))} ({seconds(min(times))}–{seconds(max(times))}), process start "
                  f"included.", ""]
    def against_search(title, times, ours, what):
        mine, search = median(times[ours]), median(times["search"])
        return [f"#### {title} ({plural(len(times[ours]), 'run')} each, taking turns)", "",
                f"{what}: {seconds(mine)}; its top-20 search: {seconds(search)}; **{mine / search:.2f}×** (≤ 3×).", ""]
    if c := r.get("changes"):
        lines += against_search("What changed in one day", c["times"], "changes",
                                f"`newsquery changes --since {c['day']} --until {c['day']}` (the day with the most new "
                                f"revisions, {c['revisions']:,}; the newest 100, each diffed against the revision "
                                f"before; the search: `the` in that day)")
    if f := r.get("facet"):
        lines += against_search("Counts per month", f["times"], "facet",
                                f"`newsquery search --facet month {f['query']}` ({f['versions']:,} matching versions, "
                                f"the bench query nearest 10,000)")
    return lines


def section(results, m, command, elapsed):
    """The section: m is machine()'s answer, taken before the run."""
    lines = [f"## {m['date'][:10]}, commit {m['commit']}: `{command}`", "",
             f"Measured {m['date']} in {elapsed / 60:.0f} min on {m['cores']} cores ({m['cpu']}), "
             f"{m['memory']}, kernel {m['kernel']}, transparent huge pages {m['huge_pages']}, load at "
             f"start {m['load']}. Tools: {m['tools']}. What each figure measures: bench/README.md.", "",
             data_table(results)]
    for r in results:
        lines += [f"### {r['name']}", ""] + ingest_tables(r) + archive_tables(r) + latency_tables(r) + history_lines(r)
        lines += [f"- **failed and dropped**: {' '.join(failure.split())}" for failure in r["failed"]]
        lines += [""] if r["failed"] else []
    return "\n".join(lines) + "\n"
