"""Reading one corpus's step results and where each was measured, and formatting
figures for RESULTS.md.

Speed ratios are "peer time / our time" (how many times faster we are);
size and memory ratios are "ours / peer". Times are medians of the runs with
min-max beside them; query figures are p50/p95 across per-query medians.
"""

import os

from measure import percentile, read_json
from provenance import measured_parts, read_fallback

STEPS = ("plan", "skipped", "bulk", "incremental", "size", "search", "timeline", "phrase")
# The steps that measure figures, in the order bench/run runs them; the ingest
# steps' results hold one entry per tool.
MEASURED_STEPS = ("bulk", "size", "incremental", "search", "timeline", "phrase")
BY_TOOL = ("bulk", "size", "incremental")


class CorpusResults:
    def __init__(self, work, name):
        self.name = name
        self.root = os.path.join(work, name)
        results = os.path.join(self.root, "results")
        for step in STEPS:
            setattr(self, step, read_json(os.path.join(results, step + ".json")))
        # step -> {tool, or None for the whole step: where it was measured}
        fallback = read_fallback(work)
        self.measured = {step: measured_parts(getattr(self, step),
                                              os.path.join(results, step + ".json"),
                                              fallback, step in BY_TOOL)
                         for step in MEASURED_STEPS if getattr(self, step) is not None}
        self.corpus = read_json(os.path.join(self.root, "data", "corpus.json"))
        self.git = read_json(os.path.join(self.root, "data", "git.json"))

    def latency(self, step, tool, mode):
        """The per-tool, per-mode entry of a latency step, or None."""
        result = getattr(self, step) or {}
        entry = (result.get("tools") or {}).get(tool, {}).get(mode)
        return None if not entry or "failed" in entry else entry

    def failures(self, step):
        """(tool, mode, error) of the tools that failed during a latency step."""
        result = getattr(self, step) or {}
        return [(tool, mode, entry["failed"])
                for tool, by_mode in (result.get("tools") or {}).items()
                for mode, entry in by_mode.items() if "failed" in entry]

    def quantiles_on(self, step, tool, mode, numbers):
        """p50/p95 of a tool restricted to the given query numbers."""
        entry = self.latency(step, tool, mode)
        if not entry:
            return None
        medians = [row["median"] for row in entry["per_query"] if row["query"] in numbers]
        if not medians:
            return None
        return {"p50": percentile(medians, 50), "p95": percentile(medians, 95)}


def seconds(value):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f} s"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.01:
        return f"{value * 1000:.0f} ms"
    return f"{value * 1000:.1f} ms"


def megabytes(value):
    if value is None:
        return "–"
    return f"{value / 1e6:,.0f} MB" if value >= 10e6 else f"{value / 1e6:.1f} MB"


def ratio(value):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}×"
    return f"{value:.1f}×" if value >= 0.1 else f"{value:.2g}×"


def median_range(entry, key, fmt):
    """'median (min–max)' of a described sample set."""
    if not entry or key not in entry:
        return "–"
    spread = entry[key]
    if spread["runs"] == 1:
        return fmt(spread["median"])
    return f"{fmt(spread['median'])} ({fmt(spread['min'])}–{fmt(spread['max'])})"


def faster(peer, ours):
    """How many times faster ours is: peer time / our time."""
    if peer is None or ours is None or ours <= 0:
        return None
    return peer / ours


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
