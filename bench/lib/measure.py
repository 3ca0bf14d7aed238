"""Timing one command, and summarising repeated timings.

Wall time is measured here with a monotonic clock around the child process;
peak memory (max RSS) and CPU time come from GNU time (/usr/bin/time), which
reads them from the kernel when the child exits.
"""

import json
import os
import statistics
import subprocess
import tempfile
import time


class CommandFailed(Exception):
    def __init__(self, argv, code, stderr):
        super().__init__(f"command failed (exit {code}): {' '.join(argv)}\n{stderr[-2000:]}")
        self.code = code


def run_timed(argv, stdout=subprocess.DEVNULL, ok_codes=(0,)):
    """Runs argv under /usr/bin/time; returns wall/user/sys seconds and max RSS bytes."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = ["/usr/bin/time", "-o", report.name, "-f", "%U %S %M"] + list(argv)
        started = time.perf_counter()
        done = subprocess.run(wrapped, stdout=stdout, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - started
        if done.returncode not in ok_codes:
            raise CommandFailed(argv, done.returncode, done.stderr)
        # GNU time writes "Command exited with non-zero status N" first then.
        user, system, rss_kb = report.read().strip().splitlines()[-1].split()
    return {"wall": wall, "user": float(user), "sys": float(system),
            "max_rss": int(rss_kb) * 1024, "exit": done.returncode}


def run_latency(argv, ok_codes=(0, 1)):
    """Wall seconds of one short command (a query), and its standard output.

    The output is read through a pipe, as a script consuming results would.
    """
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    if done.returncode not in ok_codes:
        raise CommandFailed(argv, done.returncode, done.stderr.decode("utf-8", "replace"))
    return wall, done.stdout, done.returncode


def spread(values):
    """Median with min and max: how every figure in RESULTS.md is reported."""
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": len(values)}


def percentile(values, p):
    """Linear interpolation between closest ranks (numpy's default method)."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * p / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def disk_usage(path):
    """Bytes on disk (du -sb: apparent size of all files under path)."""
    out = subprocess.run(["du", "-sb", path], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[0])


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        json.dump(value, out, indent=1)
    os.replace(path + ".tmp", path)


def read_json(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
