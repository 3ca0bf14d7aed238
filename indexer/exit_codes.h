// How newsindex ends, and the one error type the indexer library throws
// (the storage library's, storage/error.h). Exit codes follow sysexits.h so
// that cron jobs and scripts can tell a bad record from a full disk from a
// busy database. `newsindex --help` lists them (indexer/command_line.cpp);
// keep the two in step.
#pragma once

#include "storage/error.h"

namespace newsindex::indexer::exit_code {

// Every input was read and every record indexed (or already there).
inline constexpr int kOk = 0;
// EX_USAGE: bad command line (unknown option, --batch-size 0, a --language
// Xapian cannot stem).
inline constexpr int kUsage = 64;
// EX_DATAERR: some records or files were rejected (each named on stderr);
// the good ones were indexed. With --strict: nothing of the run was kept.
inline constexpr int kDataError = 65;
// EX_NOINPUT: an INPUT named on the command line does not exist or cannot
// be read; the other inputs were still indexed. Takes precedence over 65.
inline constexpr int kNoInput = 66;
// The database's own failures (storage/error.h): 70 (a bug), 73 (cannot be
// created or opened for writing), 74 (writing failed, or a damaged
// database), 75 (locked by another run), 78 (another schema version), and
// 128 + a signal's number for a run a signal stopped.
using storage::exit_code::kCantCreate;
using storage::exit_code::kInterruptedBase;
using storage::exit_code::kIoError;
using storage::exit_code::kLocked;
using storage::exit_code::kSoftware;
using storage::exit_code::kWrongSchema;

}  // namespace newsindex::indexer::exit_code

namespace newsindex::indexer {

// A failure that ends the run: a message a person can act on and the exit
// code the command ends with.
using IndexError = storage::StorageError;

}  // namespace newsindex::indexer
