// newsindex: ingest captures of news articles into a newsindex database.
#include "indexer/exit_codes.h"
#include "indexer/ingest.h"
#include "indexer/interruption.h"
#include "indexer/progress.h"
#include "indexer/repair.h"
#include "schema/database_format.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

#include <cstdio>
#include <map>
#include <optional>
#include <thread>

namespace {

constexpr const char* kFooter = R"(Inputs: JSON Lines files (plain or gzip), directories (walked recursively,
in sorted order), "-" for standard input. One document is kept per distinct
version of each article; captures already indexed are skipped, so running the
same command twice, or again after it was killed, is safe.

Writing: a run reads all its input first, then writes. A run that adds at
least 20,000 versions, and at least a tenth as many as the database holds,
is loaded in bulk: fresh sub-databases built on all cores are merged with the
database into a new one, packed, that replaces it atomically when complete
(killed before that, the database is as before the run). Smaller runs add in
place, committing every --batch-size captures: after a bulk load, to a small
recent shard searched with it, until the shard with a run reaches that size
(20,000 and a tenth of the rest), and the run merges it in bulk. --bulk
always or never overrides the rule; --bulk always rewrites the database
packed, in one shard, even when the run adds nothing.

Database: --db PATH, else $NEWSINDEX_DB, else $XDG_DATA_HOME/newsindex/db,
else ~/.local/share/newsindex/db. A new database is made only in a missing or
empty directory. --repair rebuilds a lost shard list (XAPIANDB), completes a
batch a failed run left half committed, and checks the database.

Exit codes:
   0  every input was indexed
  64  bad command line
  65  some records or files were rejected (each named on stderr); the good
      ones were indexed (with --strict: nothing was)
  66  an INPUT does not exist or cannot be read; the others were indexed
  70  internal error
  73  the database cannot be created or opened for writing (a directory that
      is not a newsindex database; a lost shard list: see --repair)
  74  writing failed (disk full, I/O error); the database is as at the last
      completed batch, or as the message says; or the database is damaged
      (the message names the file and what to do) and nothing was written
  75  another newsindex run holds the database (see --wait)
  78  the database has another schema version
 130  interrupted by SIGINT (143: by SIGTERM): stopped at the next safe point,
      its work files removed, one line saying what was kept: the batches
      committed before the signal (a bulk load or a --strict run keeps
      nothing); run the same command again to complete it
)";

}  // namespace

int main(int argc, char** argv) {
    namespace indexer = newsindex::indexer;
    namespace exit_code = newsindex::indexer::exit_code;

    CLI::App app{"newsindex: index captures of news articles, one document per version"};
    app.footer(kFooter);
    app.set_version_flag("--version",
                         fmt::format("newsindex {} (schema {}, Xapian {})", NEWSINDEX_VERSION,
                                     newsindex::schema::kSchemaVersion, Xapian::version_string()));

    indexer::IngestOptions options;
    std::optional<std::string> db_flag;
    std::optional<double> wait;
    bool quiet = false;
    bool json_summary = false;
    bool repair = false;
    app.add_option("INPUT", options.inputs, "JSON Lines file (.jsonl, .jsonl.gz), directory, or -");
    app.add_flag("--repair", repair,
                 "rebuild a lost shard list, complete a half-committed batch, check; no INPUT");
    app.add_option("--db", db_flag, "database path (see below)");
    app.add_option("--language", options.writer.language,
                   "language of records without one, for a new database (ISO 639-1)")
        ->default_val(newsindex::schema::kDefaultLanguage);
    app.add_option("--wait", wait, "wait up to SECONDS for another run to release the database")
        ->check(CLI::NonNegativeNumber);
    app.add_flag("--strict", options.writer.strict,
                 "stop at the first rejected record and keep nothing of this run");
    app.add_option("--batch-size", options.batch_size, "captures per committed batch (in place)")
        ->default_val(5000)
        ->check(CLI::Range(1, 10'000'000));
    app.add_option("--bulk", options.bulk, "auto, always or never: load the run in bulk (see below)")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, indexer::BulkPolicy>{{"auto", indexer::BulkPolicy::kAuto},
                                                       {"always", indexer::BulkPolicy::kAlways},
                                                       {"never", indexer::BulkPolicy::kNever}}))
        ->default_str("auto");
    app.add_option("--threads", options.writer.threads, "threads parsing input and building documents")
        ->default_val(std::max(1u, std::thread::hardware_concurrency()))
        ->check(CLI::Range(1, 1024));
    app.add_flag("--quiet,-q", quiet, "no progress indicator and no summary line");
    app.add_flag("--json-summary", json_summary, "write the run's summary as JSON on stdout");

    try {
        app.parse(argc, argv);
        if (repair == !options.inputs.empty()) {
            throw CLI::ValidationError("INPUT", repair ? "--repair takes no INPUT"
                                                       : "give at least one INPUT");
        }
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? 0 : exit_code::kUsage;
    }

    options.writer.database = newsindex::schema::resolve_database_path(db_flag);
    options.writer.wait_seconds = wait;
    options.show_progress = !quiet && indexer::Progress::stderr_is_terminal();
    try {
        if (repair) {
            for (const std::string& line : indexer::repair_database(options.writer)) {
                fmt::print(stderr, "newsindex: {}\n", line);
            }
            return exit_code::kOk;
        }
        indexer::catch_interruptions();
        indexer::IngestSummary summary = indexer::ingest(options);
        if (!quiet) fmt::print(stderr, "{}\n", summary.line());
        if (json_summary) fmt::print("{}\n", summary.json());
        return summary.exit_code();
    } catch (const indexer::IndexError& error) {
        fmt::print(stderr, "newsindex: {}\n", error.what());
        return error.exit_code();
    } catch (const std::exception& error) {
        fmt::print(stderr, "newsindex: internal error: {}\n", error.what());
        return exit_code::kSoftware;
    }
}
