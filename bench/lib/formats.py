"""The corpus in the field's archive formats, for bench/run's archive ingest
step (bench/README.md): a diffengine database, NewsEdits files (one SQLite
file per source), NewsDiffs monthly git repositories and a WARC of HTML pages,
written from the same JSON Lines records in capture order with Python's
standard library and `git fast-import`, then checked by counting back."""

import base64
import collections
import email.utils
import gzip
import hashlib
import heapq
import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

FORMATS = ("diffengine", "newsedits", "newsdiffs", "warc")
WARC_FILE_BYTES = 1 << 30  # a new WARC file past 1 GiB, as Heritrix does


def share(record, modulus, *salt):
    """A stable pseudo-random 0..modulus-1 for a record: which rows get which treatment."""
    key = "\0".join([record["article_id"], str(record.get("version", 0)), *salt])
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:4], "big") % modulus


def paragraphs(record):
    """The body as extracted by a readability pass: the standfirst, then the text's paragraphs."""
    body = [record.get("summary") or ""] + re.split(r"\n\s*", record.get("text") or "")
    return [p.strip() for p in body if p.strip()]


def naive_utc(record):
    """peewee's DateTimeField as diffengine writes datetime.utcnow(): naive UTC with microseconds."""
    return record["timestamp"][:19].replace("T", " ") + f".{share(record, 1000000, 'us'):06d}"


def published_iso(record):
    value = record.get("published") or ""
    if value[:4].isdigit():
        return value
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return ""


def captures(paths, articles):
    """The records of `paths` in capture order, each with "n", its 0-based
    order within its article; fills articles: article_id -> captures."""
    seen = collections.Counter()
    for record in corpus.in_capture_order(paths, articles):
        record["n"] = seen[record["article_id"]]
        seen[record["article_id"]] += 1
        yield record


PEEWEE_SCHEMA = """
CREATE TABLE "feed" ("url" VARCHAR(255) NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL,
    "created" DATETIME NOT NULL);
CREATE TABLE "entry" ("id" INTEGER NOT NULL PRIMARY KEY, "url" VARCHAR(255) NOT NULL,
    "created" DATETIME NOT NULL, "checked" DATETIME NOT NULL);
CREATE TABLE "feedentry" ("id" INTEGER NOT NULL PRIMARY KEY, "feed_id" VARCHAR(255) NOT NULL,
    "entry_id" INTEGER NOT NULL, "created" DATETIME NOT NULL,
    FOREIGN KEY ("feed_id") REFERENCES "feed" ("url"), FOREIGN KEY ("entry_id") REFERENCES "entry" ("id"));
CREATE INDEX "feedentry_feed_id" ON "feedentry" ("feed_id");
CREATE INDEX "feedentry_entry_id" ON "feedentry" ("entry_id");
CREATE TABLE "entryversion" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(255) NOT NULL,
    "url" VARCHAR(255) NOT NULL, "summary" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL,
    "archive_url" VARCHAR(255), "entry_id" INTEGER NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "entry" ("id"));
CREATE INDEX "entryversion_url" ON "entryversion" ("url");
CREATE INDEX "entryversion_entry_id" ON "entryversion" ("entry_id");
CREATE TABLE "diff" ("id" INTEGER NOT NULL PRIMARY KEY, "old_id" INTEGER NOT NULL, "new_id" INTEGER NOT NULL,
    "created" DATETIME NOT NULL, "tweeted" DATETIME, "blogged" DATETIME,
    FOREIGN KEY ("old_id") REFERENCES "entryversion" ("id"), FOREIGN KEY ("new_id") REFERENCES "entryversion" ("id"));
"""

NEWSEDITS_SCHEMA = """
CREATE TABLE entryversion ("index" INTEGER, id INTEGER PRIMARY KEY, entry_id INTEGER, version INTEGER,
    num_versions INTEGER, title TEXT, url TEXT, summary TEXT, created TEXT, archive_url TEXT);
CREATE TABLE split_sentences (entry_id INTEGER, version INTEGER, sent_idx INTEGER, sentence TEXT);
CREATE INDEX split_sentences_version ON split_sentences (entry_id, version);
"""


