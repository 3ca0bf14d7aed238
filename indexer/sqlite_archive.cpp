// open_sqlite_archive (archive_reader.h): diffengine databases and
// NewsEdits files, read through SQLite's C API. Field mapping, what is
// rejected and the cursor: corpus/README.md, "diffengine and NewsEdits
// databases".
#include "indexer/archive_reader.h"
#include "indexer/html_paragraphs.h"
#include "indexer/input_file.h"
#include "indexer/record_fields.h"
#include "schema/time.h"
#include "schema/url.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdio>
#include <set>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace newsindex::indexer {

namespace {

// Rows per batch, and bytes of HTML: enough to keep a parser thread busy,
// few enough that one read transaction stays short and memory bounded.
constexpr int kRowsPerBatch = 2000;
constexpr std::size_t kBatchBytes = 8u << 20;
// How long a read waits for a writer's commit to finish before giving up.
constexpr int kBusyTimeoutMilliseconds = 10000;

enum class Layout { kDiffengine, kNewsEdits };

// One entryversion row as read, converted on a parser thread.
struct VersionRow {
    std::int64_t row_id = 0;
    std::int64_t sequence = 0;
    std::string title;
    std::string html;  // the summary, or the split sentences joined
    std::string created;
    std::string url;        // entry.url (diffengine), else entryversion.url
    std::string row_url;    // entryversion.url
    std::string source;     // feed name or source column, "" when none
    std::size_t too_large_bytes = 0;  // nonzero: title and HTML not kept, rejected
};

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::string column_text(sqlite3_stmt* statement, int column) {
    const unsigned char* text = sqlite3_column_text(statement, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(statement, column))};
}

class Statement {
  public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(statement_); }
    // False (the database's message in `error`) when SQLite refuses it.
    bool prepare(sqlite3* db, const std::string& sql, std::string& error) {
        sqlite3_finalize(statement_);
        statement_ = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) == SQLITE_OK) return true;
        error = sqlite3_errmsg(db);
        return false;
    }
    sqlite3_stmt* get() const { return statement_; }

  private:
    sqlite3_stmt* statement_ = nullptr;
};

// The cursor: the last row read and the first row's identity, so that
// another database put at the same path is read whole.
struct SqliteCursor {
    std::int64_t last_row = 0;
    std::int64_t first_row = 0;
    std::uint64_t first_fingerprint = 0;

    std::string text() const {
        return fmt::format("entryversion last={} first={} fingerprint={:016x}", last_row, first_row,
                           first_fingerprint);
    }
    static std::optional<SqliteCursor> parse(const std::string& text) {
        SqliteCursor cursor;
        unsigned long long fingerprint = 0;
        long long last = 0, first = 0;
        if (std::sscanf(text.c_str(), "entryversion last=%lld first=%lld fingerprint=%llx", &last, &first,
                        &fingerprint) != 3)
            return std::nullopt;
        cursor.last_row = last;
        cursor.first_row = first;
        cursor.first_fingerprint = fingerprint;
        return cursor;
    }
};

// A row made a record, or the reason it cannot be one.
std::variant<Capture, Rejection, Skip> convert(VersionRow& row, const std::string& file) {
    auto reject = [&](std::string reason) {
        return Rejection{InputLocation{file, 0}, fmt::format("entryversion {}: {}", row.row_id, reason)};
    };
    if (row.too_large_bytes > 0) return reject(fmt::format("record too large: {} bytes", row.too_large_bytes));
    const std::pair<const char*, const std::string*> columns[] = {
        {"title", &row.title}, {"summary", &row.html}, {"created", &row.created},
        {"url", &row.url},     {"url", &row.row_url},  {"source", &row.source}};
    for (const auto& [name, value] : columns) {
        if (!is_utf8_text(*value)) return reject(fmt::format("{} is not UTF-8 text (bad byte or NUL)", name));
    }
    schema::VersionRecord record;
    record.url = !is_blank(row.url) ? row.url : row.row_url;
    if (is_blank(record.url)) return reject("no URL");
    std::optional<schema::CaptureTime> created = schema::parse_time(row.created);
    if (!created) return reject("unparseable time created " + quoted_for_message(row.created));
    record.captured_at = *created;
    record.text = html_paragraphs(row.html);
    // A version whose summary holds no paragraph keeps its title: a
    // headline rewritten over an empty body is still a version, as in JSON
    // Lines (complete_record rejects only a version with nothing at all).
    record.title = std::move(row.title);
    record.sequence = row.sequence;
    record.article.source = lower_trimmed(row.source);
    if (record.article.source.empty()) record.article.source = schema::url_host(record.url);
    if (record.article.source.empty()) return reject("no source (no feed name and no host in the URL)");
    try {
        complete_record(record);
    } catch (const BadRecord& bad) {
        return reject(bad.what());
    }
    return Capture{std::move(record), InputLocation{file, 0}};
}

