"""Query latency: search, timeline and phrase lookup, ours against the peers.

    python3 latency.py search   CORPUS_DIR QUERIES --runs N
    python3 latency.py timeline CORPUS_DIR QUERIES --runs N [--git-runs N] [--git-queries N|all]
    python3 latency.py phrase   CORPUS_DIR QUERIES --runs N

Method (the same for every tool): one untimed warm-up pass over all queries
(fills the page cache; records the number of hits), then N timed rounds; in
each round every query is run by every tool in turn, so that machine noise
hits all tools alike. A query's figure is the median of its N times; p50 and
p95 are taken across the queries' medians. A time is the wall time of one
whole process (start, open the index, answer, print, exit), its output read
through a pipe - except the two in-process tools, which time the engine alone
in an already open process: "fts5-inproc" the SQL statement in an open
connection, "newsquery-engine" newsquery's library call (bench/engine_latency:
search() or build_timeline(), rows built, not printed). Targets are judged
both ways: CLI against CLI, engine against engine.

"xapian-floor" (bench/xapian_floor) is no peer but a floor: Xapian 1.4 alone,
in an open process, on the scriptindex index, doing the least any engine on
it must (search: the match and each row's stored data; timeline: every match
and one value of each). "xapian-start" is the time a process takes to start
with Xapian and open our index (xapian-delve DB), run for every query in
every round like the other commands. Their sum bounds what a command on
Xapian can reach; targets.py shows the bound.

search: top-20 and all matches, as versions best first (newsquery
--all-versions --sort relevance) and FTS5 rows ranked by rank; also quest
(Xapian's own CLI) on the scriptindex database for reference.
timeline: newsquery timeline against FTS5 + the window-function SQL, both
for the default page (the first 20 articles by first event: "timeline") and
for every article ("timeline-all"), and against git log -S (all queries) and
-G (phrases) over the git history, which always scans it all. git
takes seconds per query, so it runs --git-runs times over --git-queries
queries (a class-balanced subset: the first queries of each class in turn).
phrase: phrase queries only; newsquery (exact words, --no-stem, all versions)
against rg -c over the text dump.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

import queries as q
from measure import CommandFailed, percentile, run_latency, spread
from provenance import write_result
from workspace import Workspace, our_command


def count_json_rows(output):
    text = output.decode("utf-8", "replace").strip()
    if not text:
        return 0
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return sum(1 for line in text.splitlines() if line.strip().startswith("{"))
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        for key in ("results", "hits", "versions", "events", "matches", "rows"):
            if isinstance(value.get(key), list):
                return len(value[key])
    return 1


def count_timeline_events(output):
    """newsquery timeline --format json: one object per article, with its events."""
    events = 0
    for line in output.decode("utf-8", "replace").splitlines():
        if line.strip().startswith("{"):
            events += len(json.loads(line).get("events", []))
    return events


def count_csv_rows(output):
    lines = [line for line in output.decode("utf-8", "replace").splitlines() if line.strip()]
    return max(0, len(lines) - 1)  # header row


def count_quest_hits(output):
    return len(re.findall(rb"^\d+: \[", output, re.MULTILINE))


def count_git_commits(output):
    return len(re.findall(rb"^[0-9a-f]{40} ", output, re.MULTILINE))


def count_nothing(output):
    return 0


def count_rg(output):
    text = output.decode().strip()
    return int(text) if text else 0


class InProcessFts5:
    """FTS5 timed inside one open connection: engine time only."""

    def __init__(self, db):
        self.connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def run(self, sql):
        started = time.perf_counter()
        rows = self.connection.execute(sql).fetchall()
        return time.perf_counter() - started, len(rows)


class EngineDriver:
    """A request-per-line timer in one process (bench/engine_latency,
    bench/xapian_floor): engine time only. The program times each request
    itself."""

    def __init__(self, engine, db):
        self.name = os.path.basename(engine)
        self.process = subprocess.Popen([engine, "--db", db], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    def run(self, request):
        try:
            self.process.stdin.write(request + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            raise ValueError(f"{self.name} ended (exit {self.process.wait()})") from None
        answer = self.process.stdout.readline()
        if not answer:
            raise ValueError(f"{self.name} ended (exit {self.process.wait()})")
        took, rows = answer.rstrip("\n").split("\t", 1)
        if took == "error":
            raise ValueError(f"{self.name}: {rows}")
        return float(took), int(rows)


def in_process_sessions(space):
    """tool -> function opening its session: only the tools a plan uses are opened."""
    sessions = {"fts5-inproc": lambda: InProcessFts5(space.index("fts5"))}
    engine = our_command("newsquery_engine")
    if engine:
        sessions["newsquery-engine"] = lambda: EngineDriver(engine, space.index("newsindex"))
    floor = our_command("xapian_floor")
    if floor:
        sessions["xapian-floor"] = lambda: EngineDriver(floor, space.index("scriptindex"))
    return sessions


def add_ours(plan, space, mode, command, counter):
    """Adds newsquery to a plan when it is built: command(newsquery, db, query)."""
    newsquery = our_command("newsquery")
    if newsquery:
        db = space.index("newsindex")
        plan[("newsquery", mode)] = (lambda x: command(newsquery, db, x), counter)


def add_engine(plan, space, mode):
    """Adds newsquery's in-process figure when engine_latency is built, and
    Xapian's floor when xapian_floor is: its engine time and the start of a
    process on Xapian (xapian-delve on our index)."""
    for tool, program in (("newsquery-engine", "newsquery_engine"),
                          ("xapian-floor", "xapian_floor")):
        if our_command(program):
            plan[(tool, mode)] = (lambda x: q.engine_request(mode, x), None)
    if our_command("xapian_floor") and shutil.which("xapian-delve"):
        db = space.index("newsindex")
        plan[("xapian-start", mode)] = (lambda x: ["xapian-delve", db], count_nothing)


def search_plan(space):
    """(tool, mode) -> (function(query) returning argv or SQL, output row counter)."""
    plan = {}
    add_ours(plan, space, "top20", lambda n, db, x: q.newsquery_search(n, db, x, 20),
             count_json_rows)
    add_ours(plan, space, "all", lambda n, db, x: q.newsquery_search(n, db, x, q.ALL_MATCHES),
             count_json_rows)
    add_engine(plan, space, "top20")
    add_engine(plan, space, "all")
    fts = space.index("fts5")
    plan[("fts5-cli", "top20")] = (lambda x: q.sqlite_cli(fts, q.fts5_search_sql(x, 20)),
                                   count_json_rows)
    plan[("fts5-cli", "all")] = (lambda x: q.sqlite_cli(fts, q.fts5_search_sql(x)),
                                 count_json_rows)
    plan[("fts5-inproc", "top20")] = (lambda x: q.fts5_search_sql(x, 20), None)
    plan[("fts5-inproc", "all")] = (lambda x: q.fts5_search_sql(x), None)
    xdb = space.index("scriptindex")
    plan[("quest", "top20")] = (lambda x: q.quest_search(xdb, x, 20), count_quest_hits)
    plan[("quest", "all")] = (lambda x: q.quest_search(xdb, x, q.ALL_MATCHES), count_quest_hits)
    return plan


def timeline_plan(space):
    """Two modes: "timeline", newsquery's default page (the first
    TIMELINE_PAGE articles by first event, every event computed to order
    them), and "timeline-all", every article's events."""
    plan = {}
    fts = space.index("fts5")
    for mode, articles in (("timeline", q.TIMELINE_PAGE), ("timeline-all", 0)):
        add_ours(plan, space, mode,
                 lambda n, db, x, articles=articles: q.newsquery_timeline(n, db, x, articles),
                 count_timeline_events)
        add_engine(plan, space, mode)
        plan[("fts5-cli", mode)] = (
            lambda x, articles=articles: q.sqlite_cli(fts, q.fts5_timeline_sql(x, articles)),
            count_json_rows)
        plan[("fts5-inproc", mode)] = (
            lambda x, articles=articles: q.fts5_timeline_sql(x, articles), None)
    return plan


