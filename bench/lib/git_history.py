"""Writes the versions as a git fast-import stream: the git-history peer.

    python3 git_history.py INPUT.jsonl... | git -C REPO.git fast-import --quiet

The NewsDiffs layout: one commit per version, in capture order, committed at
the capture time; one file per article, SOURCE/XX/DIGEST.txt, holding title,
summary and body separated by blank lines. XX (the digest's first two hex
digits) fans a source's articles out over 256 directories so that each commit
rewrites only small trees: with one flat directory per source, every commit
would write a tree listing all of that source's articles (98k for bbc), and
building the history would take hours.

Inputs must be plain JSON Lines (they are read twice, the second time by file
offset, so only sort keys are kept in memory).
"""

import json
import sys

from corpus import article_digest
from to_scriptindex import capture_seconds


def capture_order(paths):
    """(timestamp, version, path index, offset) of every record, sorted."""
    keys = []
    for index, path in enumerate(paths):
        with open(path, "rb") as lines:
            offset = 0
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    keys.append((record["timestamp"], int(record.get("version", 0)), index, offset))
                offset += len(line)
    keys.sort()
    return keys


def file_content(record):
    parts = [record.get("title") or "", record.get("summary") or "", record.get("text") or ""]
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def write_data(out, payload):
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


def write_stream(paths, out):
    files = [open(path, "rb") for path in paths]
    out.write(b"feature done\n")
    try:
        for mark, (_, _, index, offset) in enumerate(capture_order(paths), start=1):
            files[index].seek(offset)
            record = json.loads(files[index].readline())
            digest = article_digest(record["article_id"])
            path = f"{record.get('source', 'unknown')}/{digest[:2]}/{digest}.txt"
            when = capture_seconds(record["timestamp"])
            out.write(b"commit refs/heads/main\n")
            out.write(b"mark :%d\n" % mark)
            out.write(b"committer bench <bench@newsindex.invalid> %d +0000\n" % when)
            write_data(out, f"{record['article_id']} version {record.get('version', 0)}"
                       .encode("utf-8"))
            if mark > 1:
                out.write(b"from :%d\n" % (mark - 1))
            out.write(f"M 100644 inline {path}\n".encode("utf-8"))
            write_data(out, file_content(record))
    finally:
        for handle in files:
            handle.close()
    out.write(b"done\n")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    write_stream(sys.argv[1:], sys.stdout.buffer)


if __name__ == "__main__":
    main()
