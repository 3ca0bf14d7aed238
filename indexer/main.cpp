// newsindex: ingest captures of news articles into a newsindex database.
// parse_command_line reads the options (and answers --help, --version and
// a bad command line); the run is ingest() or repair_database().
#include "indexer/command_line.h"
#include "indexer/exit_codes.h"
#include "indexer/ingest.h"
#include "indexer/repair.h"
#include "storage/interruption.h"

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    namespace indexer = newsindex::indexer;
    namespace exit_code = newsindex::indexer::exit_code;

    const indexer::CommandLine line = indexer::parse_command_line(argc, argv);
    if (line.exit_code) return *line.exit_code;
    try {
        if (line.repair) {
            for (const std::string& report : indexer::repair_database(line.ingest.writer)) {
                fmt::print(stderr, "newsindex: {}\n", report);
            }
            return exit_code::kOk;
        }
        newsindex::storage::catch_interruptions();
        indexer::IngestSummary summary = indexer::ingest(line.ingest);
        if (!line.quiet) fmt::print(stderr, "{}\n", summary.line());
        if (line.json_summary) fmt::print("{}\n", summary.json());
        return summary.exit_code();
    } catch (const indexer::IndexError& error) {
        fmt::print(stderr, "newsindex: {}\n", error.what());
        return error.exit_code();
    } catch (const std::exception& error) {
        fmt::print(stderr, "newsindex: internal error: {}\n", error.what());
        return exit_code::kSoftware;
    }
}
