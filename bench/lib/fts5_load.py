"""Loads JSON Lines versions into the SQLite FTS5 peer database.

    python3 fts5_load.py DB INPUT.jsonl...

One process, one transaction, Python's standard sqlite3 module; the schema is
bench/peers/fts5-schema.sql. Loading into an existing database appends (the
incremental case). Revision is the input's 0-based version + 1; time is UTC
seconds.
"""

import os
import sqlite3
import sys

from corpus import iter_versions
from to_scriptindex import capture_seconds

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers",
                      "fts5-schema.sql")


def rows(paths):
    for record in iter_versions(paths):
        yield (record.get("title") or "", record.get("summary") or "",
               record.get("text") or "", record.get("source", ""), record["article_id"],
               int(record.get("version", 0)) + 1, capture_seconds(record["timestamp"]))


def load(db_path, paths):
    connection = sqlite3.connect(db_path, isolation_level=None)
    with open(SCHEMA, encoding="utf-8") as schema:
        connection.executescript(schema.read())
    connection.execute("BEGIN")
    insert_version = ("INSERT INTO version(title, summary, text, source, article, revision, time)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)")
    insert_history = ("INSERT OR REPLACE INTO history(article, revision, time, vid)"
                      " VALUES (?, ?, ?, ?)")
    count = 0
    for row in rows(paths):
        cursor = connection.execute(insert_version, row)
        connection.execute(insert_history, (row[4], row[5], row[6], cursor.lastrowid))
        count += 1
    connection.execute("COMMIT")
    connection.close()
    return count


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    load(sys.argv[1], sys.argv[2:])


if __name__ == "__main__":
    main()
