// Small diffengine databases and NewsEdits files for the tests, written
// through SQLite's C API in the schemas those tools write: diffengine's
// peewee models (feed, entry, feedentry, entryversion, with peewee's naive
// UTC times "2024-05-02 09:00:00.123456"), and a NewsEdits outlet file
// (entryversion with version and num_versions, split_sentences).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

namespace newsindex::indexer::sqlite_fixture {

// A value bound to a statement's parameter.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;

// A connection that writes the file (creating it).
class SqliteFile {
  public:
    explicit SqliteFile(const std::filesystem::path& path) {
        EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK) << path;
        sqlite3_busy_timeout(db_, 5000);
    }
    ~SqliteFile() { sqlite3_close_v2(db_); }
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;

    void exec(const std::string& sql) {
        char* message = nullptr;
        EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
            << sql << ": " << (message != nullptr ? message : "");
        sqlite3_free(message);
    }

    // Runs one statement with `values` bound to ?1, ?2, ...; the new row id.
    std::int64_t insert(const std::string& sql, const std::vector<Value>& values) {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const int n = static_cast<int>(i + 1);
            if (auto* number = std::get_if<std::int64_t>(&values[i])) sqlite3_bind_int64(statement, n, *number);
            else if (auto* text = std::get_if<std::string>(&values[i]))
                sqlite3_bind_text(statement, n, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
            else sqlite3_bind_null(statement, n);
        }
        EXPECT_EQ(sqlite3_step(statement), SQLITE_DONE) << sql << ": " << sqlite3_errmsg(db_);
        sqlite3_finalize(statement);
        return sqlite3_last_insert_rowid(db_);
    }

    sqlite3* handle() const { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

// The tables diffengine creates (peewee's SQL for its models).
inline constexpr const char* kDiffengineSchema = R"(
CREATE TABLE "feed" ("url" VARCHAR(255) NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL);
CREATE TABLE "entry" ("id" INTEGER NOT NULL PRIMARY KEY, "url" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL, "checked" DATETIME NOT NULL);
CREATE TABLE "feedentry" ("id" INTEGER NOT NULL PRIMARY KEY, "feed_id" VARCHAR(255) NOT NULL, "entry_id" INTEGER NOT NULL, "created" DATETIME NOT NULL,
  FOREIGN KEY ("feed_id") REFERENCES "feed" ("url"), FOREIGN KEY ("entry_id") REFERENCES "entry" ("id"));
CREATE INDEX "feedentry_feed_id" ON "feedentry" ("feed_id");
CREATE INDEX "feedentry_entry_id" ON "feedentry" ("entry_id");
CREATE TABLE "entryversion" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(255) NOT NULL, "url" VARCHAR(255) NOT NULL,
  "summary" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL, "archive_url" VARCHAR(255), "entry_id" INTEGER NOT NULL,
  FOREIGN KEY ("entry_id") REFERENCES "entry" ("id"));
CREATE INDEX "entryversion_entry_id" ON "entryversion" ("entry_id");
CREATE INDEX "entryversion_url" ON "entryversion" ("url");
CREATE TABLE "diff" ("id" INTEGER NOT NULL PRIMARY KEY, "old_id" INTEGER NOT NULL, "new_id" INTEGER NOT NULL, "created" DATETIME NOT NULL,
  "tweeted" DATETIME, "blogged" DATETIME);
)";

class DiffengineDb : public SqliteFile {
  public:
    explicit DiffengineDb(const std::filesystem::path& path) : SqliteFile(path) { exec(kDiffengineSchema); }

    void feed(const std::string& url, const std::string& name) {
        insert("INSERT INTO feed (url, name, created) VALUES (?1, ?2, '2024-05-01 00:00:00')", {url, name});
    }
    // An entry found in `feed_url` ("" for none); its id.
    std::int64_t entry(const std::string& url, const std::string& feed_url) {
        std::int64_t id = insert(
            "INSERT INTO entry (url, created, checked) VALUES (?1, '2024-05-01 00:00:00', '2024-05-01 00:00:00')",
            {url});
        if (!feed_url.empty()) also_in(id, feed_url);
        return id;
    }
    void also_in(std::int64_t entry_id, const std::string& feed_url) {
        insert("INSERT INTO feedentry (feed_id, entry_id, created) VALUES (?1, ?2, '2024-05-01 00:00:00')",
               {feed_url, entry_id});
    }
    struct Row {
        std::string created, title, summary;
    };
    // An entry of no feed at `url`, with a version per row at that URL; its id.
    std::int64_t article(const std::string& url, const std::vector<Row>& rows) {
        std::int64_t id = entry(url, "");
        versions(id, url, rows);
        return id;
    }
    // More versions of entry `entry_id`, each at `url`.
    void versions(std::int64_t entry_id, const std::string& url, const std::vector<Row>& rows) {
        for (const Row& row : rows) version(entry_id, row.created, row.title, row.summary, url);
    }
    // A version row; its id. `url` is entryversion.url (diffengine's
    // canonical URL after redirects).
    std::int64_t version(std::int64_t entry_id, const std::string& created, const std::string& title,
                         const std::string& summary, const std::string& url) {
        return insert(
            "INSERT INTO entryversion (title, url, summary, created, archive_url, entry_id) VALUES (?1, ?2, ?3, ?4, "
            "NULL, ?5)",
            {title, url, summary, created, entry_id});
    }
};

// An outlet file of the NewsEdits release, as pandas writes it.
inline constexpr const char* kNewsEditsSchema = R"(
CREATE TABLE "entryversion" ("index" INTEGER, "entry_id" INTEGER, "version" INTEGER, "title" TEXT, "created" TEXT,
  "url" TEXT, "num_versions" INTEGER, "summary" TEXT);
CREATE TABLE "split_sentences" ("entry_id" INTEGER, "version" INTEGER, "sent_idx" INTEGER, "sentence" TEXT);
)";

class NewsEditsDb : public SqliteFile {
  public:
    explicit NewsEditsDb(const std::filesystem::path& path) : SqliteFile(path) { exec(kNewsEditsSchema); }

    std::int64_t version(std::int64_t entry_id, std::int64_t version, std::int64_t num_versions,
                         const std::string& created, const std::string& title, const std::string& url,
                         const std::string& summary) {
        return insert(
            "INSERT INTO entryversion (\"index\", entry_id, version, title, created, url, num_versions, summary) "
            "VALUES ((SELECT count(*) FROM entryversion), ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            {entry_id, version, title, created, url, num_versions, summary});
    }
    void sentence(std::int64_t entry_id, std::int64_t version, std::int64_t index, const std::string& sentence) {
        insert("INSERT INTO split_sentences (entry_id, version, sent_idx, sentence) VALUES (?1, ?2, ?3, ?4)",
               {entry_id, version, index, sentence});
    }
};

// The database file header: a file damaged after it is still told a SQLite
// file by its first bytes.
inline constexpr std::uintmax_t kHeaderBytes = 100;

// Damages `file` from byte `offset` to its end with garbage.
inline void overwrite_from(const std::filesystem::path& file, std::uintmax_t offset) {
    std::fstream out(file, std::ios::binary | std::ios::in | std::ios::out);
    out.seekp(static_cast<std::streamoff>(offset));
    for (std::uintmax_t i = offset, size = std::filesystem::file_size(file); i < size; ++i)
        out.put(static_cast<char>(0xA5 ^ (i * 7)));
}

}  // namespace newsindex::indexer::sqlite_fixture
