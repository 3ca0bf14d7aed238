// Stopping a run early when it is asked to: on SIGTERM or SIGINT, newsindex
// ends at the next safe point instead of dying where it stands, removes its
// work files and says in one line what it kept.
//
// The signal handler does nothing but record the signal (an atomic, as
// async-signal-safe as a sig_atomic_t); the run looks at it at its safe
// points (interruption_point), where stopping leaves the database whole:
//   - while waiting for another run's lock (--wait), and while reading the
//     input, before each capture is spooled (nothing has been written to
//     the database yet);
//   - before each batch written in place (a batch commits atomically, so
//     the batches before it are kept);
//   - during a bulk load, before each version put in a part, and between
//     the tables of the compaction (Xapian::Compactor::set_status): the
//     load is abandoned and the database stays as before the run.
// There interruption_point throws Interrupted; ingest() (and, for the
// lock, open_for_writing) turns it into a StorageError whose exit code is
// 128 + the signal number (130 for SIGINT, 143 for SIGTERM) and whose
// message says what was kept, and unwinding (IndexWriter's destructor)
// removes the staging files and any unpublished generation. A run whose
// last safe point is behind it when the signal comes simply finishes.
//
// A second signal while stopping ends the process at once, as the signal's
// default action does; the database is then as after SIGKILL: consistent,
// with leftovers the next run removes.
#pragma once

#include "storage/error.h"

#include <exception>
#include <string>
#include <string_view>

namespace newsindex::storage {

// Installs the handlers of SIGTERM and SIGINT for the rest of the process,
// except for a signal the process was started with ignored (nohup, a
// background job of a non-interactive shell), which stays ignored. Reads
// and writes interrupted by a signal are restarted (SA_RESTART): a run
// blocked reading an idle standard input stops once more input comes or
// the input ends (a second signal ends it at once).
void catch_interruptions();

// The signal that asked the run to stop (SIGTERM or SIGINT), or 0.
int interruption_signal();

// Thrown at a safe point once a signal has asked the run to stop.
class Interrupted : public std::exception {
  public:
    explicit Interrupted(int signal);
    int signal() const { return signal_; }
    // 128 + signal(): how a shell reports a command a signal ended.
    int exit_code() const;
    // "interrupted by SIGTERM"
    const char* what() const noexcept override { return message_.c_str(); }

  private:
    int signal_;
    std::string message_;
};

// A safe point of the run: throws Interrupted when a signal has asked it to
// stop. Cheap enough to call for every capture. May be called from any
// thread.
//
// `name` is for tests, which need the run at a given point when they send
// the signal: with NEWSINDEX_TEST_PAUSE_AT=NAME (or NAME#N, the N-th time
// that point is reached, N = 1 by default; or NAME#N,M,…, each of those
// times) and NEWSINDEX_TEST_PAUSED_FILE set, the run creates that file when
// it gets there and waits for a signal, or for the test to remove the file
// (at most five minutes), before going on. The names: "lock" (each retry
// of another run's lock), "read" (each capture), "batch" (each batch in
// place), "part" (a bulk load's parts, at each commit of one), "version"
// (each version put in a part), "compaction" (each table the compaction
// starts).
void interruption_point(std::string_view name);

// A step of a storage transition that is not a safe point: never throws,
// only pauses for tests as interruption_point does, so that a test can kill
// the run (SIGKILL) exactly there and check what the step leaves
// (doc/storage.md, section 3). The names: "recent-created" (R1: a recent
// shard created, not yet listed), "shard-list" (each publication, between
// the marker's copy and XAPIANDB: B4, R2), "published" (B5: XAPIANDB
// names the new generation; a plain database's version file still there),
// "adopted" (B3: the new generation committed, not yet published),
// "generation-commit" (P3: the recent shard committed, the generation not),
// "layout-read" (a writer's opening, each attempt: the state read, its
// database not yet opened and locked), "lock-released" (B7: the old
// database's handles and lock let go, its files not yet removed).
void pause_point(std::string_view name);

// The error an interrupted run ends with: "interrupted by SIGTERM: KEPT;
// run the same command again to complete it", with `kept` saying what of
// the run the database holds, and exit code 128 + the signal number.
StorageError interrupted_run(const Interrupted& stop, std::string_view kept);

}  // namespace newsindex::storage