class SqliteArchive : public ArchiveReader {
  public:
    SqliteArchive(const ArchiveInput& input, InputFormat format)
        : path_(input.path),
          name_(input.name),
          format_(format),
          max_record_bytes_(input.options != nullptr ? input.options->max_record_bytes : ReadOptions{}.max_record_bytes) {
        if (input.cursor) {
            given_text_ = *input.cursor;
            given_cursor_ = SqliteCursor::parse(*input.cursor);
        }
    }
    ~SqliteArchive() override { sqlite3_close_v2(db_); }

    std::optional<CaptureBatch> next() override {
        if (done_) return std::nullopt;
        CaptureBatch batch;
        batch.file = name_;
        if (stop_reason_) {
            // The reading stopped (damage part way, a lock held too long)
            // after the rows before it were given.
            done_ = true;
            batch.results.emplace_back(Rejection{InputLocation{name_, 0}, std::move(*stop_reason_)});
            return batch;
        }
        if (!opened_) {
            opened_ = true;
            if (std::string error; !open(error)) {
                done_ = failed_ = true;
                batch.results.emplace_back(Rejection{InputLocation{name_, 0}, std::move(error)});
                return batch;
            }
        }
        std::vector<VersionRow> rows;
        if (std::string error; !read_rows(rows, error)) stop_reason_ = std::move(error);
        if (rows.empty()) {
            if (stop_reason_) return next();
            done_ = true;
            return std::nullopt;
        }
        records_ += rows.size();
        batch.parse = [rows = std::move(rows), file = name_](CaptureBatch& out) mutable {
            out.results.reserve(out.results.size() + rows.size());
            for (VersionRow& row : rows) {
                std::visit([&out](auto&& result) { out.results.emplace_back(std::move(result)); },
                           convert(row, file));
            }
        };
        return batch;
    }

    std::optional<std::string> cursor() const override {
        // A file that could not be opened this time keeps the state it had.
        if (failed_) return given_text_;
        return cursor_.text();
    }

    std::uint64_t records() const override { return records_; }