def git_plan(space):
    return {("git-S", "timeline"): (lambda x: q.git_pickaxe(space.git, x, regex=False),
                                    count_git_commits),
            ("git-G", "timeline"): (lambda x: q.git_pickaxe(space.git, x, regex=True),
                                    count_git_commits)}


def phrase_plan(space):
    plan = {}
    add_ours(plan, space, "phrase", q.newsquery_phrase_count, count_csv_rows)
    dump = space.data_file("dump.txt")
    plan[("rg", "phrase")] = (lambda x: q.rg_phrase_count(dump, x), count_rg)
    return plan


def measure(plan, queries_for, runs, sessions=None, warmup=True):
    """Runs the plan; returns {tool: {mode: per-query samples}}.

    A plan entry without a counter is an in-process tool, run through its
    session (opened on first use from `sessions`, tool -> opener).
    Without warm-up, the hits are those of the first timed round. A tool whose
    command fails (exit other than 0 or 1) is dropped from the rest of the
    run and reported with its error, so one broken tool cannot lose the
    figures of the others after hours of running."""
    opened = {}
    samples = {}
    hits = {}
    failed = {}

    def once(key, query):
        make, counter = plan[key]
        if counter is None:
            if key[0] not in opened:
                opened[key[0]] = sessions[key[0]]()
            return opened[key[0]].run(make(query))
        wall, output, _ = run_latency(make(query))
        return wall, counter(output)

    def attempt(key, query):
        try:
            return once(key, query)
        except (CommandFailed, sqlite3.Error, ValueError) as error:
            failed[key] = f"query {query.number}: {error}"
            print(f"  {key[0]} {key[1]} failed, dropped: {failed[key]}", file=sys.stderr)
            return None

    if warmup:
        for key in plan:
            for query in queries_for(key):
                if key not in failed and (result := attempt(key, query)):
                    hits[(key, query.number)] = result[1]
    for run in range(runs):
        for query in sorted({x for key in plan for x in queries_for(key)},
                            key=lambda x: x.number):
            for key in plan:
                if key not in failed and query in queries_for(key):
                    if result := attempt(key, query):
                        hits.setdefault((key, query.number), result[1])
                        samples.setdefault((key, query.number), []).append(result[0])
        print(f"  round {run + 1}/{runs} done", file=sys.stderr)
    results = {}
    for (tool, mode), make_counter in plan.items():
        if (tool, mode) in failed:
            results.setdefault(tool, {})[mode] = {"failed": failed[(tool, mode)][:2000],
                                                  "per_query": []}
            continue
        rows = []
        for query in queries_for((tool, mode)):
            entry = spread(samples[((tool, mode), query.number)])
            entry.update(query=query.number, hits=hits[((tool, mode), query.number)])
            rows.append(entry)
        medians = [row["median"] for row in rows]
        example = make_counter[0](queries_for((tool, mode))[0]) if rows else None
        results.setdefault(tool, {})[mode] = {
            "per_query": rows, "p50": percentile(medians, 50), "p95": percentile(medians, 95),
            "queries": len(rows), "example": example}
    return results


