"""Ingest figures: bulk ingest, incremental 1 %, and index size on disk.

    python3 ingest.py bulk CORPUS_DIR --runs N [--tools newsindex,scriptindex,fts5]
    python3 ingest.py incremental CORPUS_DIR --runs N [--tools ...]
    python3 ingest.py size CORPUS_DIR [--tools ...]

bulk: every run builds each index from nothing out of base + delta (the whole
corpus), the tools taking turns so that machine noise hits all alike. The
index of the last run is kept in index/ for the size and query steps.

incremental: each index is built once from the base (99 %, timed and
reported as "base build"); then every run copies that index, writes the copy
to disk (sync; neither is timed) and times adding the delta (1 %) to the
copy: the cron case, an index at rest. Without the sync the tool's own
fsync at commit would also write back the copy's pages (about the whole
index), which times the copy, not the update.

size: du of each bulk-built index; xapian-compact of both Xapian indexes;
FTS5's file as loaded and after FTS5 'optimize' + VACUUM (its compaction).
"""

import argparse
import os
import re
import subprocess
import sys

from measure import CommandFailed, disk_usage, run_timed, spread
from provenance import earlier_entries, write_result
from workspace import (INGEST_TOOLS, LIB, SCRIPTINDEX_DEF, Workspace, copy_index,
                       our_command, remove)


def ingest_argv(tool, index, inputs, fresh):
    if tool == "newsindex":
        return [our_command("newsindex"), "--db", index, "--quiet"] + inputs
    if tool == "scriptindex":
        return (["scriptindex"] + (["--overwrite"] if fresh else []) +
                [index, SCRIPTINDEX_DEF] + inputs)
    if tool == "fts5":
        return [sys.executable, os.path.join(LIB, "fts5_load.py"), index] + inputs
    raise ValueError(tool)


# newsindex exits 65 when it rejected some records and indexed the rest; the
# document counts in the size step show whether every tool indexed the same.
OK_CODES = {"newsindex": (0, 65)}


def available(tools):
    chosen = []
    for tool in tools:
        if tool == "newsindex" and not our_command("newsindex"):
            print("ingest: newsindex not built; skipped", file=sys.stderr)
            continue
        chosen.append(tool)
    return chosen


def describe(samples):
    return {key: spread(s[key] for s in samples) for key in ("wall", "user", "sys", "max_rss")}


def timed_ingest(tool, argv, failed, what):
    """One timed ingest; a failure is recorded in `failed` and the tool dropped
    from the rest of the step, so the other tools' figures are kept."""
    try:
        return run_timed(argv, ok_codes=OK_CODES.get(tool, (0,)))
    except CommandFailed as error:
        failed[tool] = str(error)[:2000]
        print(f"{what} {tool} failed, dropped: {error}", file=sys.stderr)
        return None


def bulk(space, tools, runs):
    results = {tool: {"samples": []} for tool in tools}
    failed = {}
    for run in range(runs):
        for tool in (t for t in tools if t not in failed):
            index = space.index(tool)
            remove(index)
            argv = ingest_argv(tool, index, space.inputs(tool, ["base", "delta"]), fresh=True)
            results[tool]["command"] = argv
            if sample := timed_ingest(tool, argv, failed, "bulk"):
                results[tool]["samples"].append(sample)
                print(f"bulk {space.name} {tool} run {run + 1}: {sample['wall']:.2f} s, "
                      f"{sample['max_rss'] / 2**20:.0f} MiB", file=sys.stderr)
            else:
                remove(index)  # no size or queries on a half-built index
    return finish(results, failed)


def finish(results, failed):
    for tool, entry in results.items():
        if tool in failed:
            results[tool] = {"failed": failed[tool], "command": entry.get("command")}
        else:
            entry.update(describe(entry["samples"]))
    return results


def incremental(space, tools, runs):
    results = {}
    failed = {}
    for tool in tools:
        base = space.index(tool, os.path.join(space.incremental_dir, "base"))
        os.makedirs(os.path.dirname(base), exist_ok=True)
        remove(base)
        argv = ingest_argv(tool, base, space.inputs(tool, ["base"]), fresh=True)
        results[tool] = {"samples": [], "command": argv}
        if base_build := timed_ingest(tool, argv, failed, "incremental base build"):
            results[tool]["base_build"] = base_build
            print(f"incremental {space.name} {tool} base build: {base_build['wall']:.2f} s",
                  file=sys.stderr)
    for run in range(runs):
        for tool in (t for t in tools if t not in failed):
            base = space.index(tool, os.path.join(space.incremental_dir, "base"))
            target = space.index(tool, os.path.join(space.incremental_dir, "run"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            copy_index(base, target)
            os.sync()
            argv = ingest_argv(tool, target, space.inputs(tool, ["delta"]), fresh=False)
            results[tool]["command"] = argv
            if sample := timed_ingest(tool, argv, failed, "incremental"):
                results[tool]["samples"].append(sample)
                print(f"incremental {space.name} {tool} run {run + 1}: {sample['wall']:.3f} s",
                      file=sys.stderr)
            remove(target)
    return finish(results, failed)


def compacted_size(index, scratch):
    remove(scratch)
    subprocess.run(["xapian-compact", "--no-renumber", index, scratch], check=True,
                   stdout=subprocess.DEVNULL)
    size = disk_usage(scratch)
    remove(scratch)
    return size


def fts5_optimized_size(index, scratch):
    copy_index(index, scratch)
    subprocess.run(["sqlite3", scratch,
                    "INSERT INTO version(version) VALUES('optimize'); VACUUM;"], check=True)
    size = disk_usage(scratch)
    remove(scratch)
    return size


def documents(tool, index):
    """Versions held by an index: every tool must hold the same number."""
    if tool == "fts5":
        out = subprocess.run(["sqlite3", index, "SELECT count(*) FROM version;"],
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())
    out = subprocess.run(["xapian-delve", index], check=True, capture_output=True,
                         text=True).stdout
    return int(re.search(r"number of documents = (\d+)", out).group(1))


def size(space, tools):
    results = {}
    for tool in tools:
        index = space.index(tool)
        if not os.path.exists(index):
            continue
        entry = {"as_built": disk_usage(index), "documents": documents(tool, index)}
        scratch = index + ".compact"
        if tool in ("newsindex", "scriptindex"):
            entry["compacted"] = compacted_size(index, scratch)
        else:
            entry["compacted"] = fts5_optimized_size(index, scratch)
        results[tool] = entry
        print(f"size {space.name} {tool}: {entry}", file=sys.stderr)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["bulk", "incremental", "size"])
    parser.add_argument("corpus_dir")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default=",".join(INGEST_TOOLS))
    args = parser.parse_args()
    space = Workspace(args.corpus_dir)
    tools = available([t for t in args.tools.split(",") if t])
    # Tools not run this time keep their earlier figures, and where those were measured.
    previous = earlier_entries(space.result(args.step))
    if args.step == "bulk":
        outcome = bulk(space, tools, args.runs)
    elif args.step == "incremental":
        outcome = incremental(space, tools, args.runs)
    else:
        outcome = size(space, tools)
    previous.update(outcome)
    write_result(space.result(args.step), previous)


if __name__ == "__main__":
    main()