def body_html(record):
    """diffengine's summary: readability's body cleaned by bleach to <p> tags only."""
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(record))


def archive_url(record):
    return "https://web.archive.org/web/" + re.sub(r"\D", "", record["timestamp"][:19]) + "/" + record["url"]


class Diffengine:
    """One diffengine.db: a feed per source, an entry per article, a version per capture."""

    def __init__(self, out):
        self.files = [os.path.join(out, "diffengine.db")]
        self.db = sqlite3.connect(self.files[0], isolation_level=None)
        self.db.executescript(PEEWEE_SCHEMA)
        self.db.execute("BEGIN")
        self.entries, self.feeds, self.last = {}, {}, {}

    def add(self, record):
        source, created = record.get("source") or "unknown", naive_utc(record)
        if (feed := self.feeds.get(source)) is None:
            feed = self.feeds[source] = f"https://{corpus_host(record['url'])}/feeds/{source}.rss"
            self.db.execute("INSERT INTO feed VALUES (?, ?, ?)", (feed, source, created))
        if (entry := self.entries.get(record["article_id"])) is None:
            entry = self.db.execute("INSERT INTO entry (url, created, checked) VALUES (?, ?, ?)",
                                    (record["url"], created, created)).lastrowid
            self.entries[record["article_id"]] = entry
            self.db.execute("INSERT INTO feedentry (feed_id, entry_id, created) VALUES (?, ?, ?)",
                            (feed, entry, created))
        version = self.db.execute("INSERT INTO entryversion (title, url, summary, created, archive_url, entry_id)"
                                  " VALUES (?, ?, ?, ?, ?, ?)", (record.get("title") or "", record["url"],
                                                                 body_html(record), created, archive_url(record),
                                                                 entry)).lastrowid
        if (old := self.last.get(entry)) is not None:
            self.db.execute("INSERT INTO diff (old_id, new_id, created) VALUES (?, ?, ?)", (old, version, created))
            self.db.execute("UPDATE entry SET checked = ? WHERE id = ?", (created, entry))
        self.last[entry] = version

    def close(self):
        self.db.execute("COMMIT")
        self.db.close()


def corpus_host(url):
    return re.sub(r"^[a-z]+://", "", url).split("/")[0]


class NewsEdits:
    """NEWSEDITS/SOURCE.db per source: entryversion with version and num_versions;
    a third of the rows (by hash) keep their body in split_sentences instead."""

    def __init__(self, out, articles):
        self.out, self.articles, self.files, self.dbs, self.entries = out, articles, [], {}, {}
        os.makedirs(out)

    def add(self, record):
        source = record.get("source") or "unknown"
        if (db := self.dbs.get(source)) is None:
            self.files.append(os.path.join(self.out, re.sub(r"[^\w.-]", "_", source) + ".db"))
            db = self.dbs[source] = sqlite3.connect(self.files[-1], isolation_level=None)
            db.executescript(NEWSEDITS_SCHEMA)
            db.execute("BEGIN")
        entry = self.entries.setdefault(record["article_id"], len(self.entries) + 1)
        body, split = paragraphs(record), share(record, 3, "split") == 0
        db.execute('INSERT INTO entryversion ("index", entry_id, version, num_versions, title, url, summary,'
                   ' created, archive_url) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)',
                   (entry, record["n"], self.articles[record["article_id"]], record.get("title") or "",
                    record["url"], "" if split and body else body_html(record), naive_utc(record),
                    archive_url(record)))
        if split and body:
            sentences = [s for p in body for s in re.split(r"(?<=[.!?])\s+", p) if s]
            db.executemany("INSERT INTO split_sentences VALUES (?, ?, ?, ?)",
                           [(entry, record["n"], i, s) for i, s in enumerate(sentences)])

    def close(self):
        for db in self.dbs.values():
            db.execute('UPDATE entryversion SET "index" = id - 1')
            db.execute("COMMIT")
            db.close()


def newsdiffs_path(url):
    """NewsDiffs' file name for a URL: without http://, https:/host/... for https."""
    path = "https:/" + url[len("https://"):] if url.startswith("https://") else re.sub(r"^[a-z]+://", "", url)
    return "/".join(part for part in path.rstrip("/").split("/") if part not in ("", ".", ".."))


