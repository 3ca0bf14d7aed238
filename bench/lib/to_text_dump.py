"""Dumps the searched text of every version for the ripgrep peer.

    python3 to_text_dump.py OUT.txt INPUT.jsonl...

One big file, one line per version: title, summary and body joined by spaces,
every run of whitespace folded to one space. One line per version makes
`rg -c` count matching versions directly; one big file is ripgrep's fastest
case (one open, sequential read) — one file per version would spend most of
rg's time opening 240k files, which measures the file system, not search.
"""

import re
import sys

from corpus import iter_versions, text_of

WHITESPACE = re.compile(r"\s+")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for record in iter_versions(sys.argv[2:]):
            out.write(WHITESPACE.sub(" ", " ".join(text_of(record))).strip() + "\n")


if __name__ == "__main__":
    main()
