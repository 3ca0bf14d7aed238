#include "storage/writable_database.h"

#include "schema/database_format.h"
#include "storage/database_directory.h"
#include "storage/interruption.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>
#include <variant>

namespace newsindex::storage {

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
        const DatabaseState before = directory.state();
        pause_point("layout-read");
        // Never a new database over a lost shard list, whatever a run did
        // since check_for_writing.
        directory.refuse_writing(before);
        int flags =
            std::holds_alternative<Empty>(before) ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        try {
            // The generation alone: its recent shard is the writer's to open.
            const Generations* generations = std::get_if<Generations>(&before);
            Xapian::WritableDatabase db(
                generations ? (directory.path() / generations->shards.front()).string() : path,
                flags);
            if (directory.state() == before) return db;
            db.close();
            continue;
        } catch (const Xapian::DatabaseLockError& error) {
            if (!held_by_another_writer(error)) throw;
            if (!wait_seconds) {
                throw StorageError(fmt::format("database {} is locked by another newsindex "
                                               "run; try --wait SECONDS",
                                               path),
                                   exit_code::kLocked);
            }
            if (Clock::now() >= deadline) {
                throw StorageError(fmt::format("database {} is still locked by another "
                                               "newsindex run after waiting {} s",
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
        throw StorageError(fmt::format("cannot create the database directory {}: {}",
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
            throw StorageError(fmt::format("cannot open database {} for writing: {} ({})", path,
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
        throw StorageError(error.what(), exit_code::kWrongSchema);
    } catch (const Xapian::Error& error) {
        throw database_failure(error, path);
    } catch (const std::filesystem::filesystem_error& error) {
        throw write_failure(path, error);
    }
}

}  // namespace newsindex::storage
