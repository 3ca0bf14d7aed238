"""The benchmark's data: a corpus split 99 % / 1 % (bench/README.md), the same
versions in each peer's input format, and the FTS5 peer's loader, which
bench/run times as `python3 corpus.py fts5 DB FILE.jsonl...`."""

import calendar
import gzip
import hashlib
import itertools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_lines(path, limit=None):
    """(line number, line) of the first `limit` non-empty lines of plain or gzip JSON Lines."""
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    with (gzip.open if gzipped else open)(path, "rt", encoding="utf-8") as lines:
        yield from itertools.islice(((number, line.rstrip("\n") + "\n") for number, line
                                     in enumerate(lines) if line.strip()), limit)


def versions(paths):
    for path in paths:
        for _, line in read_lines(path):
            yield json.loads(line)


def texts(record):
    return [record.get(field) or "" for field in ("title", "summary", "text")]


def capture_seconds(record):
    return calendar.timegm(time.strptime(record["timestamp"][:19], "%Y-%m-%dT%H:%M:%S"))


def digest(article_id):
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


def choose_delta(articles, total, percent):
    """The line numbers of the delta; articles: id -> line numbers in capture order."""
    target = max(1, total * percent // 100)
    by_hash = sorted(articles, key=lambda a: hashlib.sha1(a.encode()).digest())
    later = set([a for a in by_hash if len(articles[a]) >= 2][:int(target * 0.7)])
    chosen = {articles[a][-1] for a in later}  # the last versions of base articles
    for article in reversed(by_hash):  # whole new articles
        if len(chosen) >= target:
            break
        if article not in later and len(chosen) + len(articles[article]) <= target:
            chosen.update(articles[article])
    return chosen


def split(path, out, limit=None, percent=1):
    """Writes out/base.jsonl and out/delta.jsonl (input lines, input order);
    returns the corpus's sizes."""
    articles, sources, stats = {}, set(), {"versions": 0, "text_bytes": 0, "jsonl_bytes": 0}
    for number, line in read_lines(path, limit):
        record = json.loads(line)
        articles.setdefault(record["article_id"], []).append(
            (record.get("timestamp", ""), record.get("version", 0), number))
        sources.add(record.get("source", ""))
        stats["versions"] += 1
        stats["jsonl_bytes"] += len(line.encode("utf-8"))
        stats["text_bytes"] += sum(len(t.encode("utf-8")) for t in texts(record))
    articles = {a: [n for *_, n in sorted(lines)] for a, lines in articles.items()}
    delta = choose_delta(articles, stats["versions"], percent)
    new = [a for a, lines in articles.items() if all(n in delta for n in lines)]
    stats.update(articles=len(articles), sources=len(sources), delta=len(delta),
                 delta_new_articles=len(new), delta_new_versions=sum(len(articles[a]) for a in new))
    with open(os.path.join(out, "base.jsonl"), "w", encoding="utf-8") as base, \
            open(os.path.join(out, "delta.jsonl"), "w", encoding="utf-8") as later:
        for number, line in read_lines(path, limit):
            (later if number in delta else base).write(line)
    return stats


def write_peer_inputs(data):
    """DATA/{base,delta}.si, scriptindex's records for peers/scriptindex.def
    (name=value; a newline in a value continues on a line starting with "="),
    and DATA/dump.txt, one line per version for rg -c (one file: rg's best case)."""
    with open(os.path.join(data, "dump.txt"), "w", encoding="utf-8") as dump:
        for part in ("base", "delta"):
            with open(os.path.join(data, part + ".si"), "w", encoding="utf-8") as out:
                for record in versions([os.path.join(data, part + ".jsonl")]):
                    dump.write(re.sub(r"\s+", " ", " ".join(texts(record))).strip() + "\n")
                    seconds, version = capture_seconds(record), int(record.get("version", 0))
                    for name, value in [("id", f"{digest(record['article_id'])}@{seconds}.{version}"),
                                        ("source", record.get("source", "")), ("article", record["article_id"]),
                                        ("time", str(seconds)), ("revision", str(version + 1)),
                                        *zip(("title", "summary", "text"), texts(record))]:
                        if value:
                            out.write(f"{name}=" + re.sub(r"\r\n?|\n", "\n=", value) + "\n")
                    out.write("\n")


def in_capture_order(paths, articles=None):
    """The records of plain JSON Lines `paths` by capture time and version,
    read again by offset: only the order is held. `articles` (a Counter), if
    given, counts each article's records before the first record is given."""
    order, files = [], [open(path, "rb") for path in paths]
    for i, lines in enumerate(files):
        offset = 0
        for line in lines:
            if line.strip():
                record = json.loads(line)
                order.append((record["timestamp"], int(record.get("version", 0)), i, offset))
                if articles is not None:
                    articles[record["article_id"]] += 1
            offset += len(line)
    order.sort()
    for _, _, i, offset in order:
        files[i].seek(offset)
        yield json.loads(files[i].readline())


def make_git_history(paths, repo):
    """A bare repository of one commit per version in capture order, at its
    capture time; one file per article at SOURCE/XX/DIGEST.txt (XX fans a
    source out over 256 directories so that each commit writes small trees)."""
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", repo], check=True)
    importer = subprocess.Popen(["git", "-C", repo, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = importer.stdin
    out.write(b"feature done\n")
    for mark, record in enumerate(in_capture_order(paths), start=1):
        name = digest(record["article_id"])
        message = f"{record['article_id']} version {record.get('version', 0)}".encode()
        content = ("\n\n".join(texts(record)) + "\n").encode("utf-8")
        out.write(b"commit refs/heads/main\nmark :%d\ncommitter bench <bench@newsindex.invalid> %d +0000\n"
                  b"data %d\n%s\n" % (mark, capture_seconds(record), len(message), message))
        if mark > 1:
            out.write(b"from :%d\n" % (mark - 1))
        out.write(f"M 100644 inline {record.get('source', 'unknown')}/{name[:2]}/{name}.txt\n".encode())
        out.write(b"data %d\n%s\n" % (len(content), content))
    out.write(b"done\n")
    out.close()
    if importer.wait():
        sys.exit("bench: git fast-import failed")


def prepare(data, stamp, make_input, limit, peers):
    """Makes DATA's files unless DATA/stamp says they are made from the same
    input; returns the corpus's sizes. make_input(data) gives the input file;
    one it makes inside DATA is removed once split."""
    def path(name):
        return os.path.join(data, name)
    if not os.path.exists(path("stamp")) or open(path("stamp"), encoding="utf-8").read() != stamp:
        shutil.rmtree(data, ignore_errors=True)
        os.makedirs(data)
        source = make_input(data)
        stats = split(source, data, limit)
        if os.path.dirname(source) == data:
            os.remove(source)
        if peers:
            write_peer_inputs(data)
            started = time.perf_counter()
            make_git_history([path("base.jsonl"), path("delta.jsonl")], path("git.git"))
            stats["git_seconds"] = time.perf_counter() - started
            stats["git_bytes"] = int(subprocess.run(["du", "-sb", path("git.git")], check=True,
                                                    capture_output=True).stdout.split()[0])
        with open(path("corpus.json"), "w", encoding="utf-8") as out:
            json.dump(stats, out)
        with open(path("stamp"), "w", encoding="utf-8") as out:
            out.write(stamp)
    with open(path("corpus.json"), encoding="utf-8") as sizes:
        return json.load(sizes)


def load_fts5(db, paths):
    """One process, one transaction (bench/peers/fts5-schema.sql); appends to
    an existing database (the incremental case)."""
    connection = sqlite3.connect(db, isolation_level=None)
    with open(os.path.join(BENCH, "peers", "fts5-schema.sql"), encoding="utf-8") as schema:
        connection.executescript(schema.read())
    connection.execute("BEGIN")
    for record in versions(paths):
        row = (*texts(record), record.get("source", ""), record["article_id"],
               int(record.get("version", 0)) + 1, capture_seconds(record))
        vid = connection.execute("INSERT INTO version(title, summary, text, source, article,"
                                 " revision, time) VALUES (?, ?, ?, ?, ?, ?, ?)", row).lastrowid
        connection.execute("INSERT OR REPLACE INTO history(article, revision, time, vid)"
                           " VALUES (?, ?, ?, ?)", (*row[4:], vid))
    connection.execute("COMMIT")
    connection.close()


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "fts5":
        sys.exit(__doc__)
    load_fts5(sys.argv[2], sys.argv[3:])
