#include "indexer/command_line.h"

#include "cli/usage.h"
#include "indexer/exit_codes.h"
#include "indexer/progress.h"
#include "schema/database_format.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace newsindex::indexer {

namespace {

constexpr const char* kFooter = R"(Inputs: JSON Lines files (plain or gzip), text snapshot trees, diffengine and
NewsEdits SQLite databases, NewsDiffs git repositories, WARC files (.warc,
.warc.gz); directories are walked recursively, in sorted order; "-" is
standard input (JSON Lines). Each file is told by its content unless
--input-format forces one. One document is kept per distinct version of each
article; captures already indexed are skipped, so running the same command
twice, or again after it was killed, is safe.

Re-runs (cron): the database keeps where each input's reading stopped, in
the same commit as the versions read. A file unchanged since (size,
modification time, fingerprint) is not read again, a JSON Lines file that
grew is read from where it ended, a last line without its newline waits for
the next run, and a rejected record is reported once.

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
)";

const std::vector<std::pair<std::string, BulkPolicy>> kBulkPolicies{
    {"auto", BulkPolicy::kAuto}, {"always", BulkPolicy::kAlways}, {"never", BulkPolicy::kNever}};

const std::vector<std::pair<std::string, InputFormat>> kInputFormats{
    {"auto", InputFormat::kAuto},         {"jsonl", InputFormat::kJsonLines},
    {"snapshot", InputFormat::kSnapshot}, {"diffengine", InputFormat::kDiffengine},
    {"newsedits", InputFormat::kNewsEdits}, {"newsdiffs", InputFormat::kNewsDiffs},
    {"warc", InputFormat::kWarc}};

// An option taking one of `choices` by name into `target`; its help is the
// names, then `help`.
template <typename Value>
CLI::Option* add_choice(CLI::App& app, const std::string& name,
                        const std::vector<std::pair<std::string, Value>>& choices, Value& target,
                        const std::string& help) {
    std::vector<std::string> names;
    for (const auto& [known, value] : choices) names.push_back(known);
    return app
        .add_option_function<std::string>(
            name,
            [&choices, &target](const std::string& chosen) {
                for (const auto& [known, value] : choices) {
                    if (chosen == known) target = value;
                }
            },
            fmt::format("{}: {}", fmt::join(names, ", "), help))
        ->check(cli::one_of(names));
}

// Adds every option of newsindex to `app`; --db and --wait go to `db` and
// `wait`.
void add_options(CLI::App& app, CommandLine& line, std::optional<std::string>& db,
                 std::optional<double>& wait) {
    IngestOptions& ingest = line.ingest;
    app.add_option("INPUT", ingest.inputs,
                   "JSON Lines file (.jsonl, .jsonl.gz), directory, SQLite database, git "
                   "repository, WARC file, or - for standard input (see Inputs below)")
        ->type_name("");
    app.add_flag("--repair", line.repair,
                 "Rebuild a lost shard list, complete a half-committed batch, check; no INPUT");
    app.add_option("--db", db, "Database directory (see Database below)")->type_name("PATH");
    app.add_option("--language", ingest.writer.language,
                   fmt::format("Language of records without one, for a new database (ISO 639-1; "
                               "default: {})",
                               ingest.writer.language))
        ->type_name("CODE");
    app.add_option("--wait", wait,
                   "Wait up to SECONDS for another run to release the database (default: exit 75 "
                   "at once)")
        ->type_name("SECONDS")
        ->check(cli::seconds(true));
    app.add_flag("--strict", ingest.writer.strict,
                 "Stop at the first rejected record and keep nothing of this run");
    app.add_option("--batch-size", ingest.batch_size,
                   fmt::format("Captures per committed batch, in place (default: {})",
                               ingest.batch_size))
        ->type_name("N")
        ->transform(cli::whole_number(1, 10'000'000));
    add_choice(app, "--bulk", kBulkPolicies, ingest.bulk,
               "load the run in bulk (default: auto; see Writing below)")
        ->type_name("WHEN");
    add_choice(app, "--input-format", kInputFormats, ingest.format,
               "read every INPUT as this (default: auto, told by content)")
        ->type_name("FORMAT");
    app.add_option("--threads", ingest.writer.threads,
                   "Threads parsing input and building documents (default: one per core)")
        ->type_name("N")
        ->transform(cli::whole_number(1, 1024));
    app.add_flag("--quiet,-q", line.quiet, "No progress indicator and no summary line");
    app.add_flag("--json-summary", line.json_summary, "Write the run's summary as JSON on stdout");
}

int refuse(const std::string& problem) {
    fmt::print(stderr, "newsindex: {} (see newsindex --help)\n", problem);
    return exit_code::kUsage;
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
    CommandLine line;
    std::optional<std::string> db;
    std::optional<double> wait;
    CLI::App app{"newsindex: index captures of news articles, one document per version"};
    cli::name_program(app, "newsindex");
    app.footer(fmt::format("{}\n{}", kFooter, cli::exit_codes_help(exit_code::kTable)));
    add_options(app, line, db, wait);
    cli::take_last_values(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& success) {
        line.exit_code = app.exit(success);  // --help, --version: printed on stdout
        return line;
    } catch (const CLI::ParseError& error) {
        line.exit_code = refuse(cli::refusal(app, error));
        return line;
    }
    if (line.repair && !line.ingest.inputs.empty()) {
        line.exit_code = refuse("--repair takes no INPUT");
        return line;
    }
    if (!line.repair && line.ingest.inputs.empty()) {
        line.exit_code = refuse("give at least one INPUT: a JSON Lines file, a directory, or -");
        return line;
    }
    line.ingest.writer.database = schema::resolve_database_path(db);
    line.ingest.writer.wait_seconds = wait;
    line.ingest.show_progress = !line.quiet && Progress::stderr_is_terminal();
    return line;
}

}  // namespace newsindex::indexer
