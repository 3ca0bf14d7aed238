#include "indexer/writable_database.h"

#include "indexer/database_damage.h"
#include "indexer/database_directory.h"
#include "indexer/interruption.h"
#include "schema/database_format.h"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace newsindex::indexer {

namespace {

constexpr auto kLockRetryInterval = std::chrono::milliseconds(200);

bool held_by_another_writer(const Xapian::DatabaseLockError& error) {
    // Xapian says "already locked" when another process holds the lock; any
    // other lock failure (permissions, no locking support) will not go away
    // by waiting.
    return error.get_msg().ends_with("already locked");
}

// Opens PATH for writing, waiting for another writer's lock if allowed. A
// bulk load may replace the database while we wait (database_directory.h):
// the database locked must still be the current one when the lock is
// granted, else we let it go and try again. An existing database is opened
// with DB_OPEN only, so a generation removed under us is never re-created.
Xapian::WritableDatabase open_waiting(const std::string& path,
                                      std::optional<double> wait_seconds) {
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(wait_seconds.value_or(0)));
    DatabaseDirectory directory(path);
    for (;;) {
        std::string before = directory.state();
        int flags = before == "none" ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        try {
            // The generation alone: its recent shard is the writer's to open.
            Xapian::WritableDatabase db(directory.current().string(), flags);
            if (directory.state() == before) return db;
            db.close();
            continue;
        } catch (const Xapian::DatabaseLockError& error) {
            if (!held_by_another_writer(error)) throw;
            if (!wait_seconds) {
                throw IndexError(fmt::format("database {} is locked by another newsindex run; "
                                             "try --wait SECONDS",
                                             path),
                                 exit_code::kLocked);
            }
            if (Clock::now() >= deadline) {
                throw IndexError(fmt::format("database {} is still locked by another newsindex "
                                             "run after waiting {} s",
                                             path, *wait_seconds),
                                 exit_code::kLocked);
            }
            try {
                interruption_point("lock");
            } catch (const Interrupted& stop) {
                throw interrupted_run(stop, "nothing was written (stopped waiting for another "
                                            "run's lock)");
            }
            std::this_thread::sleep_for(kLockRetryInterval);
        } catch (const Xapian::DatabaseOpeningError&) {
            // Also DatabaseNotFoundError: the database was replaced between
            // reading its layout and opening it.
            if (directory.state() == before) throw;
        }
    }
}

}  // namespace

Xapian::WritableDatabase open_for_writing(const std::string& path, const std::string& language,
                                          std::optional<double> wait_seconds) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
        throw IndexError(fmt::format("cannot create the database directory {}: {}",
                                     parent.string(), ec.message()),
                         exit_code::kCantCreate);
    }
    DatabaseDirectory directory(path);
    try {
        // Our marker goes in first: the directory is ours from its creation.
        if (directory.check_for_writing() && !directory.marked()) directory.mark();
    } catch (const std::filesystem::filesystem_error& error) {
        int reason = error.code().value();
        if (reason == EROFS || reason == EACCES || reason == EPERM) {
            throw IndexError(fmt::format("cannot open database {} for writing: {} ({})", path,
                                         error.path1().string(), error.code().message()),
                             exit_code::kCantCreate);
        }
        throw write_failure(path, error);
    }
    try {
        Xapian::WritableDatabase db = open_waiting(path, wait_seconds);
        schema::check_schema(db, path, /*allow_empty=*/true);
        if (db.get_metadata(schema::kMetaSchemaVersion).empty()) {
            schema::stamp_schema(db, language);
            db.commit();
        }
        // A newsindex database made before markers: adopted on its first write.
        if (!directory.marked()) directory.mark();
        return db;
    } catch (const schema::SchemaError& error) {
        throw IndexError(error.what(), exit_code::kWrongSchema);
    } catch (const Xapian::Error& error) {
        throw database_failure(error, path);
    } catch (const std::filesystem::filesystem_error& error) {
        throw write_failure(path, error);
    }
}

