// How newsindex ends, and the one error type the indexer library throws.
// Exit codes follow sysexits.h so that cron jobs and scripts can tell a bad
// record from a full disk from a busy database. `newsindex --help` lists
// them from kTable below, and README.md's table holds the same codes
// (tests/cli/exit_codes_test.cpp checks).
#pragma once

#include "cli/exit_codes.h"
#include "schema/error.h"
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

// The codes above as newsindex --help lists them.
inline constexpr cli::ExitCode kTable[] = {
    {kOk, "every input was indexed"},
    {kUsage, "bad command line"},
    {kDataError, "some records or files were rejected (each named on stderr); the good ones were "
                 "indexed (with --strict: nothing was)"},
    {kNoInput, "an INPUT does not exist or cannot be read; the others were indexed"},
    {kSoftware, "internal error"},
    {kCantCreate, "the database cannot be created or opened for writing (a directory that is not "
                  "a newsindex database; a lost shard list: see --repair)"},
    {kIoError, "writing failed (disk full, I/O error); the database is as at the last completed "
               "batch, or as the message says; or the database is damaged (the message names "
               "the file and what to do) and nothing was written"},
    {kLocked, "another newsindex run holds the database (see --wait)"},
    {kWrongSchema, "the database has another schema version"},
    {kInterruptedBase + 2, "interrupted by SIGINT: stopped at the next safe point, its work files "
                           "removed, one line saying what was kept: the batches committed before "
                           "the signal (a bulk load or a --strict run keeps nothing); run the same "
                           "command again to complete it"},
    {kInterruptedBase + 15, "interrupted by SIGTERM, as by SIGINT"},
};

}  // namespace newsindex::indexer::exit_code

namespace newsindex::indexer {

// A failure that ends the run (schema/error.h): its message and the exit
// code above that newsindex ends with.
using IndexError = schema::Error;

}  // namespace newsindex::indexer