class NewsDiffs:
    """NEWSDIFFS/YYYY-MM bare repositories, each filled by one git fast-import:
    a commit per capture at the capture time, a file per article holding its
    date line, title, byline, a blank line and the body's paragraphs."""

    def __init__(self, out, paths):
        self.out, self.files, self.importer, self.month, self.mark = out, [], None, None, 0
        prefixes = {path.rsplit("/", i)[0] for path in paths for i in range(1, path.count("/") + 1)}
        # A URL that is also another URL's directory (…/markets and …/markets/asia/x)
        # cannot be a file in git's tree: it is kept as …/markets/index.html.
        self.directories = prefixes & set(paths)
        os.makedirs(out)

    def add(self, record):
        month = record["timestamp"][:7]
        if month != self.month:
            self.finish()
            self.files.append(os.path.join(self.out, month))
            subprocess.run(["git", "init", "-q", "--bare", "-b", "master", self.files[-1]], check=True)
            self.importer = subprocess.Popen(["git", "-C", self.files[-1], "fast-import", "--quiet"],
                                             stdin=subprocess.PIPE)
            self.importer.stdin.write(b"feature done\n")
            self.month, self.mark, self.known = month, 0, set()
        path = newsdiffs_path(record["url"])
        path += "/index.html" if path in self.directories else ""
        byline = f"By {record['author']}" if record.get("author") else ""
        content = "\n".join([record.get("published") or "", record.get("title") or "", byline]) + "\n\n" + \
            "\n\n".join(paragraphs(record)) + "\n"
        message = ("Change to " if path in self.known else "Adding file ") + path
        self.known.add(path)
        self.mark += 1
        out = self.importer.stdin
        out.write(b"commit refs/heads/master\nmark :%d\ncommitter NewsDiffs <newsdiffs@newsindex.invalid> "
                  b"%d +0000\ndata %d\n%s\n" % (self.mark, corpus.capture_seconds(record),
                                               len(message.encode()), message.encode()))
        if self.mark > 1:
            out.write(b"from :%d\n" % (self.mark - 1))
        data = content.encode("utf-8")
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode("utf-8"), len(data), data))

    def finish(self):
        if self.importer:
            self.importer.stdin.write(b"done\n")
            self.importer.stdin.close()
            if self.importer.wait():
                sys.exit(f"bench: git fast-import failed in {self.files[-1]}")
            self.importer = None

    def close(self):
        self.finish()


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head>
<meta charset="{charset}"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:type" content="article">
<meta property="og:title" content="{title}"><meta property="og:url" content="{url}">
{meta}<link rel="canonical" href="{url}"><link rel="stylesheet" href="/static/css/site.4f1c2.css">
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"article","section":"{section}"}});</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script type="application/ld+json">{ld}</script>
</head><body class="article-page">
<a class="skip-link" href="#main">Skip to content</a>
<div id="cookie-banner" role="dialog"><p>We use cookies to improve your experience and show you personalised
advertising. <a href="/privacy">Privacy policy</a></p><button>Accept all</button><button>Settings</button></div>
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav aria-label="Main"><ul><li><a href="/news">News</a></li><li><a href="/world">World</a></li><li><a
href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/tech">Technology</a></li><li><a
href="/science">Science</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>
<form role="search" action="/search"><input name="q" placeholder="Search {site}"><button>Search</button></form>
<a class="subscribe" href="/subscribe">Subscribe</a></header>
<div class="ad ad-leaderboard" id="div-gpt-ad-top"><span>Advertisement</span>
<script>googletag.cmd.push(function(){{googletag.display("div-gpt-ad-top");}});</script></div>
<main id="main"><article class="story">
<nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/{section}">{section}</a></nav>
<h1 class="headline">{title}</h1>
{byline}<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<figure><img src="{image}" alt=""><figcaption>Photograph: agency</figcaption></figure>
<div class="story-body">
{body}
</div>
<aside class="related"><h2>Related</h2><ul>{related}</ul></aside>
<div class="ad ad-inline" id="div-gpt-ad-mid"><span>Advertisement</span></div>
</article>
<aside class="sidebar"><h2>Most read</h2><ol>{most_read}</ol>
<div class="newsletter"><h3>Sign up to our morning briefing</h3><p>The news you need to start your day, in your
inbox every weekday.</p><input type="email" placeholder="Your email"><button>Sign up</button></div>
<div class="ad ad-mpu" id="div-gpt-ad-side"><span>Advertisement</span></div></aside></main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a
href="/terms">Terms of use</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookie
settings</a></li><li><a href="/jobs">Work for us</a></li></ul><p>&copy; {year} {site}. All rights reserved. Reproduction
in whole or in part without permission is prohibited.</p></footer>
<script src="/static/js/app.9d2e1.js" defer></script>
<script>(function(){{var s=document.createElement("script");s.src="https://cdn.example-analytics.com/a.js";
document.body.appendChild(s);}})();</script>
</body></html>
"""


def page(record, most_read, charset):
    """A publisher's article page: the record inside navigation, header, footer, asides, ads and scripts."""
    e = lambda value: html.escape(value or "")  # noqa: E731
    published, summary = published_iso(record), record.get("summary") or ""
    meta = "".join([f'<meta property="og:description" content="{e(summary)}">'
                    f'<meta name="description" content="{e(summary)}">\n' if summary else "",
                    f'<meta property="article:published_time" content="{e(published)}">\n' if published else "",
                    f'<meta name="author" content="{e(record.get("author"))}">\n' if record.get("author") else ""])
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": record.get("title") or "",
          **({"datePublished": published} if published else {})}
    byline = (f'<div class="byline">By <a rel="author" href="/by/">{e(record["author"])}</a></div>'
              if record.get("author") else "")
    if published:
        byline += f'<time datetime="{e(published)}">{e(record.get("published"))}</time>'
    body = "\n".join(f'<p class="standfirst">{e(p)}</p>' if i == 0 and record.get("summary") else f"<p>{e(p)}</p>"
                     for i, p in enumerate(paragraphs(record)))
    links = "".join(f'<li><a href="/story/{i}">{e(title)}</a></li>' for i, title in enumerate(most_read))
    return PAGE.format(lang=record.get("language") or "en", charset=charset, title=e(record.get("title")),
                       site=e(record.get("source")), url=e(record["url"]), meta=meta,
                       section=e(record.get("section") or "news"), ld=json.dumps(ld).replace("</", "<\\/"),
                       byline=byline, image=f"/images/{corpus.digest(record['article_id'])}.jpg", body=body,
                       related=links[:600], most_read=links, year=record["timestamp"][:4])


