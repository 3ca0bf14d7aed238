"""Writes RESULTS.md from the step results in a work directory.

The results may come from more than one run (bench/run --steps re-measures
some steps and keeps the others'); then the Reproduce section lists each run
with what it measured, and a section measured at another commit than the
Machine table's says so in its heading (lib/provenance.py).

    python3 report.py --work bench/work/full --corpora real,gen100k,gen1m \
        --out bench/RESULTS.md --command "bench/run ..." --elapsed SECONDS \
        [--partial-to FILE]

The step results live in the work directory, on the machine that measured
them; a new machine has none. A report that would leave a target "not
measured" is therefore not written over an existing --out file, whose
figures would be lost, but to --partial-to (when given), with a line on
standard error saying what is missing.
"""

import argparse
import os
import shlex
import sys

import targets
from figures import (MEASURED_STEPS, CorpusResults, faster, median_range, megabytes, ratio,
                     seconds, table)
from measure import percentile, read_json
from provenance import UNKNOWN
from workspace import BENCH

REPO = os.path.dirname(BENCH)

TOOL_NOTES = {
    "newsquery": "newsquery CLI, one process per query",
    "fts5-cli": "sqlite3 CLI, one process per query",
    "fts5-inproc": "FTS5 in an open connection (engine time only)",
    "newsquery-engine": "newsquery's library in one open process (engine time only)",
    "quest": "Xapian quest CLI on the scriptindex index",
    "xapian-floor": "Xapian alone on the scriptindex index, in one open process (floor)",
    "xapian-start": "a process starting with Xapian and opening our index (xapian-delve; floor)",
    "git-S": "git log -S",
    "git-G": "git log -G",
    "rg": "rg -c over the text dump",
}


def plural(count, noun):
    return f"{count} {noun}" + ("" if count == 1 else "s")


def machine_section(machine, command, elapsed, runs):
    tools = ", ".join(f"{name} {version}" for name, version in machine["tools"].items())
    load = ", ".join(f"{x:.1f}" for x in machine["load_average"])
    lines = [
        "## Machine", "",
        table(["date (UTC)", "cores", "memory", "CPU", "kernel", "transparent huge pages",
               "load at start", "commit"],
              [(machine["date"], machine["cores"], f"{machine['memory'] / 2**30:.1f} GiB",
                machine["cpu"], machine["kernel"], machine.get("transparent_hugepage", "unknown"),
                load, machine["commit"])]),
        "", f"Tools: {tools}.", "",
        "## Reproduce", "", f"    {command}", "",
        f"(took {elapsed / 60:.0f} min; data and indexes under bench/work/, see bench/README.md)",
    ]
    if runs and list(runs) != [(machine["commit"], command)]:
        lines += ["", "Not every figure comes from this run: bench/run keeps the results of the "
                  "steps it does not run (--steps). They were measured by (UTC, when the steps "
                  "finished):", ""]
        for (commit, measured_by), (covered, when) in runs.items():
            shown_command = "command unknown" if measured_by == UNKNOWN else f"`{measured_by}`"
            lines.append(f"- {covered} — commit {commit}, {shown_command}, {when}")
    return "\n".join(lines)


def measured_runs(results):
    """{(commit, command): (what it measured, when)} of every run the report's
    figures come from, earliest first."""
    parts = {}  # run -> {(corpus, step): [tool, or None for the whole step]}
    dates = {}  # run -> when its steps finished
    for r in results:
        for step, measured in ({} if r.skipped else r.measured).items():
            for part, where in measured.items():
                run = (where.commit, where.command)
                parts.setdefault(run, {}).setdefault((r.name, step), []).append(part)
                dates.setdefault(run, []).append(where.date)
    runs = {}
    for run in sorted(parts, key=lambda run: min(dates[run])):
        corpora = {}  # "bulk, size (fts5)" -> the corpora the run measured so
        for r in results:
            steps = [step if len(done) == len(r.measured[step]) else f"{step} ({', '.join(done)})"
                     for step in MEASURED_STEPS if (done := parts[run].get((r.name, step)))]
            if steps:
                corpora.setdefault(", ".join(steps), []).append(r.name)
        covered = "; ".join(f"{', '.join(names)}: {steps}" for steps, names in corpora.items())
        runs[run] = (covered, date_range(dates[run]))
    return runs


