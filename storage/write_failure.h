// Saying in words what went wrong when Xapian could not write: every Xapian
// failure of a writer leaves through database_failure() as a StorageError
// with its exit code.
#pragma once

#include "storage/error.h"

#include <xapian.h>

#include <exception>
#include <filesystem>
#include <string>

namespace newsindex::storage {

// Xapian's own words for `error`, with the system's reason where it gave
// one (for a message that says more around them).
std::string describe(const Xapian::Error& error);

// The StorageError for a Xapian error met while working on the database at
// `path`: the exit code its kind calls for, and a sentence naming the path.
StorageError database_failure(const Xapian::Error& error, const std::string& path);

// The StorageError(kIoError) for a failed write beside the database at `path`
// (its staging files): the same sentence as a Xapian write failure, with
// `reason` (such as strerror's words) in place of Xapian's.
StorageError write_failure(const std::string& path, const std::string& reason);
// The same for a failed file operation beside the database (the file it
// names, and the system's words).
StorageError write_failure(const std::string& path, const std::filesystem::filesystem_error& error);

// Xapian 1.4 can end the process from inside a failed write (a full disk, a
// file-size limit): a second failure while it unwinds from the first, or an
// error that reaches one of its functions that must not throw. The C++
// runtime then calls std::terminate, with Xapian's error as the current
// exception or with none at all. While a WriteFailureReport is alive, such an
// ending is reported like any other failure on the database at `path` (one
// line on stderr, its exit code) instead of aborting: by database_failure
// where Xapian's error is at hand, and otherwise as a write failure with the
// last system error, if a Writing scope is open. Xapian commits are atomic,
// so the database is then as at its last commit, as the message says.
class WriteFailureReport {
  public:
    explicit WriteFailureReport(std::string path);
    ~WriteFailureReport();
    WriteFailureReport(const WriteFailureReport&) = delete;
    WriteFailureReport& operator=(const WriteFailureReport&) = delete;

    // Open around every Xapian call that writes to disk (commits, compaction,
    // additions that may flush), on any thread. Outside one, an ending with no
    // exception is some other fault and aborts as before.
    class Writing {
      public:
        Writing();
        ~Writing();
        Writing(const Writing&) = delete;
        Writing& operator=(const Writing&) = delete;
    };

  private:
    std::terminate_handler previous_;
};

}  // namespace newsindex::storage