def sha1_label(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


class Warc:
    """WARC/WARC-NNNNN.warc.gz, one gzip member per record (WARC/1.1): a
    warcinfo record per file, then per capture a request and a response
    (HTML; some gzip-encoded, some chunked, German pages in ISO-8859-1 when
    they fit), an image for one page in ten, and for one in four a revisit
    half an hour later unless the article changed first."""

    def __init__(self, out):
        self.out, self.files, self.file, self.records = out, [], None, collections.Counter()
        self.most_read, self.revisits, self.pending = collections.defaultdict(list), [], {}
        os.makedirs(out)

    def write(self, kind, date, uri, content_type, block, **headers):
        if self.file is None or self.file.tell() > WARC_FILE_BYTES:
            if self.file:
                self.file.close()
            self.files.append(os.path.join(self.out, f"WARC-{len(self.files):05d}.warc.gz"))
            self.file = open(self.files[-1], "wb")
            info = f"software: newsindex bench/lib/formats.py\r\nformat: WARC File Format 1.1\r\n".encode()
            self.write("warcinfo", date, None, "application/warc-fields", info,
                       WARC_Filename=os.path.basename(self.files[-1]))
        record_id = uuid.UUID(bytes=hashlib.sha1(f"{kind} {date} {uri} {sum(self.records.values())}".encode())
                              .digest()[:16])
        fields = [("WARC-Type", kind), ("WARC-Record-ID", f"<urn:uuid:{record_id}>"), ("WARC-Date", date)]
        fields += [("WARC-Target-URI", uri)] if uri else []
        fields += [(name.replace("_", "-"), value) for name, value in headers.items()]
        fields += [("WARC-Block-Digest", sha1_label(block)), ("Content-Type", content_type),
                   ("Content-Length", str(len(block)))]
        head = "WARC/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields) + "\r\n"
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)
        self.file.write(packer.compress(head.encode("utf-8") + block + b"\r\n\r\n") + packer.flush())
        self.records[kind] += 1
        return f"<urn:uuid:{record_id}>"

    def flush_revisits(self, until):
        while self.revisits and self.revisits[0][0] <= until:
            seconds, date, article, uri, digest, status = heapq.heappop(self.revisits)
            if self.pending.get(article) == seconds:
                del self.pending[article]
                self.write("revisit", date, uri, "application/http;msgtype=response", status,
                           WARC_Profile="http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
                           WARC_Payload_Digest=digest)

    def add(self, record):
        seconds, date, uri = corpus.capture_seconds(record), record["timestamp"][:19] + "Z", record["url"]
        self.flush_revisits(seconds)
        self.pending.pop(record["article_id"], None)
        host, source = corpus_host(uri), record.get("source") or ""
        request = (f"GET /{uri.split('/', 3)[3] if uri.count('/') >= 3 else ''} HTTP/1.1\r\nHost: {host}\r\n"
                   "User-Agent: Mozilla/5.0 (compatible; archiver/3.4 +https://example.org/bot)\r\n"
                   "Accept: text/html,application/xhtml+xml\r\nAccept-Encoding: gzip\r\n\r\n").encode()
        concurrent = self.write("request", date, uri, "application/http;msgtype=request", request)
        most_read, charset = self.most_read[source][-6:], "utf-8"
        self.most_read[source] = self.most_read[source][-9:] + [record.get("title") or ""]
        try:
            if source.endswith(".de"):
                payload, charset = page(record, most_read, "iso-8859-1").encode("iso-8859-1"), "iso-8859-1"
        except UnicodeEncodeError:
            pass
        if charset == "utf-8":
            payload = page(record, most_read, charset).encode("utf-8")
        served, extra = payload, f"Content-Length: {len(payload)}\r\n"
        if (treatment := share(record, 8, "http")) == 1:
            served = gzip.compress(payload, 6, mtime=0)
            extra = f"Content-Encoding: gzip\r\nContent-Length: {len(served)}\r\nVary: Accept-Encoding\r\n"
        elif treatment == 2:
            served, extra = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload), "Transfer-Encoding: chunked\r\n"
        status = (f"HTTP/1.1 200 OK\r\nDate: {email.utils.formatdate(seconds, usegmt=True)}\r\nServer: nginx\r\n"
                  f"Content-Type: text/html; charset={charset}\r\n{extra}Cache-Control: max-age=60\r\n\r\n").encode()
        digest = sha1_label(payload)
        self.write("response", date, uri, "application/http;msgtype=response", status + served,
                   WARC_Concurrent_To=concurrent, WARC_IP_Address="192.0.2.80", WARC_Payload_Digest=digest)
        if share(record, 10, "image") == 0:
            image = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + hashlib.sha256(uri.encode()).digest() * 64 + b"\xff\xd9"
            self.write("response", date, f"https://{host}/images/{corpus.digest(record['article_id'])}.jpg",
                       "application/http;msgtype=response",
                       f"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {len(image)}\r\n\r\n".encode()
                       + image)
        if share(record, 4, "revisit") == 0:
            later = seconds + 1800
            self.pending[record["article_id"]] = later
            heapq.heappush(self.revisits, (later, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(later)),
                                           record["article_id"], uri, digest, status))

    def close(self):
        self.flush_revisits(float("inf"))
        if self.file:
            self.file.close()