def date_range(dates):
    """'2026-11-23 20:28–21:49' from ISO 8601 UTC times."""
    first, last = (f"{date[:10]} {date[11:16]}" for date in (min(dates), max(dates)))
    if first == last:
        return first
    if first[:10] == last[:10]:
        return f"{first}–{last[11:]}"
    return f"{first} – {last}"


def heading(title, details):
    """'### title (detail; detail)' of the details that are not empty."""
    details = [detail for detail in details if detail]
    return f"### {title}" + (f" ({'; '.join(details)})" if details else "")


def measured_at(r, step, commit):
    """'measured at X' when a section's figures come from another commit than
    the Machine table's; empty otherwise."""
    commits = sorted({where.commit for where in r.measured.get(step, {}).values()})
    return "" if commits in ([], [commit]) else "measured at " + ", ".join(commits)


def data_section(results):
    rows = []
    for r in results:
        c = r.corpus
        if not c:
            continue
        git = r.git or {}
        rows.append((r.name, f"{c['versions']:,}", f"{c['articles']:,}", c["sources"],
                     megabytes(c["text_bytes"]), megabytes(c["jsonl_bytes"]),
                     f"{c['delta_versions']:,} ({c['delta_later_versions']:,} later versions, "
                     f"{c['delta_new_article_versions']:,} in {c['delta_new_articles']:,} new articles)",
                     f"{megabytes(git.get('bytes'))}, built in {seconds(git.get('build_seconds'))}"
                     if git else "–"))
    return "\n".join(["## Data", "", table(
        ["corpus", "versions", "articles", "sources", "text (title+summary+body)", "JSONL",
         "1 % delta", "git history"], rows)])


def ingest_section(r, commit):
    lines = []
    bulk = r.bulk or {}
    if bulk:
        ours = (bulk.get("newsindex") or {}).get("wall", {}).get("median")
        rows = []
        for tool, entry in bulk.items():
            if "failed" in entry:
                rows.append((tool, f"failed: {' '.join(entry['failed'].split())[:200]}",
                             "–", "–", "–"))
                continue
            cpu = entry["user"]["median"] + entry["sys"]["median"]
            theirs = entry["wall"]["median"]
            rows.append((tool, median_range(entry, "wall", seconds), seconds(cpu),
                         median_range(entry, "max_rss", megabytes),
                         "–" if tool == "newsindex" else ratio(faster(theirs, ours))))
        runs = plural(max((e["wall"]["runs"] for e in bulk.values() if "wall" in e),
                          default=0), "run")
        lines += [heading("Bulk ingest", [runs, "whole corpus into an empty index",
                                          measured_at(r, "bulk", commit)]), "",
                  table(["tool", "wall median (min–max)", "CPU user+sys", "peak memory (max RSS)",
                         "newsindex faster by"], rows), ""]
    incremental = r.incremental or {}
    if incremental:
        rows = []
        for tool, entry in incremental.items():
            if "failed" in entry:
                rows.append((tool, f"failed: {' '.join(entry['failed'].split())[:200]}",
                             "–", "–", "–"))
                continue
            full = ((bulk.get(tool) or {}).get("wall") or {}).get("median")
            share = f"{entry['wall']['median'] / full * 100:.1f} %" if full else "–"
            rows.append((tool, seconds(entry["base_build"]["wall"]),
                         median_range(entry, "wall", seconds), share,
                         median_range(entry, "max_rss", megabytes)))
        runs = plural(max((e["wall"]["runs"] for e in incremental.values() if "wall" in e),
                          default=0), "run")
        lines += [heading("Incremental: the 1 % delta into the index of the other 99 %",
                          [runs, measured_at(r, "incremental", commit)]), "",
                  table(["tool", "99 % base build (once)", "1 % ingest median (min–max)",
                         "of bulk time", "peak memory"], rows), ""]
    size = r.size or {}
    if size:
        fts = size.get("fts5") or {}
        rows = []
        for tool, entry in size.items():
            versus = ratio(entry["compacted"] / fts["compacted"]) if fts else "–"
            rows.append((tool, f"{entry.get('documents', 0):,}", megabytes(entry["as_built"]),
                         megabytes(entry["compacted"]), versus))
        lines += [heading("Index size on disk", ["du -sb", measured_at(r, "size", commit)]), "",
                  table(["index", "versions held", "as built", "compacted¹",
                         "compacted / FTS5 compacted"], rows), "",
                  "¹ xapian-compact for the Xapian indexes; FTS5 'optimize' + VACUUM for SQLite.", ""]
    return lines


