// newsindex's command line: its options and --help, and the one place that
// turns a command line it cannot read into a line on stderr and exit 64.
#pragma once

#include "indexer/ingest.h"

#include <optional>

namespace newsindex::indexer {

// What a newsindex run was asked to do.
struct CommandLine {
    // The inputs and every option; the database resolved (--db, else
    // $NEWSINDEX_DB, else the default), progress shown only on a terminal
    // and without --quiet.
    IngestOptions ingest;
    bool repair = false;        // --repair: no INPUT
    bool quiet = false;         // no summary line
    bool json_summary = false;  // the summary as JSON on stdout
    // Set when the run ends here: 0 after --help or --version (printed on
    // stdout); exit_code::kUsage after a command line newsindex cannot read,
    // said in one line on stderr ("newsindex: unknown option --bogus (see
    // newsindex --help)").
    std::optional<int> exit_code;
};

// Reads main's argc and argv.
CommandLine parse_command_line(int argc, const char* const* argv);

}  // namespace newsindex::indexer