def count_warc_records(path):
    """{WARC-Type: records, "html": HTML responses}, read back from the file: the check that it parses."""
    counts = collections.Counter()
    with gzip.open(path, "rb") as warc:
        while line := warc.readline():
            if not line.strip():
                continue
            if not line.startswith(b"WARC/1.1"):
                sys.exit(f"bench: {path}: not a WARC record at {line[:40]!r}")
            fields = {}
            while (line := warc.readline()).strip():
                name, _, value = line.decode("utf-8").partition(":")
                fields[name.strip().lower()] = value.strip()
            block = warc.read(int(fields["content-length"]))
            counts[fields["warc-type"]] += 1
            counts["html"] += fields["warc-type"] == "response" and b"Content-Type: text/html" in block[:500]
    return counts


def check(out, written, articles):
    """Counts back what was written, by other means than the writers: the
    rows in SQLite, the commits in git, the records in the WARC."""
    captures = sum(articles.values())
    def rows(path, table):
        return int(subprocess.run(["sqlite3", path, f"SELECT count(*) FROM {table}"], check=True,
                                  capture_output=True, text=True).stdout)
    found = {"diffengine": rows(written["diffengine"].files[0], "entryversion"),
             "newsedits": sum(rows(path, "entryversion") for path in written["newsedits"].files),
             "newsdiffs": sum(int(subprocess.run(["git", "-C", repo, "rev-list", "--count", "master"], check=True,
                                                 capture_output=True).stdout) for repo in written["newsdiffs"].files)}
    warc = sum((count_warc_records(path) for path in written["warc"].files), collections.Counter())
    if +warc - collections.Counter(html=warc["html"]) != written["warc"].records:
        sys.exit(f"bench: the WARC reads back as {dict(warc)}, written {dict(written['warc'].records)}")
    found["warc"] = warc["html"]
    if wrong := {name: count for name, count in found.items() if count != captures}:
        sys.exit(f"bench: {captures} captures written but counted back {wrong}")
    return dict(warc)


