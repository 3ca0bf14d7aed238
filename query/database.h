// Opening the index for reading.
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>

namespace newsindex::query {

// Every error the query library reports to its caller: a message a person
// can act on, and the exit code the command should end with.
class QueryError : public std::runtime_error {
  public:
    QueryError(const std::string& message, int exit_code)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

  private:
    int exit_code_;
};

// Exit codes of newsquery (documented in README.md and --help).
inline constexpr int kExitFound = 0;
inline constexpr int kExitNothingFound = 1;   // grep's convention
inline constexpr int kExitBadQuery = 2;       // also bad usage
inline constexpr int kExitNoDatabase = 66;    // EX_NOINPUT
inline constexpr int kExitWrongSchema = 78;    // EX_CONFIG: database of another schema version
inline constexpr int kExitSoftware = 70;      // EX_SOFTWARE: unexpected Xapian error

// A read-only handle on a newsindex database.
class NewsDatabase {
  public:
    // Throws QueryError(kExitNoDatabase) if there is no database at `path`,
    // QueryError(kExitWrongSchema) if its schema version is not ours,
    // QueryError(kExitSoftware) for any other failure to open it.
    explicit NewsDatabase(std::string path);

    const Xapian::Database& xapian() const { return db_; }
    const std::string& path() const { return path_; }
    // The database's default stemming language.
    const std::string& language() const { return language_; }

    // Runs `work` against the database; if Xapian reports that a writer
    // changed the database under us (DatabaseModifiedError), reopens it and
    // runs `work` again (a few times), so readers never fail during cron
    // ingests. Other Xapian errors become QueryError(kExitSoftware) naming
    // the database; QueryError and other exceptions pass through untouched.
    // `work` may therefore run more than once: it must not print or keep
    // state between attempts, only compute and return.
    template <typename Work>
    auto with_retry(Work&& work) -> decltype(work(std::declval<const Xapian::Database&>()));

    // Attempts with_retry makes before giving up on a database that keeps
    // changing (then QueryError(kExitSoftware)).
    static constexpr int kMaxAttempts = 5;

  private:
    std::string path_;
    std::string language_;
    Xapian::Database db_;
    void reopen();
    [[noreturn]] void fail(const Xapian::Error& e) const;
};

}  // namespace newsindex::query

#include "query/database_retry.inl"