def with_range(entry, quantile):
    """'p (lo–hi)': lo/hi are the same quantile over each query's fastest and
    slowest run, so they always bracket the quantile of the medians."""
    rows = entry["per_query"]
    if not rows or rows[0]["runs"] < 2:
        return seconds(entry[quantile])
    share = 50 if quantile == "p50" else 95
    low = percentile([row["min"] for row in rows], share)
    high = percentile([row["max"] for row in rows], share)
    return f"{seconds(entry[quantile])} ({seconds(low)}–{seconds(high)})"


# Ours that each tool is compared with: engines with our engine, processes
# with our command.
IN_PROCESS = {"fts5-inproc", "xapian-floor"}
OURS = {"newsquery", "newsquery-engine"}
# Xapian's floor (bench/xapian_floor.cpp, xapian-delve): no peers, no hits.
FLOORS = {"xapian-floor", "xapian-start"}
# The in-process timers of bench/, by the tool each is measured as.
TIMERS = {"newsquery-engine": "engine_latency", "xapian-floor": "xapian_floor"}


def latency_rows(r, step, modes):
    """One row per (tool, mode): p50, p95, and how much faster ours is."""
    rows = []
    result = getattr(r, step) or {}
    for tool, by_mode in (result.get("tools") or {}).items():
        reference = "newsquery-engine" if tool in IN_PROCESS else "newsquery"
        for mode in modes:
            entry = by_mode.get(mode)
            if not entry or not entry["per_query"]:
                continue
            numbers = {row["query"] for row in entry["per_query"]}
            ours = r.quantiles_on(step, reference, mode, numbers)
            speed = "–"
            if ours and tool not in OURS:
                speed = (f"{ratio(faster(entry['p50'], ours['p50']))} / "
                         f"{ratio(faster(entry['p95'], ours['p95']))}")
            rows.append((TOOL_NOTES.get(tool, tool), mode, len(numbers),
                         with_range(entry, "p50"), with_range(entry, "p95"), speed))
    return rows


def latency_section(r, commit):
    lines = []
    header = ["tool", "mode", "queries", "p50 (min–max)¹", "p95 (min–max)¹",
              "newsquery faster by (p50 / p95)²"]
    for step, modes, title in (("search", ("top20", "all"), "Search latency"),
                               ("timeline", ("timeline", "timeline-all"), "Timeline latency"),
                               ("phrase", ("phrase",), "Phrase lookup (exact words, all versions)")):
        result = getattr(r, step)
        if not result:
            continue
        runs = plural(result["runs"], "run") + " per query"
        numbers = result.get("git_queries")
        if step == "timeline" and numbers:
            which = ("all queries" if len(numbers) == len(result["queries"])
                     else "queries " + ", ".join(map(str, numbers)))
            runs += f"; git: {plural(result.get('git_runs'), 'run')} over {which}"
        lines += [heading(title, [runs, f"process start floor {seconds(result['spawn_floor'])}",
                                  measured_at(r, step, commit)]), "",
                  table(header, latency_rows(r, step, modes)), ""]
        for tool, mode, error in r.failures(step):
            lines += [f"**{tool} {mode} failed** and was dropped: `{' '.join(error.split())[:300]}`",
                      ""]
    if lines:
        lines += ["¹ p50/p95 across the queries' median times; in brackets the same quantile "
                  "over each query's fastest and over its slowest run.",
                  "² a command (one process per query) against the newsquery command; "
                  "an engine in an open process (fts5-inproc, xapian-floor) against "
                  "newsquery's library in an open process (newsquery-engine).", ""]
    return lines


