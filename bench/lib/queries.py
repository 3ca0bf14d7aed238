"""The committed query lists and how each tool is asked each query.

A query list (bench/queries-*.txt) has one query per line:

    CLASS <TAB> QUERY [<TAB> SOURCE]

CLASS is one of word-very-common, word-common, word-rare, phrase2, phrase3,
boolean. QUERY uses the syntax both newsquery (Xapian's QueryParser) and FTS5
understand: bare words, "quoted phrases" and AND. SOURCE, if given, restricts
the query to one outlet. Lines starting with # are comments.

Every function here returns an argv (or SQL text) for one tool; the
translation rules are the fair-comparison rules documented in bench/README.md.
"""

import re
from dataclasses import dataclass

CLASSES = ("word-very-common", "word-common", "word-rare", "phrase2", "phrase3", "boolean")

# newsquery's --limit for "all matches"; larger than any corpus here.
ALL_MATCHES = 100_000_000
# newsquery timeline's default page: the first 20 articles by first event.
TIMELINE_PAGE = 20


@dataclass(frozen=True)
class Query:
    number: int
    kind: str
    text: str
    source: str = ""

    @property
    def is_phrase(self):
        return self.kind in ("phrase2", "phrase3")

    def words(self):
        """The plain words of the query, without quotes and operators."""
        return [w for w in re.findall(r"[^\s\"]+", self.text) if w not in ("AND", "OR", "NOT")]

    def label(self):
        return self.text + (f" [source {self.source}]" if self.source else "")


def load_queries(path):
    queries = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 2 or fields[0] not in CLASSES:
                raise ValueError(f"{path}: bad query line: {line!r}")
            source = fields[2].strip() if len(fields) > 2 else ""
            queries.append(Query(len(queries) + 1, fields[0], fields[1].strip(), source))
    return queries


# --- newsquery -------------------------------------------------------------

def newsquery_search(newsquery, db, query, limit):
    """Versions matching, best first: rows are versions (--all-versions) in
    relevance order (--sort relevance; --all-versions alone groups them by
    article), as FTS5's ORDER BY rank gives them."""
    argv = [newsquery, "search", "--db", db, "--format", "json", "--all-versions",
            "--sort", "relevance", "--limit", str(limit)]
    if query.source:
        argv += ["--source", query.source]
    return argv + [query.text]


def newsquery_phrase_count(newsquery, db, query):
    """Every version containing the exact words (no stemming), like rg."""
    return [newsquery, "search", "--db", db, "--format", "csv", "--all-versions", "--no-stem",
            "--limit", str(ALL_MATCHES), query.text]


def newsquery_timeline(newsquery, db, query, articles):
    """The first `articles` articles' events (newsquery's default page is
    TIMELINE_PAGE; 0 for every article)."""
    argv = [newsquery, "timeline", "--db", db, "--format", "json", "--limit", str(articles)]
    if query.source:
        argv += ["--source", query.source]
    return argv + [query.text]


def engine_request(mode, query):
    """A request line for bench/engine_latency: the same search (top20, all)
    or timeline as the commands above, timed inside one process."""
    return f"{mode}\t{query.source}\t{query.text}"


# --- quest on the scriptindex database (informational Xapian baseline) ------

def quest_search(db, query, limit):
    text = query.text + (f" source:{query.source}" if query.source else "")
    return ["quest", "-d", db, "-m", str(limit), "-b", "source:XS", text]


# --- SQLite FTS5 -----------------------------------------------------------

def fts5_match(query):
    """The FTS5 MATCH expression: words quoted as FTS5 strings, phrases kept."""
    parts = []
    for token in re.findall(r"\"[^\"]*\"|\S+", query.text):
        if token in ("AND", "OR", "NOT"):
            parts.append(token)
        elif token.startswith('"'):
            parts.append(token)
        else:
            parts.append('"' + token.replace('"', '""') + '"')
    return " ".join(parts)


def sql_literal(text):
    return "'" + text.replace("'", "''") + "'"


def fts5_search_sql(query, limit=None):
    """Rows as newsquery prints them: the version, its title and a snippet."""
    where = f"version MATCH {sql_literal(fts5_match(query))}"
    if query.source:
        where += f" AND source = {sql_literal(query.source)}"
    sql = (f"SELECT source, article, revision, datetime(time, 'unixepoch') AS time, title,"
           f" snippet(version, -1, '', '', '…', 30) AS snippet"
           f" FROM version WHERE {where} ORDER BY rank")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql + ";"


def fts5_timeline_sql(query, articles=None):
    """Appear/vanish events: walk every revision of each article with a match
    in revision order and report where the match state changes. With
    `articles`, only the events of that many articles, first by the time of
    their first event (newsquery timeline's page)."""
    where = f"version MATCH {sql_literal(fts5_match(query))}"
    if query.source:
        where += f" AND source = {sql_literal(query.source)}"
    page = ""
    if articles:
        page = (f"\n  AND article IN (SELECT article FROM event GROUP BY article"
                f" ORDER BY min(time), article LIMIT {int(articles)})")
    return f"""
WITH hit AS MATERIALIZED (SELECT rowid AS vid, article FROM version WHERE {where}),
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


def sqlite_cli(db, sql):
    """One sqlite3 CLI process per query: the same process model as newsquery."""
    return ["sqlite3", "-readonly", "-json", db, sql]


# --- git history and ripgrep ----------------------------------------------

def git_pickaxe(repo, query, regex):
    """git log -S (count of the string changes) or -G (a changed line matches).

    A boolean query is searched for its first word within the source's
    directory: git has no AND across words.
    """
    words = query.words()
    if regex:
        pattern = "-G" + r"[[:space:]]+".join(re.escape(w) for w in words)
    elif query.is_phrase:
        pattern = "-S" + " ".join(words)
    else:
        pattern = "-S" + words[0]
    argv = ["git", "-C", repo, "log", "-i", pattern, "--format=%H %at", "--name-only", "--"]
    if query.source:
        argv.append(query.source + "/")
    return argv


def rg_phrase_count(dump, query):
    """Lines (one per version) of the text dump containing the words in sequence."""
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in query.words()) + r"\b"
    return ["rg", "-c", "-i", pattern, dump]
