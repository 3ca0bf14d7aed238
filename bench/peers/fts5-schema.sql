-- The SQLite FTS5 peer: the same versions, the same searched fields (title,
-- summary, text) with positions (FTS5 always keeps them) and Porter stemming,
-- plus the facts a timeline needs as unindexed columns. FTS5 stores its own
-- copy of the texts, as newsindex does.
CREATE VIRTUAL TABLE IF NOT EXISTS version USING fts5(
    title, summary, text,
    source UNINDEXED, article UNINDEXED, revision UNINDEXED, time UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2');

-- Revision order per article, so the timeline SQL can walk all versions of
-- the articles that match without scanning the whole table (FTS5's
-- unindexed columns have no index). Counted in FTS5's file size.
CREATE TABLE IF NOT EXISTS history(
    article TEXT NOT NULL,
    revision INTEGER NOT NULL,
    time INTEGER NOT NULL,
    vid INTEGER NOT NULL,
    PRIMARY KEY (article, revision)) WITHOUT ROWID;
