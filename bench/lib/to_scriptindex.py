"""Converts JSON Lines versions to scriptindex's dump format.

    python3 to_scriptindex.py OUT.si INPUT.jsonl...

One record per version, separated by a blank line, fields as name=value; a
newline inside a value is escaped by starting the next line with "=" (see
scriptindex's documentation). The fields match bench/peers/scriptindex.def.
"""

import calendar
import sys
import time

from corpus import article_digest, iter_versions


def capture_seconds(stamp):
    """UTC seconds of an ISO 8601 capture time such as 2020-04-21T07:51:19Z."""
    return calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S"))


def version_id(record):
    """Same shape as newsindex's: article digest @ capture seconds . sequence."""
    return (f"{article_digest(record['article_id'])}@"
            f"{capture_seconds(record['timestamp'])}.{record.get('version', 0)}")


def escape(value):
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n=")


def write_record(record, out):
    fields = [
        ("id", version_id(record)),
        ("source", record.get("source", "")),
        ("article", record["article_id"]),
        ("time", str(capture_seconds(record["timestamp"]))),
        ("revision", str(int(record.get("version", 0)) + 1)),
        ("title", record.get("title") or ""),
        ("summary", record.get("summary") or ""),
        ("text", record.get("text") or ""),
    ]
    for name, value in fields:
        if value:
            out.write(f"{name}={escape(value)}\n")
    out.write("\n")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for record in iter_versions(sys.argv[2:]):
            write_record(record, out)


if __name__ == "__main__":
    main()