  private:
    // Opens the database read-only, tells its layout and where to start.
    bool open(std::string& error) {
        if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            error = db_ != nullptr ? sqlite3_errmsg(db_) : "cannot open the database";
            return false;
        }
        sqlite3_busy_timeout(db_, kBusyTimeoutMilliseconds);
        if (!execute("BEGIN", error)) return false;
        bool ok = read_layout(error) && read_start(error);
        std::string end_error;
        if (!execute(ok ? "COMMIT" : "ROLLBACK", end_error) && ok) {
            error = end_error;
            return false;
        }
        return ok && prepare_reads(error);
    }

    bool execute(const char* sql, std::string& error) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
        error = sqlite3_errmsg(db_);
        return false;
    }

    // The columns of `table`; empty when there is no such table.
    bool columns_of(const char* table, std::set<std::string>& columns, std::string& error) {
        Statement statement;
        if (!statement.prepare(db_, fmt::format("PRAGMA table_info(\"{}\")", table), error)) return false;
        int status;
        while ((status = sqlite3_step(statement.get())) == SQLITE_ROW) columns.insert(column_text(statement.get(), 1));
        if (status == SQLITE_DONE) return true;
        error = sqlite3_errmsg(db_);
        return false;
    }

    bool read_layout(std::string& error) {
        std::set<std::string> version_columns, entry_columns, feed_columns, feedentry_columns, sentence_columns;
        if (!columns_of("entryversion", version_columns, error) || !columns_of("entry", entry_columns, error) ||
            !columns_of("feed", feed_columns, error) || !columns_of("feedentry", feedentry_columns, error) ||
            !columns_of("split_sentences", sentence_columns, error))
            return false;
        if (version_columns.empty()) {
            error = "not a diffengine or NewsEdits database (no table entryversion)";
            return false;
        }
        layout_ = format_ == InputFormat::kNewsEdits ? Layout::kNewsEdits
                  : format_ == InputFormat::kDiffengine ? Layout::kDiffengine
                  : version_columns.contains("version")  ? Layout::kNewsEdits
                                                         : Layout::kDiffengine;
        std::vector<const char*> required{"title", "summary", "created", "url"};
        if (layout_ == Layout::kNewsEdits) {
            required.push_back("entry_id");
            required.push_back("version");
        }
        for (const char* column : required) {
            if (!version_columns.contains(column)) {
                error = fmt::format("not a {} database (table entryversion has no column {})",
                                    layout_ == Layout::kNewsEdits ? "NewsEdits" : "diffengine", column);
                return false;
            }
        }
        const bool has_entry = version_columns.contains("entry_id");
        if (layout_ == Layout::kDiffengine) {
            std::string select = "SELECT v.rowid, v.rowid, v.title, v.summary, v.created, v.url, ";
            std::string from = " FROM entryversion v";
            if (has_entry && entry_columns.contains("id") && entry_columns.contains("url")) {
                select += "e.url, ";
                from += " LEFT JOIN entry e ON e.id = v.entry_id";
            } else {
                select += "NULL, ";
            }
            if (has_entry && feed_columns.contains("url") && feed_columns.contains("name") &&
                feedentry_columns.contains("feed_id") && feedentry_columns.contains("entry_id")) {
                // An entry in several feeds takes the feed it was found in first.
                select += "(SELECT f.name FROM feedentry fe JOIN feed f ON f.url = fe.feed_id "
                          "WHERE fe.entry_id = v.entry_id ORDER BY fe.rowid LIMIT 1)";
            } else {
                select += "NULL";
            }
            rows_sql_ = select + from;
        } else {
            rows_sql_ = "SELECT v.rowid, v.version, v.title, v.summary, v.created, v.url, NULL, ";
            rows_sql_ += version_columns.contains("source") ? "v.source" : "NULL";
            rows_sql_ += ", v.entry_id FROM entryversion v";
            sentences_ = sentence_columns.contains("entry_id") && sentence_columns.contains("version") &&
                         sentence_columns.contains("sent_idx") && sentence_columns.contains("sentence");
            file_source_ = lower_trimmed(path_.stem().string());
        }
        rows_sql_ += " WHERE v.rowid > ?1 ORDER BY v.rowid LIMIT ?2";
        return true;
    }

    // The first row's identity, and where the given cursor says to start.
    bool read_start(std::string& error) {
        Statement first;
        if (!first.prepare(db_, "SELECT rowid, created, url, title FROM entryversion ORDER BY rowid LIMIT 1", error))
            return false;
        int status = sqlite3_step(first.get());
        if (status == SQLITE_ROW) {
            cursor_.first_row = sqlite3_column_int64(first.get(), 0);
            cursor_.first_fingerprint = schema::content_hash(column_text(first.get(), 1), column_text(first.get(), 2),
                                                             column_text(first.get(), 3));
        } else if (status != SQLITE_DONE) {
            error = sqlite3_errmsg(db_);
            return false;
        }
        if (given_cursor_ && given_cursor_->first_row == cursor_.first_row &&
            given_cursor_->first_fingerprint == cursor_.first_fingerprint)
            cursor_.last_row = given_cursor_->last_row;
        return true;
    }

    bool prepare_reads(std::string& error) {
        if (!rows_.prepare(db_, rows_sql_, error)) return false;
        if (sentences_ &&
            !sentences_statement_.prepare(
                db_, "SELECT sentence FROM split_sentences WHERE entry_id = ?1 AND version = ?2 ORDER BY sent_idx",
                error))
            return false;
        return true;
    }

    // The next rows after the cursor, in one short read transaction.
    bool read_rows(std::vector<VersionRow>& rows, std::string& error) {
        if (!execute("BEGIN", error)) return false;
        bool ok = step_rows(rows, error);
        sqlite3_reset(rows_.get());
        if (sentences_) sqlite3_reset(sentences_statement_.get());
        std::string end_error;
        execute("COMMIT", end_error);
        if (ok && !rows.empty()) cursor_.last_row = rows.back().row_id;
        return ok;
    }

    bool step_rows(std::vector<VersionRow>& rows, std::string& error) {
        sqlite3_stmt* statement = rows_.get();
        sqlite3_bind_int64(statement, 1, cursor_.last_row);
        sqlite3_bind_int(statement, 2, kRowsPerBatch);
        std::size_t bytes = 0;
        int status;
        while (bytes < kBatchBytes && (status = sqlite3_step(statement)) == SQLITE_ROW) {
            VersionRow row;
            row.row_id = sqlite3_column_int64(statement, 0);
            row.sequence = sqlite3_column_int64(statement, 1);
            // A title and body over the record size limit are not loaded.
            std::size_t size = static_cast<std::size_t>(sqlite3_column_bytes(statement, 2)) +
                               static_cast<std::size_t>(sqlite3_column_bytes(statement, 3));
            if (size > max_record_bytes_) {
                row.too_large_bytes = size;
            } else {
                row.title = column_text(statement, 2);
                row.html = column_text(statement, 3);
            }
            row.created = column_text(statement, 4);
            row.row_url = column_text(statement, 5);
            row.url = column_text(statement, 6);
            row.source = column_text(statement, 7);
            if (layout_ == Layout::kNewsEdits) {
                if (row.source.empty()) row.source = file_source_;
                if (sentences_ && row.too_large_bytes == 0 && is_blank(row.html) &&
                    !read_sentences(sqlite3_column_int64(statement, 8), row, error))
                    return false;
            }
            bytes += row.html.size() + row.title.size();
            rows.push_back(std::move(row));
        }
        if (bytes >= kBatchBytes || status == SQLITE_DONE) return true;
        error = sqlite3_errmsg(db_);
        // The rows before the failing one are kept; the cursor moves past them.
        if (!rows.empty()) cursor_.last_row = rows.back().row_id;
        return false;
    }

    // A NewsEdits version without summary: its sentences, in order.
    bool read_sentences(std::int64_t entry_id, VersionRow& row, std::string& error) {
        sqlite3_stmt* statement = sentences_statement_.get();
        sqlite3_reset(statement);
        sqlite3_bind_int64(statement, 1, entry_id);
        sqlite3_bind_int64(statement, 2, row.sequence);
        int status;
        while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
            if (!row.html.empty()) row.html += ' ';
            row.html += column_text(statement, 0);
            if (row.html.size() + row.title.size() > max_record_bytes_) {
                row.too_large_bytes = row.html.size() + row.title.size();
                row.html.clear();
                row.title.clear();
                return true;
            }
        }
        if (status == SQLITE_DONE) return true;
        error = sqlite3_errmsg(db_);
        return false;
    }

    std::filesystem::path path_;
    std::string name_;
    InputFormat format_;
    std::size_t max_record_bytes_;
    std::optional<std::string> given_text_;
    std::optional<SqliteCursor> given_cursor_;
    SqliteCursor cursor_;
    sqlite3* db_ = nullptr;
    Layout layout_ = Layout::kDiffengine;
    std::string rows_sql_;
    Statement rows_;
    bool sentences_ = false;
    Statement sentences_statement_;
    std::string file_source_;
    std::optional<std::string> stop_reason_;
    bool opened_ = false;
    bool done_ = false;
    bool failed_ = false;
    std::uint64_t records_ = 0;
};

}  // namespace

std::unique_ptr<ArchiveReader> open_sqlite_archive(const ArchiveInput& input, InputFormat format) {
    return std::make_unique<SqliteArchive>(input, format);
}

}  // namespace newsindex::indexer