def du(path):
    return int(subprocess.run(["du", "-sb", path], check=True, capture_output=True).stdout.split()[0])


def prepare(out, stamp, paths):
    """OUT/{diffengine.db, newsedits/, newsdiffs/, warc/} from the JSON Lines
    `paths`, unless OUT/stamp says they are made from the same data by this
    same code; returns what was written: files, bytes and seconds per format."""
    with open(__file__, "rb") as code:
        stamp += "." + hashlib.sha1(code.read()).hexdigest()[:12]
    stamp_path = os.path.join(out, "stamp")
    if not os.path.exists(stamp_path) or open(stamp_path, encoding="utf-8").read() != stamp:
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        articles, urls = collections.Counter(), set()
        started = time.perf_counter()
        for path in paths:
            for _, line in corpus.read_lines(path):
                urls.add(newsdiffs_path(json.loads(line)["url"]))
        reading = time.perf_counter() - started
        written = {"diffengine": Diffengine(out), "newsedits": NewsEdits(os.path.join(out, "newsedits"), articles),
                   "newsdiffs": NewsDiffs(os.path.join(out, "newsdiffs"), urls),
                   "warc": Warc(os.path.join(out, "warc"))}
        seconds = collections.Counter()
        for record in captures(paths, articles):
            for name, writer in written.items():
                started = time.perf_counter()
                writer.add(record)
                seconds[name] += time.perf_counter() - started
        for name, writer in written.items():
            started = time.perf_counter()
            writer.close()
            seconds[name] += time.perf_counter() - started
        seconds["newsdiffs"] += reading
        warc_records = check(out, written, articles)
        where = {"diffengine": written["diffengine"].files[0], "newsedits": written["newsedits"].out,
                 "newsdiffs": written["newsdiffs"].out, "warc": written["warc"].out}
        made = {name: {"path": os.path.relpath(where[name], out), "files": len(written[name].files),
                       "bytes": du(where[name]), "seconds": seconds[name]} for name in FORMATS}
        made["warc"]["records"] = warc_records
        made["captures"] = sum(articles.values())
        with open(os.path.join(out, "formats.json"), "w", encoding="utf-8") as file:
            json.dump(made, file)
        with open(stamp_path, "w", encoding="utf-8") as file:
            file.write(stamp)
    with open(os.path.join(out, "formats.json"), encoding="utf-8") as file:
        return json.load(file)