def spawn_floor(runs=20):
    """Median wall time of starting /bin/true the same way: the floor every
    process-per-query figure shares."""
    return spread(run_latency(["/bin/true"])[0] for _ in range(runs))["median"]


def git_subset(queries, limit):
    if limit == "all":
        return list(queries)
    by_class = [[x for x in queries if x.kind == kind] for kind in q.CLASSES]
    picked = []
    depth = 0
    while len(picked) < int(limit) and any(depth < len(group) for group in by_class):
        picked += [group[depth] for group in by_class if depth < len(group)]
        depth += 1
    return sorted(picked[:int(limit)], key=lambda x: x.number)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["search", "timeline", "phrase"])
    parser.add_argument("corpus_dir")
    parser.add_argument("queries")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--git-runs", type=int, default=1)
    parser.add_argument("--git-queries", default="12")
    parser.add_argument("--no-git", action="store_true")
    parser.add_argument("--warmup", type=int, default=1, help="0: no warm-up pass")
    parser.add_argument("--tools", choices=["all", "ours"], default="all",
                        help="ours: newsquery only (the 1M corpus without peers)")
    parser.add_argument("--modes", default="",
                        help="comma-separated modes to keep (top20, all, timeline, "
                             "timeline-all, phrase); default every mode")
    args = parser.parse_args()
    space = Workspace(args.corpus_dir)
    queries = q.load_queries(args.queries)
    sessions = in_process_sessions(space)
    modes = set(filter(None, args.modes.split(",")))
    def chosen(plan):
        return {key: value for key, value in plan.items()
                if (args.tools == "all" or key[0] in ("newsquery", "newsquery-engine"))
                and (not modes or key[1] in modes)}

    outcome = {"queries_file": args.queries, "runs": args.runs, "warmup": bool(args.warmup),
               "queries": [vars(x) for x in queries], "spawn_floor": spawn_floor()}
    if args.step == "search":
        outcome["tools"] = measure(chosen(search_plan(space)), lambda key: queries,
                                   args.runs, sessions, args.warmup)
    elif args.step == "timeline":
        outcome["tools"] = measure(chosen(timeline_plan(space)), lambda key: queries,
                                   args.runs, sessions, args.warmup)
        if not args.no_git:
            subset = git_subset(queries, args.git_queries)
            phrases = [x for x in subset if x.is_phrase]
            subsets = {"git-S": subset, "git-G": phrases}
            git = measure(git_plan(space), lambda key: subsets[key[0]], args.git_runs,
                          warmup=False)
            outcome["tools"].update(git)
            outcome["git_runs"] = args.git_runs
            outcome["git_queries"] = [x.number for x in subset]
    else:
        phrases = [x for x in queries if x.is_phrase]
        outcome["tools"] = measure(chosen(phrase_plan(space)), lambda key: phrases, args.runs,
                                   warmup=args.warmup)
    write_result(space.result(args.step), outcome)


if __name__ == "__main__":
    main()
