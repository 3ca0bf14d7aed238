"""Where one corpus's benchmark files live, and which tools are available.

bench/work/<full|smoke>/<corpus>/
    data/      base.jsonl, delta.jsonl, corpus.json (corpus.py); base.si,
               delta.si (to_scriptindex.py); dump.txt (to_text_dump.py)
    git.git/   the git history (git_history.py + git fast-import)
    index/     the bulk-built indexes the query steps use
    incremental/  the 99 % indexes and their copies the 1 % goes into
    results/   one JSON file per step, read by report.py

Our commands are found through $NEWSINDEX, $NEWSQUERY, $NEWSQUERY_ENGINE
(bench/engine_latency) and $XAPIAN_FLOOR (bench/xapian_floor), set by
bench/run to the freshly built binaries; when unset or missing, steps skip
those tools and RESULTS.md says so.
"""

import os
import shutil

LIB = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(LIB)
SCRIPTINDEX_DEF = os.path.join(BENCH, "peers", "scriptindex.def")

INGEST_TOOLS = ("newsindex", "scriptindex", "fts5")


class Workspace:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        self.data = os.path.join(self.root, "data")
        self.git = os.path.join(self.root, "git.git")
        self.index_dir = os.path.join(self.root, "index")
        self.incremental_dir = os.path.join(self.root, "incremental")
        self.results_dir = os.path.join(self.root, "results")

    @property
    def name(self):
        return os.path.basename(self.root)

    def data_file(self, name):
        return os.path.join(self.data, name)

    def inputs(self, tool, parts):
        """The files `tool` reads for the given parts ("base", "delta")."""
        suffix = ".si" if tool == "scriptindex" else ".jsonl"
        return [self.data_file(part + suffix) for part in parts]

    def index(self, tool, directory=None):
        name = "fts5.sqlite" if tool == "fts5" else tool
        return os.path.join(directory or self.index_dir, name)

    def result(self, step):
        return os.path.join(self.results_dir, step + ".json")


def our_command(name):
    """Path of newsindex/newsquery from the environment, or None."""
    path = os.environ.get(name.upper(), "")
    return path if path and os.access(path, os.X_OK) else None


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)
    for suffix in ("-journal", "-wal", "-shm"):
        if os.path.lexists(path + suffix):
            os.remove(path + suffix)


def copy_index(source, target):
    remove(target)
    if os.path.isdir(source):
        shutil.copytree(source, target)
    else:
        shutil.copy2(source, target)
