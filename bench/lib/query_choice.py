"""Choosing and checking the committed query lists (not a benchmark step).

    python3 query_choice.py bands INPUT.jsonl[.gz]...
        words by the share of versions containing them, per frequency band
        (very common >= 2 %, common 0.1-1 %, rare 5-50 versions), and the
        most frequent two- and three-word sequences.
    python3 query_choice.py check QUERIES INPUT.jsonl[.gz]...
        approximate hits of each listed query (exact lower-case words, no
        stemming), so that every query is known to match in a corpus.

Words are runs of letters; a version counts once however often it contains a
word. The bands decide which class a word belongs to in bench/queries-*.txt.
"""

import collections
import re
import sys

from corpus import iter_versions, text_of
from queries import load_queries

WORD = re.compile(r"[^\W\d_]+")


def words_of(record):
    return WORD.findall(" ".join(text_of(record)).lower())


def bands(paths):
    versions = 0
    word_df = collections.Counter()
    bigram_df = collections.Counter()
    trigram_df = collections.Counter()
    for record in iter_versions(paths):
        versions += 1
        words = words_of(record)
        word_df.update(set(words))
        bigram_df.update(set(zip(words, words[1:])))
        trigram_df.update(set(zip(words, words[1:], words[2:])))
    print(f"{versions} versions")
    limits = {"very common": (0.02 * versions, versions),
              "common": (0.001 * versions, 0.01 * versions),
              "rare": (5, 50)}
    for name, (low, high) in limits.items():
        chosen = [(w, n) for w, n in word_df.most_common() if low <= n <= high and len(w) > 3]
        step = max(1, len(chosen) // 40)
        print(f"\n{name} ({low:.0f}-{high:.0f} versions):")
        print(" ".join(f"{w}:{n}" for w, n in chosen[::step][:40]))
    for name, table in (("two-word", bigram_df), ("three-word", trigram_df)):
        print(f"\n{name} sequences:")
        print(" ".join(" ".join(g) + f":{n}" for g, n in table.most_common(300)
                       if all(len(w) > 2 for w in g))[:4000])


def check(query_path, paths):
    queries = load_queries(query_path)
    patterns = []
    for query in queries:
        phrases = re.findall(r'"([^"]+)"', query.text)
        rest = re.sub(r'"[^"]+"', " ", query.text)
        groups = phrases + [w for w in rest.split() if w not in ("AND", "OR", "NOT")]
        patterns.append([re.compile(r"\b" + r"\W+".join(map(re.escape, g.lower().split())) + r"\b")
                         for g in groups])
    hits = [0] * len(queries)
    for record in iter_versions(paths):
        text = " ".join(text_of(record)).lower()
        for i, query in enumerate(queries):
            if query.source and record.get("source") != query.source:
                continue
            if all(p.search(text) for p in patterns[i]):
                hits[i] += 1
    for query, n in zip(queries, hits):
        flag = "" if n else "   <-- NO HITS"
        print(f"{query.number:3} {query.kind:17} {n:8}  {query.label()}{flag}")
    return all(hits)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "bands":
        bands(sys.argv[2:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2], sys.argv[3:]) else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
