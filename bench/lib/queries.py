"""The fixed query lists, and how each tool is asked a query (bench/README.md).

A list (bench/queries-*.txt) has a query a line, CLASS <TAB> QUERY [<TAB>
SOURCE] (# starts a comment), in the syntax both newsquery and FTS5 read:
words, "phrases" and AND; SOURCE restricts it to one outlet.
"""

import re
from dataclasses import dataclass

CLASSES = ("word-very-common", "word-common", "word-rare", "phrase2", "phrase3", "boolean")
ALL_MATCHES = 100_000_000  # newsquery's --limit for every match
TIMELINE_PAGE = 20  # newsquery timeline's default page: 20 articles


@dataclass(frozen=True)
class Query:
    number: int
    kind: str
    text: str
    source: str = ""

    @property
    def is_phrase(self):
        return self.kind in ("phrase2", "phrase3")

    def source_option(self):
        return ["--source", self.source] if self.source else []

    def words(self):
        return [w for w in re.findall(r"[^\s\"]+", self.text) if w not in ("AND", "OR", "NOT")]


def load(path):
    with open(path, encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines if line.strip() and line[0] != "#"]
    if bad := [row for row in rows if len(row) < 2 or row[0] not in CLASSES]:
        raise ValueError(f"{path}: bad query line: {bad[0]}")
    return [Query(number, row[0], row[1].strip(), row[2].strip() if len(row) > 2 else "")
            for number, row in enumerate(rows, start=1)]


def balanced(queries, count):
    """The first `count` queries taking each class in turn (git's subset)."""
    groups = [[x for x in queries if x.kind == kind] for kind in CLASSES]
    picked = [group[depth] for depth in range(len(queries)) for group in groups
              if depth < len(group)]
    return sorted(picked[:count], key=lambda x: x.number)


def newsquery_search(newsquery, db, query, limit):
    """Versions best first, as FTS5's ORDER BY rank (--all-versions alone
    would group them by article)."""
    return [newsquery, "search", "--db", db, "--format", "json", "--all-versions", "--sort",
            "relevance", "--limit", str(limit), *query.source_option(), query.text]


def newsquery_timeline(newsquery, db, query, articles):
    return [newsquery, "timeline", "--db", db, "--format", "json", "--limit", str(articles),
            *query.source_option(), query.text]


def newsquery_phrase(newsquery, db, query):
    """Every version holding the exact words, as rg counts them."""
    return [newsquery, "search", "--db", db, "--format", "csv", "--all-versions", "--no-stem",
            "--limit", str(ALL_MATCHES), query.text]


def engine_request(mode, query):
    """A request line for engine_latency and xapian_floor (bench/request_loop.h)."""
    return f"{mode}\t{query.source}\t{query.text}"


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def fts5_where(query):
    """Bare words quoted as FTS5 strings; phrases and operators kept."""
    tokens = re.findall(r"\"[^\"]*\"|\S+", query.text)
    match = " ".join(t if t in ("AND", "OR", "NOT") or t.startswith('"')
                     else '"' + t.replace('"', '""') + '"' for t in tokens)
    where = f"version MATCH {literal(match)}"
    return where + (f" AND source = {literal(query.source)}" if query.source else "")


def fts5_search(query, limit=None):
    """Rows as newsquery prints them: the version, its title and a snippet."""
    return (f"SELECT source, article, revision, datetime(time, 'unixepoch') AS time, title,"
            f" snippet(version, -1, '', '', '…', 30) AS snippet FROM version"
            f" WHERE {fts5_where(query)} ORDER BY rank"
            + (f" LIMIT {int(limit)};" if limit else ";"))


def fts5_timeline(query, articles=0):
    """Appeared/vanished events: every revision of each matching article in
    revision order, an event where the match state changes (lag()); with
    `articles`, the events of the first that many articles by first event."""
    page = (f" AND article IN (SELECT article FROM event GROUP BY article"
            f" ORDER BY min(time), article LIMIT {int(articles)})") if articles else ""
    return f"""
WITH hit AS MATERIALIZED (SELECT rowid AS vid, article FROM version WHERE {fts5_where(query)}),
walk AS (
  SELECT h.article, h.revision, h.time, (h.vid IN (SELECT vid FROM hit)) AS present
  FROM (SELECT DISTINCT article FROM hit) AS a JOIN history AS h ON h.article = a.article),
change AS (
  SELECT article, revision, time, present,
         lag(present, 1, 0) OVER (PARTITION BY article ORDER BY revision) AS before
  FROM walk),
event AS MATERIALIZED (SELECT article, revision, time, present FROM change WHERE present <> before)
SELECT article, revision, datetime(time, 'unixepoch') AS time,
       CASE WHEN present THEN 'appeared' ELSE 'vanished' END AS event
FROM event WHERE 1{page} ORDER BY time, article, revision;"""


def git_pickaxe(repo, query):
    """The commits where the count of the words in a file changes. A boolean
    query gives its first word, within its source's directory: git has no AND."""
    words = query.words()
    return ["git", "-C", repo, "log", "-i", "-S" + (" ".join(words) if query.is_phrase else words[0]),
            "--format=%H %at", "--name-only", "--", *([query.source + "/"] if query.source else [])]


def rg_phrase(dump, query):
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in query.words()) + r"\b"
    return ["rg", "-c", "-i", pattern, dump]
