"""Where a step's figures were measured: the commit, when, and by which command.

Every step writes its result (results/<step>.json) with a "measured" record:
{"commit", "date", "command"} - the commit the tools were built from, the UTC
time the step finished, and the bench/run command line. bench/run exports the
commit and the command line once, after building ($NEWSINDEX_BENCH_COMMIT,
$NEWSINDEX_BENCH_COMMAND), so an edit or a commit during a long run does not
relabel its later steps; a step run by hand records the repository's state
and its own command line. `bench/run --steps` re-measures some steps and
keeps the others' results, so one RESULTS.md can hold figures of several
runs; report.py names each.

Results written before this record existed have none: their commit and
command come from <work>/provenance-fallback.json ({"commit": ..., "command":
...}) when present, else "unknown", and their date is the file's time.
"""

import collections
import datetime
import os
import shlex
import sys

from machine import repository_state
from measure import read_json, write_json
from workspace import BENCH

KEY = "measured"
UNKNOWN = "unknown"
FALLBACK_FILE = "provenance-fallback.json"

DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # UTC, as machine.py's date

Measured = collections.namedtuple("Measured", "commit command date")


def file_date(path):
    modified = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc)
    return modified.strftime(DATE_FORMAT)


def here():
    """The record of a step finishing now."""
    return {"commit": (os.environ.get("NEWSINDEX_BENCH_COMMIT")
                       or repository_state(os.path.dirname(BENCH))),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime(DATE_FORMAT),
            "command": (os.environ.get("NEWSINDEX_BENCH_COMMAND")
                        or shlex.join(["python3"] + sys.argv))}


def write_result(path, result):
    """Writes a step's result with where it was measured."""
    write_json(path, {**result, KEY: here()})


def earlier_entries(path):
    """The per-tool entries of a step's earlier result, each with where it was
    measured: a step that re-measures some tools keeps the others' entries."""
    earlier = read_json(path, {})
    if not earlier:
        return {}
    measured = earlier.pop(KEY, None) or {"date": file_date(path)}
    return {tool: {KEY: measured, **entry} for tool, entry in earlier.items()}


def read_fallback(work):
    return read_json(os.path.join(work, FALLBACK_FILE), {})


def measured_parts(result, path, fallback, by_tool):
    """{part: Measured} of a result as read (its records removed). A by-tool
    result (ingest steps) has one part per tool, which may carry its own
    record; any other result is one part, None."""
    default = result.pop(KEY, None) or {}

    def complete(record):
        return Measured(record.get("commit") or fallback.get("commit") or UNKNOWN,
                        record.get("command") or fallback.get("command") or UNKNOWN,
                        record.get("date") or file_date(path))

    if not by_tool:
        return {None: complete(default)}
    return {tool: complete(entry.pop(KEY, None) or default) for tool, entry in result.items()}
