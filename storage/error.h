// The error type the storage library throws (schema::Error), and the exit codes its
// failures carry. Exit codes follow sysexits.h, so that cron jobs and
// scripts can tell a damaged database from a busy one. The indexer uses
// this type and these codes under its own names (indexer/exit_codes.h).
#pragma once

#include "schema/error.h"

namespace newsindex::storage::exit_code {

// EX_NOINPUT: no database at the path (a reader's failure; for the indexer,
// an input that cannot be read).
inline constexpr int kNoInput = 66;
// EX_SOFTWARE: an unexpected internal error (a bug: please report it).
inline constexpr int kSoftware = 70;
// EX_CANTCREAT: the database cannot be created or opened for writing
// (read-only directory, a directory that is not a newsindex database, a
// database whose shard list is lost: see newsindex --repair).
inline constexpr int kCantCreate = 73;
// EX_IOERR: writing failed (disk full, I/O error): the database is as it
// was at the last completed batch, or holds a batch half committed, as the
// message says. Also a damaged database (a missing shard, a damaged table),
// found before anything was written.
inline constexpr int kIoError = 74;
// EX_TEMPFAIL: another run holds the database lock (and --wait expired);
// for a reader, a batch that stays half committed.
inline constexpr int kLocked = 75;
// EX_CONFIG: the database has another schema version.
inline constexpr int kWrongSchema = 78;
// Interrupted by a signal, plus its number, as a shell reports a command a
// signal ended: 130 for SIGINT, 143 for SIGTERM (interruption.h). The run
// stopped at a safe point and kept its committed batches only.
inline constexpr int kInterruptedBase = 128;

}  // namespace newsindex::storage::exit_code

namespace newsindex::storage {

// A failure on the database (schema/error.h): a message a person can act
// on (never a raw Xapian message alone) and one of the exit codes above.
using StorageError = schema::Error;

}  // namespace newsindex::storage
