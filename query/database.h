// Opening the index for reading.
#pragma once

#include "schema/error.h"

#include <xapian.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace newsindex::query {

// Every error the query library reports to its caller (schema/error.h): a
// message a person can act on, and the exit code the command should end with.
using QueryError = schema::Error;

// Exit codes of newsquery (documented in README.md and --help).
inline constexpr int kExitFound = 0;
inline constexpr int kExitNothingFound = 1;   // grep's convention
inline constexpr int kExitBadQuery = 2;       // also bad usage
inline constexpr int kExitNoDatabase = 66;    // EX_NOINPUT
inline constexpr int kExitWrongSchema = 78;    // EX_CONFIG: database of another schema version
inline constexpr int kExitSoftware = 70;      // EX_SOFTWARE: unexpected Xapian error
inline constexpr int kExitDamaged = 74;       // EX_IOERR: a file of the database is missing or damaged
inline constexpr int kExitHalfCommitted = 75;  // EX_TEMPFAIL: a batch stays half committed

// A read-only handle on a newsindex database.
//
// It is opened through the storage library (storage/database_reader.h),
// which reads the layout afresh at every opening: the plain database, or
// the shards its list XAPIANDB names, each opened itself, never by
// Xapian's reopen(). The two shards of a generation and its recent shard
// are one state only if the recent shard is not ahead of the generation
// (storage::half_committed): a writer commits a batch to the recent shard,
// then to the generation, and a reader that opens in between, or opened
// the generation before the batch, is opened again, pausing a little
// longer each time, for up to the constructor's half_commit_budget (10 s by
// default). A batch still half committed then (the writer failed or was
// killed there) is QueryError(kExitHalfCommitted) telling the user to run
// newsindex --repair.
class NewsDatabase {
  public:
    // Throws QueryError(kExitNoDatabase) if there is no database at `path`,
    // QueryError(kExitWrongSchema) if its schema version is not ours,
    // QueryError(kExitDamaged) naming the file and the recovery if its
    // shard list or a shard it names is missing or unreadable,
    // QueryError(kExitHalfCommitted) as above, QueryError(kExitSoftware)
    // for any other failure to open it.
    explicit NewsDatabase(std::string path,
                          std::chrono::milliseconds half_commit_budget = kDefaultHalfCommitBudget);

    const Xapian::Database& xapian() const { return db_; }
    const std::string& path() const { return path_; }
    // The database's default stemming language.
    const std::string& language() const { return language_; }

    // Runs `work` against the database; if Xapian reports that a writer
    // changed the database under us (DatabaseModifiedError: the revision
    // being read was overwritten by the writer's next commit but one) or a
    // shard is gone (a bulk load replaced it), opens it again from its
    // shard list, as the constructor does, and runs `work` again, pausing a
    // little longer after each failure so that a run of quick commits can
    // pass, until retry_budget() has gone by (then QueryError(kExitSoftware)
    // saying so). Readers thus do not fail during cron ingests. Other Xapian
    // errors become QueryError(kExitSoftware) naming the database;
    // QueryError and other exceptions pass through untouched. `work` may
    // therefore run more than once: it must not print or keep state between
    // attempts, only compute and return.
    template <typename Work>
    auto with_retry(Work&& work) -> decltype(work(std::declval<const Xapian::Database&>()));

    // How long with_retry keeps retrying a database that keeps changing.
    static constexpr std::chrono::milliseconds kDefaultRetryBudget{30'000};
    // How long opening waits for a writer to commit the generation's part
    // of a batch it committed to the recent shard.
    static constexpr std::chrono::milliseconds kDefaultHalfCommitBudget{10'000};
    std::chrono::milliseconds retry_budget() const { return retry_budget_; }
    void set_retry_budget(std::chrono::milliseconds budget) { retry_budget_ = budget; }

  private:
    std::string path_;
    std::string language_;
    Xapian::Database db_;
    std::chrono::milliseconds retry_budget_ = kDefaultRetryBudget;
    std::chrono::milliseconds half_commit_budget_;
    // After attempt `attempt` failed with `error`: gives up (fail) once
    // `deadline` has passed, else pauses and reopens the database.
    void before_retry(const Xapian::Error& error, int attempt,
                      std::chrono::steady_clock::time_point deadline);
    // Opens the database from its shard list, waiting out a half-committed
    // batch (see above).
    void reopen();
    [[noreturn]] void fail(const Xapian::Error& e) const;
};

}  // namespace newsindex::query

#include "query/database_retry.inl"
