#include "storage/write_failure.h"

#include "storage/database_damage.h"
#include "storage/database_directory.h"

#include <fmt/format.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace newsindex::storage {

std::string describe(const Xapian::Error& error) {
    const char* reason = error.get_error_string();
    if (reason && *reason) return fmt::format("{} ({})", error.get_msg(), reason);
    return error.get_msg();
}

StorageError database_failure(const Xapian::Error& error, const std::string& path) {
    // Xapian::Error has no virtual functions; its type name tells the kinds apart.
    std::string_view type = error.get_type();
    if (type == "DatabaseVersionError") {
        return StorageError(fmt::format("database {} has a format this Xapian cannot write: {}",
                                        path, describe(error)),
                            exit_code::kWrongSchema);
    }
    if (type == "DatabaseLockError" || type == "DatabaseOpeningError" ||
        type == "DatabaseNotFoundError" || type == "DatabaseCreateError") {
        return StorageError(fmt::format("cannot open database {} for writing: {}", path,
                                        describe(error)),
                            exit_code::kCantCreate);
    }
    // Reading a block failed (a short file, an I/O error) or gave nonsense:
    // the database is damaged, not the disk full.
    if (type == "DatabaseCorruptError" ||
        (type == "DatabaseError" && error.get_msg().find("read") != std::string::npos)) {
        return damaged_database(path, find_damage(path, DatabaseDirectory(path).shards_in_use(),
                                                  /*changed_only=*/false)
                                           .value_or(describe(error)));
    }
    if (type == "DatabaseError") return write_failure(path, describe(error));
    return StorageError(fmt::format("unexpected error on database {}: {}: {}", path, type,
                                    describe(error)),
                        exit_code::kSoftware);
}

StorageError write_failure(const std::string& path, const std::string& reason) {
    return StorageError(fmt::format("writing database {} failed: {}; the database is as at its "
                                    "last commit",
                                    path, reason),
                        exit_code::kIoError);
}

StorageError write_failure(const std::string& path,
                           const std::filesystem::filesystem_error& error) {
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
[[noreturn]] void end_with(const StorageError& failure) {
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

}  // namespace newsindex::storage
