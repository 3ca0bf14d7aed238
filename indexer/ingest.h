// A newsindex run: read every input, decide what the captures change, write
// it, report what happened.
//
// A run holds the database's write lock from start to end and goes in three
// steps:
//   1. read: every capture is parsed (on all cores) and kept in a
//      CaptureLog — its record in a spool file in the database's staging
//      directory, its article, time and content hash in memory;
//   2. plan: each article's captures are merged with the versions the
//      database holds (plan_versions), so revisions are exact however the
//      captures are spread over the input, and the run knows how many
//      versions it adds;
//   3. write: when the run adds many versions (bulk_loader.h: at least
//      20,000, and at least a tenth of the database's size; --bulk
//      overrides), as a bulk load that builds the next generation of the
//      database and switches to it atomically; otherwise in place, in
//      batches of batch_size captures in input order, each planned and
//      committed on its own (IndexWriter::write_batch).
// Nothing is written before the input has been read, so a --strict run
// that meets a bad record stops having written nothing.
#pragma once

#include "indexer/bulk_loader.h"
#include "indexer/index_writer.h"
#include "indexer/ingest_summary.h"

#include <cstddef>
#include <string>
#include <vector>

namespace newsindex::indexer {

struct IngestOptions {
    std::vector<std::string> inputs;   // files, directories, "-" for stdin
    InputFormat format = InputFormat::kAuto;  // --input-format: forced for every INPUT
    // Database, language, --wait, --strict; writer.threads also bounds the
    // threads parsing the input.
    WriterOptions writer;
    // Captures per committed batch when writing in place: bounds the work a
    // killed run loses. A bulk load is committed as a whole.
    std::size_t batch_size = 5000;
    BulkPolicy bulk = BulkPolicy::kAuto;
    bool show_progress = false;        // the caller decides: stderr a TTY, not --quiet
};

// Runs newsindex with `options`. Each input is read from where the last
// completed run stopped (its cursor, IndexWriter::cursors), and the run's
// cursors are committed with its last batch (or its bulk load, or alone
// when it wrote nothing). Each rejected record, file or path, and each
// reported Skip, is printed on stderr (its message()) as it is met, and
// reading goes on —
// unless options.writer.strict, where the first rejection ends the run
// before anything is written and throws IndexError(kDataError, or kNoInput
// for an unreadable INPUT). Throws IndexError when the database cannot be
// opened or written; it then stays at its last durable state (the last
// committed batch; for a bulk load, as before the run). The summary's
// exit_code() says whether everything was read.
IngestSummary ingest(const IngestOptions& options);

}  // namespace newsindex::indexer