def hits_section(r):
    """Per query: hits and medians of each tool, to show they do the same work."""
    search = r.search or {}
    if not search.get("tools"):
        return []
    columns = [(tool, mode) for tool, by_mode in search["tools"].items() for mode in ("all",)
               if mode in by_mode and tool not in IN_PROCESS | FLOORS]
    index = {(tool, mode): {row["query"]: row for row in search["tools"][tool][mode]["per_query"]}
             for tool, mode in columns}
    rows = []
    for query in search["queries"]:
        cells = [query["number"], query["kind"],
                 query["text"].replace("|", "\\|") + (f" [{query['source']}]" if query["source"] else "")]
        for key in columns:
            row = index[key].get(query["number"])
            cells.append(f"{row['hits']:,} / {seconds(row['median'])}" if row else "–")
        rows.append(cells)
    return ["<details><summary>Per query, all matches: hits / median time</summary>", "",
            table(["#", "class", "query"] + [TOOL_NOTES.get(t, t) for t, _ in columns], rows), "",
            "</details>", ""]


def shown(command, tool=""):
    """A command as a reader would type it from the repository root."""
    if tool in TIMERS:
        text = f"{TIMERS[tool]} --db DIR, request {command!r}"
    elif isinstance(command, str):
        text = f"SQL: {command}"
    elif command[0] == "sqlite3":
        text = f"{shlex.join(command[:-1])} SQL: {command[-1]}"
    else:
        text = shlex.join(command)
    return " ".join(text.replace(REPO + "/", "").split())


def commands_section(r):
    """The exact command (or SQL) each tool ran, shown for its first query."""
    lines = []
    for step in ("bulk", "incremental"):
        for tool, entry in (getattr(r, step) or {}).items():
            if entry.get("command"):
                lines.append(f"- {step}, {tool}: `{shown(entry['command'])}`")
    for step in ("search", "timeline", "phrase"):
        for tool, by_mode in ((getattr(r, step) or {}).get("tools") or {}).items():
            for mode, entry in by_mode.items():
                example = entry.get("example")
                if not example:
                    continue
                lines.append(f"- {step} {mode}, {tool}: `{shown(example, tool)}`")
    if not lines:
        return []
    return ["<details><summary>Commands as run (queries: the first of the list)</summary>", ""] + \
        lines + ["", "</details>", ""]


