#include "query/cli/search_command.h"

#include "cli/usage.h"
#include "query/cli/command_options.h"
#include "query/engine/facets.h"
#include "query/engine/search.h"
#include "query/format/facet_format.h"
#include "query/format/search_format.h"
#include "query/text/spelling_suggestion.h"

#include <fmt/format.h>

#include <memory>

namespace newsindex::query {

namespace {

struct SearchOptions {
    CommonOptions common;
    std::vector<std::string> words;
    bool all_versions = false;
    bool count = false;
    std::string sort;
    Xapian::doccount limit = 20;
    Xapian::doccount offset = 0;
    std::vector<std::string> facets;
};

SearchOrder to_order(const SearchOptions& options) {
    if (options.sort == "date") return SearchOrder::Date;
    if (options.sort == "article") return SearchOrder::Article;
    if (options.sort == "relevance") return SearchOrder::Relevance;
    return options.all_versions ? SearchOrder::Article : SearchOrder::Relevance;
}

int run_search(const SearchOptions& options) {
    SearchRequest request;
    request.text = command_query(options.words);
    request.filters = to_filters(options.common);
    request.all_versions = options.all_versions;
    request.order = to_order(options);
    request.limit = options.limit;
    request.offset = options.offset;
    request.time_budget = time_budget(options.common);
    OutputFormat format = to_format(options.common);
    Style style = output_style(options.common);
    if (format == OutputFormat::Table && style.on) {
        request.highlight_start = kMatchStart;
        request.highlight_end = kMatchEnd;
    }

    NewsDatabase db = open_database(options.common);
    if (!options.facets.empty()) {
        std::vector<FacetKind> kinds;
        for (const std::string& name : options.facets) kinds.push_back(*facet_kind(name));
        FacetResult facets = count_facets(db, request, kinds);
        write_facets(stdout, facets, format, style);
        std::fflush(stdout);
        if (facets.versions == 0) print_did_you_mean(db, request.text);
        return facets.versions == 0 ? kExitNothingFound : kExitFound;
    }
    if (options.count) {
        // As grep -c: the number alone, and exit 1 when it is 0.
        Xapian::doccount matches = count_matches(db, request);
        fmt::print("{}\n", matches);
        std::fflush(stdout);
        return matches == 0 ? kExitNothingFound : kExitFound;
    }
    SearchResult result = search(db, request);
    write_search_result(stdout, result, request, format, style);
    std::fflush(stdout);
    if (result.rows.empty()) print_did_you_mean(db, request.text);
    return result.rows.empty() ? kExitNothingFound : kExitFound;
}

}  // namespace

void add_search_command(CLI::App& app, Subcommands& commands) {
    auto options = std::make_shared<SearchOptions>();
    CLI::App* cmd = app.add_subcommand(
        "search", "Find the articles (or versions, with --all-versions) that match a query");
    cmd->footer(fmt::format(
        "Results: one row per article, its best-matching version, with the revisions of the\n"
        "article that match; --all-versions lists every matching version instead, grouped\n"
        "by article with revisions in order (or newest first with --sort date).\n"
        "The first line counts the matching articles and versions exactly up to {} matching\n"
        "versions (with --limit 0, or every version sorted by article, the default of\n"
        "--all-versions: always); past that it says \"at least N\". --count prints the exact\n"
        "number alone (articles; versions with --all-versions), however many.\n"
        "--facet source|lang|day|month|year prints, instead of rows, the exact number of\n"
        "matching articles and versions of each outlet, language or period of capture; in\n"
        "the table a period comes with a one-line chart of its versions, oldest first.\n\n{}",
        kExactCountBound, query_command_help()));
    cmd->add_option("query", options->words,
                    "The query (see Query syntax below); several words are joined with spaces")
        ->type_name("")
        ->expected(1, -1);
    cmd->add_flag("--all-versions", options->all_versions,
                  "List every matching version, not one row per article");
    cmd->add_flag("--count", options->count,
                  "Print only the exact number of matching articles (versions with "
                  "--all-versions), as grep -c");
    cmd->add_option("--facet", options->facets,
                    "Instead of rows, count the matching articles and versions per source, lang, "
                    "day, month or year (repeatable, or comma-separated; a period comes with a chart)")
        ->type_name("NAME")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->check(cli::one_of({"source", "lang", "day", "month", "year"}));
    cmd->add_option("--sort", options->sort,
                    "relevance (default), date (newest capture first), or article (grouped by "
                    "article; the default with --all-versions)")
        ->type_name("ORDER")
        ->check(cli::one_of({"relevance", "date", "article"}));
    cmd->add_option("--limit", options->limit, "Show at most N rows; 0 for all (default: 20)")
        ->type_name("N")
        ->transform(cli::whole_number(0, kMaxRows));
    cmd->add_option("--offset", options->offset, "Skip the first N rows (default: 0)")
        ->type_name("N")
        ->transform(cli::whole_number(0, kMaxRows));
    add_filter_options(*cmd, options->common);
    add_timeout_option(*cmd, options->common);
    add_format_option(*cmd, options->common, {"table", "json", "csv"});
    add_database_option(*cmd, options->common);
    commands.add(cmd, [options] { return run_search(*options); });
}

}  // namespace newsindex::query
