"""Describes the machine and the tool versions a benchmark ran with.

    python3 machine.py REPO_ROOT OUT.json
    python3 machine.py --commit REPO_ROOT     # prints the commit alone

Figures are only comparable on the same machine: RESULTS.md states these.
"""

import datetime
import os
import platform
import subprocess
import sys

from measure import write_json


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def cpu_model():
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def memory_bytes():
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    return 0


def huge_pages():
    """The kernel's transparent huge page mode ("always", "madvise" or
    "never"): the commands ask for huge pages (schema/allocator.cpp), and
    what they get changes their page faults, so their times."""
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled", encoding="utf-8") as mode:
            text = mode.read()
    except OSError:
        return "unknown"
    start, end = text.find("["), text.find("]")
    return text[start + 1:end] if 0 <= start < end else "unknown"


def repository_state(root):
    """The commit the tools are built from, marked when tracked files differ
    from it. bench/RESULTS.md is the bench's own output, not an input: a run
    that follows another before its results are committed is not marked."""
    commit = first_line(["git", "-C", root, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no",
                            "--", ".", ":(exclude)bench/RESULTS.md"],
                           capture_output=True, text=True).stdout.strip()
    return commit + (" (with uncommitted changes)" if dirty else "")


def describe(repo_root):
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "memory": memory_bytes(),
        "kernel": platform.release(),
        "transparent_hugepage": huge_pages(),
        "load_average": os.getloadavg(),
        "commit": repository_state(repo_root),
        "tools": {
            "scriptindex": first_line(["scriptindex", "--version"]),
            "xapian-compact": first_line(["xapian-compact", "--version"]),
            "sqlite3": first_line(["sqlite3", "--version"])[:40],
            "python3 sqlite3 module": "SQLite " + __import__("sqlite3").sqlite_version,
            "ripgrep": first_line(["rg", "--version"]),
            "git": first_line(["git", "--version"]),
            "python3": platform.python_version(),
        },
    }


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: machine.py REPO_ROOT OUT.json | machine.py --commit REPO_ROOT")
    if sys.argv[1] == "--commit":
        print(repository_state(sys.argv[2]))
    else:
        write_json(sys.argv[2], describe(sys.argv[1]))


if __name__ == "__main__":
    main()