std::string describe(const Xapian::Error& error) {
    const char* reason = error.get_error_string();
    if (reason && *reason) return fmt::format("{} ({})", error.get_msg(), reason);
    return error.get_msg();
}

IndexError database_failure(const Xapian::Error& error, const std::string& path) {
    // Xapian::Error has no virtual functions; its type name tells the kinds apart.
    std::string_view type = error.get_type();
    if (type == "DatabaseVersionError") {
        return IndexError(fmt::format("database {} has a format this Xapian cannot write: {}",
                                      path, describe(error)),
                          exit_code::kWrongSchema);
    }
    if (type == "DatabaseLockError" || type == "DatabaseOpeningError" ||
        type == "DatabaseNotFoundError" || type == "DatabaseCreateError") {
        return IndexError(fmt::format("cannot open database {} for writing: {}", path,
                                      describe(error)),
                          exit_code::kCantCreate);
    }
    // Reading a block failed (a short file, an I/O error) or gave nonsense:
    // the database is damaged, not the disk full.
    if (type == "DatabaseCorruptError" ||
        (type == "DatabaseError" && error.get_msg().find("read") != std::string::npos)) {
        DatabaseDirectory directory(path);
        std::vector<std::filesystem::path> shards{directory.current()};
        if (std::optional<std::filesystem::path> recent = directory.recent()) {
            shards.push_back(*recent);
        }
        return damaged_database(path, find_damage(path, shards, /*changed_only=*/false)
                                           .value_or(describe(error)));
    }
    if (type == "DatabaseError") return write_failure(path, describe(error));
    return IndexError(fmt::format("unexpected error on database {}: {}: {}", path, type,
                                  describe(error)),
                      exit_code::kSoftware);
}

IndexError write_failure(const std::string& path, const std::string& reason) {
    return IndexError(fmt::format("writing database {} failed: {}; the database is as at its "
                                  "last commit",
                                  path, reason),
                      exit_code::kIoError);
}

IndexError write_failure(const std::string& path, const std::filesystem::filesystem_error& error) {
    return write_failure(path,
                         fmt::format("{} ({})", error.path1().string(), error.code().message()));
}

namespace {
// The database a WriteFailureReport speaks for; one writer per process.
std::string report_path;
std::terminate_handler report_previous = nullptr;
// How many WriteFailureReport::Writing scopes are open, on all threads.
std::atomic<int> writes_open{0};

// One line on stderr and the failure's exit code, from a terminate handler:
// nothing is unwound and no exit handler runs.
[[noreturn]] void end_with(const IndexError& failure) {
    std::fprintf(stderr, "newsindex: %s\n", failure.what());
    std::fflush(stderr);
    std::_Exit(failure.exit_code());
}

[[noreturn]] void report_write_failure() {
    const int last_error = errno;  // before anything here can change it
    if (std::exception_ptr current = std::current_exception()) {
        try {
            std::rethrow_exception(current);
        } catch (const Xapian::Error& error) {
            end_with(database_failure(error, report_path));
        } catch (...) {
        }
    } else if (writes_open.load() > 0) {
        end_with(write_failure(
            report_path,
            last_error != 0
                ? fmt::format("Xapian stopped without reporting its error; the last system "
                              "error was: {}",
                              std::strerror(last_error))
                : std::string("Xapian stopped without reporting its error")));
    }
    if (report_previous) report_previous();
    std::abort();
}
}  // namespace

WriteFailureReport::Writing::Writing() { writes_open.fetch_add(1); }

WriteFailureReport::Writing::~Writing() { writes_open.fetch_sub(1); }

WriteFailureReport::WriteFailureReport(std::string path) {
    report_path = std::move(path);
    report_previous = std::set_terminate(report_write_failure);
    previous_ = report_previous;
}

WriteFailureReport::~WriteFailureReport() { std::set_terminate(previous_); }

}  // namespace newsindex::indexer