METHOD = """## What each figure measures

- **Bulk ingest**: wall time (monotonic clock around the process) and peak memory
  (max RSS from GNU time) of building an index from nothing out of the whole corpus:
  `newsindex --db DIR --quiet base.jsonl delta.jsonl`; `scriptindex --overwrite DIR
  bench/peers/scriptindex.def base.si delta.si` (records converted beforehand by
  bench/lib/to_scriptindex.py, not timed); `python3 bench/lib/fts5_load.py FILE base.jsonl
  delta.jsonl` (one process, one transaction). Tools take turns run by run.
- **Incremental**: the 1 % delta (later versions of existing articles plus whole new
  articles, chosen by a hash of article_id) added to a copy of the index built from the
  other 99 % (copied and synced to disk before the clock starts, not timed); the share
  is of the same tool's bulk median.
- **1M corpus** (without --peers-1m): newsindex only, one bulk load, the top-20
  search and the timeline page (no all-matches modes, incremental or git).
- **Index size**: du -sb of the bulk-built index; then compacted (xapian-compact /
  FTS5 optimize + VACUUM). FTS5's file includes its history table (article, revision).
- **Search**: one process per query for both sides (newsquery; the sqlite3 CLI with
  `... WHERE version MATCH ? ORDER BY rank [LIMIT 20]`), rows are versions best
  first (newsquery --all-versions --sort relevance). fts5-inproc times only the
  statement in an open connection, quest is Xapian's own CLI on the scriptindex
  index: references.
  newsquery-engine is the same searches and timelines through newsquery's library
  in one open process (bench/engine_latency.cpp: the library call, rows built, not
  printed); targets are judged both CLI against CLI and engine against engine.
- **Timeline**: newsquery timeline vs the SQL in bench/lib/queries.py
  (fts5_timeline_sql: matches, then every revision of the matched articles with
  lag() over revision order: appeared/vanished events), and vs `git log -i -S<words>`
  (phrases also `-G`) over the git history (one commit per version). Mode
  `timeline` is newsquery's default page, the first 20 articles by first event
  (both sides derive every article's events to order them; newsquery also quotes
  each shown event's sentence, FTS5 gives none); `timeline-all` is every article
  (`--limit 0`; the SQL without its page). git always scans the whole history;
  the targets are judged on `timeline`.
- **Phrase lookup**: phrase queries; newsquery search --no-stem --all-versions vs
  `rg -c -i '\\bw1\\W+w2\\b'` over one file holding one line per version.
- p50/p95 are across the queries' medians (linear interpolation); "faster by" is
  peer time / newsquery time on the same queries. Process start floor: median time to
  run /bin/true the same way.
- **Xapian's floor** (xapian-floor, bench/xapian_floor.cpp): no peer, but the least
  an engine on Xapian 1.4 can take, timed in one open process on the scriptindex
  index (stems as terms, one shard): search, the match by BM25 and each row's
  stored data read (the text a snippet needs; no snippet made); timeline, every
  match enumerated and one value of each read in document order (no events, no
  text). xapian-start: `xapian-delve` on our index, run for every query in every
  round like the commands (a process starting with Xapian and opening it). A
  target whose peer is less than the required factor slower than this floor
  (engine targets: xapian-floor; CLI targets: xapian-start + xapian-floor, query
  by query) is marked out of reach on Xapian 1.4, which the stack fixes.
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--corpora", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--elapsed", type=float, default=0)
    parser.add_argument("--partial-to",
                        help="where a report missing figures goes when --out exists")
    args = parser.parse_args()
    names = [n for n in args.corpora.split(",") if n and n != "all"]
    smoke = os.path.basename(os.path.normpath(args.work)) == "smoke"
    if not smoke:
        # A run of some corpora keeps the others' results, as it keeps the
        # results of steps it does not run: the report covers every corpus
        # measured so far, in the order of a full run.
        measured = [n for n in targets.FULL_CORPORA
                    if os.path.isdir(os.path.join(args.work, n, "results"))]
        names = [n for n in targets.FULL_CORPORA if n in names or n in measured] + \
                [n for n in names if n not in targets.FULL_CORPORA]
    results = [CorpusResults(args.work, name) for name in names]
    machine = read_json(os.path.join(args.work, "machine.json"))
    lines = ["# newsindex benchmark results", ""]
    if smoke:
        lines += ["**Smoke run**: tiny data, one run each. It proves every step works; "
                  "its figures mean nothing.", ""]
    evaluated = targets.evaluate(results)
    lines += [machine_section(machine, args.command, args.elapsed, measured_runs(results)), "",
              "## Targets", "",
              table(["target", "corpus", "measured", "required", "status"], evaluated), "",
              data_section(results), ""]
    for r in results:
        if r.skipped:
            lines += [f"## {r.name}", "", f"Skipped: {r.skipped.get('reason')}.", ""]
            continue
        lines += [f"## {r.name}", ""] + ingest_section(r, machine["commit"])
        lines += latency_section(r, machine["commit"])
        lines += hits_section(r) + commands_section(r)
    lines += [METHOD]
    out_path = args.out
    missing = unmeasured(evaluated)
    if missing and args.partial_to and os.path.exists(args.out):
        out_path = args.partial_to
        print(f"report: {args.out} kept as it is: this machine has no figures for "
              f"{missing}; run those steps here (or a full bench/run) to replace it. "
              f"This run's report: {out_path}", file=sys.stderr)
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    print(out_path)


def unmeasured(evaluated):
    """The targets left unmeasured, counted per corpus ("gen1m: 1 target,
    real: 12 targets"); "" when every one has a figure."""
    counts = {}
    for _, corpus, _, _, status in evaluated:
        if status.startswith(targets.NOT_MEASURED):
            counts[corpus] = counts.get(corpus, 0) + 1
    return ", ".join(f"{corpus}: {n} target{'s' if n > 1 else ''}"
                     for corpus, n in counts.items())


if __name__ == "__main__":
    main()
