"""The benchmark corpus: reading versions, and splitting them 99 % / 1 %.

Every peer and our own tools are fed the same versions. The split models the
cron case: the 1 % "delta" is ingested into an index already holding the 99 %
"base". The delta holds later versions of articles that are in the base (the
last version of some multi-version articles) plus some articles that are new
in full. Which articles are picked depends only on a hash of article_id, so
the split is the same on every run and machine.

    python3 corpus.py split --input FILE.jsonl[.gz] --out DIR [--delta-percent 1] [--limit N]

writes DIR/base.jsonl, DIR/delta.jsonl (original lines, original order) and
DIR/corpus.json (sizes). Bulk ingest reads base.jsonl then delta.jsonl.
--limit keeps only the first N versions of the input (smoke runs).
"""

import argparse
import gzip
import hashlib
import json
import os
import sys

# Share of the delta made of later versions of existing articles; the rest is
# whole new articles.
LATER_VERSION_SHARE = 0.7


def open_text(path):
    """Opens plain or gzip JSON Lines by content, like newsindex does."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "r", encoding="utf-8")


def iter_versions(paths):
    """Yields each record (a dict) of the given JSON Lines files in order."""
    for path in paths:
        with open_text(path) as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)


def text_of(record):
    """The searched text of a version: title, summary, body."""
    return [record.get("title") or "", record.get("summary") or "",
            record.get("text") or ""]


def article_digest(article_id):
    """16 hex digits naming an article in file paths and version ids."""
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


def choose_delta(articles, total, delta_percent):
    """Returns {line_number} of the delta.

    articles: article_id -> list of line numbers in capture order.
    """
    target = max(1, total * delta_percent // 100)
    by_hash = sorted(articles, key=lambda a: hashlib.sha1(a.encode()).digest())
    chosen = set()
    later_target = int(target * LATER_VERSION_SHARE)
    picked_articles = set()
    for article in by_hash:
        if len(chosen) >= later_target:
            break
        lines = articles[article]
        if len(lines) >= 2:
            chosen.add(lines[-1])
            picked_articles.add(article)
    for article in reversed(by_hash):
        if len(chosen) >= target:
            break
        if article in picked_articles:
            continue
        lines = articles[article]
        if len(chosen) + len(lines) <= target:
            chosen.update(lines)
            picked_articles.add(article)
    return chosen


def numbered_lines(path, limit):
    """(line number, line) of the non-empty lines, at most `limit` of them."""
    kept = 0
    with open_text(path) as lines:
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            if limit is not None and kept >= limit:
                return
            kept += 1
            yield number, line


def split(input_path, out_dir, delta_percent, limit=None):
    articles = {}
    total = 0
    for number, line in numbered_lines(input_path, limit):
        record = json.loads(line)
        articles.setdefault(record["article_id"], []).append(
            (record.get("timestamp", ""), record.get("version", 0), number))
        total += 1
    ordered = {a: [n for _, _, n in sorted(v)] for a, v in articles.items()}
    delta = choose_delta(ordered, total, delta_percent)
    delta_articles = {a for a, v in ordered.items() if any(n in delta for n in v)}
    new_articles = {a for a in delta_articles if all(n in delta for n in ordered[a])}

    os.makedirs(out_dir, exist_ok=True)
    stats = {"versions": 0, "articles": len(ordered), "text_bytes": 0,
             "jsonl_bytes": 0, "sources": set(), "languages": {},
             "first_capture": None, "last_capture": None}
    with open(os.path.join(out_dir, "base.jsonl"), "w", encoding="utf-8") as base, \
            open(os.path.join(out_dir, "delta.jsonl"), "w", encoding="utf-8") as later:
        for number, line in numbered_lines(input_path, limit):
            record = json.loads(line)
            if not line.endswith("\n"):
                line += "\n"
            (later if number in delta else base).write(line)
            stats["versions"] += 1
            stats["jsonl_bytes"] += len(line.encode("utf-8"))
            stats["text_bytes"] += sum(len(t.encode("utf-8")) for t in text_of(record))
            stats["sources"].add(record.get("source", ""))
            language = record.get("language") or "?"
            stats["languages"][language] = stats["languages"].get(language, 0) + 1
            stamp = record.get("timestamp", "")
            if stats["first_capture"] is None or stamp < stats["first_capture"]:
                stats["first_capture"] = stamp
            if stats["last_capture"] is None or stamp > stats["last_capture"]:
                stats["last_capture"] = stamp
    stats["sources"] = len(stats["sources"])
    stats["input"] = os.path.abspath(input_path)
    stats["delta_versions"] = len(delta)
    stats["base_versions"] = total - len(delta)
    stats["delta_new_articles"] = len(new_articles)
    stats["delta_new_article_versions"] = sum(len(ordered[a]) for a in new_articles)
    stats["delta_later_versions"] = len(delta) - stats["delta_new_article_versions"]
    with open(os.path.join(out_dir, "corpus.json"), "w", encoding="utf-8") as out:
        json.dump(stats, out, indent=2)
    return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    split_cmd = sub.add_parser("split")
    split_cmd.add_argument("--input", required=True)
    split_cmd.add_argument("--out", required=True)
    split_cmd.add_argument("--delta-percent", type=int, default=1)
    split_cmd.add_argument("--limit", type=int)
    args = parser.parse_args()
    stats = split(args.input, args.out, args.delta_percent, args.limit)
    print(f"corpus: {stats['versions']} versions, {stats['articles']} articles, "
          f"{stats['text_bytes'] / 1e6:.1f} MB text; delta {stats['delta_versions']} "
          f"({stats['delta_later_versions']} later versions, "
          f"{stats['delta_new_article_versions']} in {stats['delta_new_articles']} new articles)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
