#include "query/cli/export_command.h"

#include "query/cli/command_options.h"
#include "query/engine/version_export.h"
#include "query/format/corpus_record.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace newsindex::query {

namespace {

struct ExportOptions {
    CommonOptions common;
    std::vector<std::string> words;
};

// Refuses to go on once stdout failed (disk full): a cut export must not
// pass for a whole one.
void check_written(std::FILE* out) {
    if (std::ferror(out) == 0) return;
    throw QueryError(fmt::format("newsquery: writing the export failed: {}", std::strerror(errno)),
                     kExitSoftware);
}

int run_export(const ExportOptions& options) {
    ExportRequest request;
    request.text = optional_command_query(options.words);
    request.filters = to_filters(options.common);
    request.time_budget = time_budget(options.common);
    NewsDatabase db = open_database(options.common);
    ExportCount count = export_versions(
        db, request, [](const schema::VersionRecord& version, const schema::CaptureStamp& capture) {
            const std::string line = corpus_record_line(version, capture);
            std::fwrite(line.data(), 1, line.size(), stdout);
            check_written(stdout);
        });
    std::fflush(stdout);
    check_written(stdout);
    return count.captures == 0 ? kExitNothingFound : kExitFound;
}

}  // namespace

void add_export_command(CLI::App& app, Subcommands& commands) {
    auto options = std::make_shared<ExportOptions>();
    CLI::App* cmd = app.add_subcommand(
        "export", "Write the matching versions (all without a query) as newsindex's input");
    cmd->footer(fmt::format(
        "Output: JSON Lines on stdout in the input format of newsindex (corpus/README.md),\n"
        "one record per capture of each version, with its time and sequence (as version),\n"
        "its text and metadata, so that indexing the export gives a database with the\n"
        "same versions, revisions, captures and answers:\n"
        "  newsquery export source:bbc > bbc.jsonl && newsindex --db copy bbc.jsonl\n"
        "Every matching version, not one per article; articles in a stable order, each\n"
        "article's versions by revision, their captures in order. The filters select\n"
        "versions as search's do; --as-of also leaves out captures made after its time.\n"
        "Records of versions without a language are stemmed, when indexed, in the new\n"
        "database's language: give newsindex the same --language as the first. Nothing\n"
        "matching: no output, exit 1. --timeout bounds finding the versions, not\n"
        "writing them.\n\n{}",
        query_command_help()));
    cmd->add_option("query", options->words,
                    "The query (see Query syntax below), optional; several words are joined "
                    "with spaces")
        ->type_name("")
        ->expected(0, -1);
    add_filter_options(*cmd, options->common);
    add_timeout_option(*cmd, options->common);
    add_database_option(*cmd, options->common);
    commands.add(cmd, [options] { return run_export(*options); });
}

}  // namespace newsindex::query
