// How newsindex ends, and the one error type the indexer library throws.
// Exit codes follow sysexits.h so that cron jobs and scripts can tell a bad
// record from a full disk from a busy database. `newsindex --help` lists
// them from kTable below, and README.md's table holds the same codes
// (tests/cli/exit_codes_test.cpp checks).
#pragma once

#include "cli/exit_codes.h"
#include "schema/error.h"

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
// EX_TEMPFAIL: another run holds the database lock (and --wait expired).
inline constexpr int kLocked = 75;
// EX_CONFIG: the database has another schema version.
inline constexpr int kWrongSchema = 78;
// Interrupted by a signal, plus its number, as a shell reports a command a
// signal ended: 130 for SIGINT, 143 for SIGTERM (interruption.h). The run
// stopped at a safe point and kept its committed batches only.
inline constexpr int kInterruptedBase = 128;

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
