#include "query/command_options.h"

#include "indexer/timestamp.h"
#include "schema/database_format.h"

#include <fmt/format.h>

namespace newsindex::query {

namespace {

constexpr schema::CaptureTime kSecondsPerDay = 86400;

std::optional<schema::CaptureTime> parse_flag_time(const std::string& flag,
                                                   const std::string& value, bool end_of_day) {
    if (value.empty()) return std::nullopt;
    auto t = indexer::parse_time(value);
    if (!t) {
        throw QueryError(fmt::format("newsquery: {} '{}' is not a date or time "
                                     "(use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
                                     flag, value),
                         kExitBadQuery);
    }
    if (end_of_day && indexer::is_date_only(value)) *t += kSecondsPerDay - 1;
    return t;
}

}  // namespace

const char* const kQuerySyntaxHelp = R"(Query syntax:
  kerry isis            both words (words are stemmed: "threat" finds "threats")
  "no appetite for"     exact phrase, not stemmed
  kerry OR clinton      either; also AND, NOT, +word (required), -word (excluded)
  kerry NEAR isis       within 10 words of each other
  (a OR b) AND c        brackets group
  caliph*               words starting with "caliph"
  title:kerry           in the title; also author:NAME
  source:nytimes        from that outlet; lang:de in that language
  site:bbc.co.uk        from that host or one under it (news.bbc.co.uk; site:co.uk)
  url:https://...       the article captured at that URL (url:HOST: that host alone)
  date:2016-02-01..2016-02-03   captured in that range (whole days at the ends);
                        also date:2016-02-01.. and date:..2016-02-03, date:2016-02-02
)";

const std::string kLimitsHelp = fmt::format(
    R"(Limits (each past it: exit 2, saying which):
  a query of at most {} bytes and {} terms (a word counts twice: text and title);
  a wildcard expands to the {} most frequent words that start so, in each field,
  and a query's wildcards to {} in all (at most {} plain wildcards);
  a question takes at most {:g} s (--timeout SECONDS gives it another budget).
)",
    kMaxQueryBytes, kMaxQueryTerms, kMaxWildcardExpansion, kMaxWildcardTerms,
    kMaxWildcardTerms / kMaxWildcardExpansion / 2, kDefaultTimeBudget.count());

const char* const kDatabaseHelp = R"(Database: --db PATH, else $NEWSINDEX_DB, else $XDG_DATA_HOME/newsindex/db,
else ~/.local/share/newsindex/db. Create it with newsindex.
)";

const char* const kExitCodesHelp = R"(Exit codes: 0 found, 1 nothing found, 2 bad query or usage (also a query past
its limits), 66 no database, 78 database of another schema version, 70 unexpected error,
74 database damaged (the message says what to do), 75 a batch left half committed by a
failed newsindex run (run newsindex --repair).
)";

void add_database_option(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--db", options.db,
                   "Database directory (default: $NEWSINDEX_DB, else "
                   "$XDG_DATA_HOME/newsindex/db or ~/.local/share/newsindex/db)");
}

void add_format_option(CLI::App& cmd, CommonOptions& options,
                       const std::vector<std::string>& choices) {
    cmd.add_option("--format", options.format,
                   fmt::format("Output format: {} (default: {})", fmt::join(choices, ", "),
                               options.format))
        ->check(CLI::IsMember(choices));
    cmd.add_option_function<std::string>(
           "--color,--colour",
           [&options](const std::string& when) {
               options.colour_always = when == "always";
               options.colour_never = when == "never";
           },
           "Colour output: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_filter_options(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--source", options.sources,
                   "Only these outlets (repeatable, or comma-separated)")
        ->delimiter(',');
    cmd.add_option("--since", options.since,
                   "Only versions captured at or after this time (YYYY-MM-DD or ISO 8601, UTC)");
    cmd.add_option("--until", options.until,
                   "Only versions captured at or before this time (a plain date: through its end)");
    cmd.add_option("--as-of", options.as_of,
                   "The corpus as it stood then: each article's version current at that time "
                   "(a plain date: at its end)");
    cmd.add_flag("--first", options.first, "Only each article's first version");
    cmd.add_flag("--latest", options.latest, "Only each article's latest version");
    cmd.add_flag("--no-stem", options.no_stem, "Match exact words only (no stemming)");
    cmd.add_option("--lang", options.language,
                   "Stem query words in this language (ISO code, e.g. en, de; default: the "
                   "database's)");
}

void add_timeout_option(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--timeout", options.timeout,
                   fmt::format("Give up after this many seconds, with exit 2 (fractions allowed; "
                               "default: {:g})",
                               kDefaultTimeBudget.count()))
        ->check(CLI::PositiveNumber);
}

std::chrono::duration<double> time_budget(const CommonOptions& options) {
    return std::chrono::duration<double>(options.timeout);
}

Filters to_filters(const CommonOptions& options) {
    Filters filters;
    filters.sources = options.sources;
    filters.since = parse_flag_time("--since", options.since, false);
    filters.until = parse_flag_time("--until", options.until, true);
    filters.as_of = parse_flag_time("--as-of", options.as_of, true);
    if (filters.since && filters.until && *filters.since > *filters.until) {
        throw QueryError(fmt::format("newsquery: --since {} is after --until {}", options.since,
                                     options.until),
                         kExitBadQuery);
    }
    filters.first_only = options.first;
    filters.latest_only = options.latest;
    filters.stem = !options.no_stem;
    filters.language = options.language;
    return filters;
}

OutputFormat to_format(const CommonOptions& options) {
    if (options.format == "json") return OutputFormat::Json;
    if (options.format == "csv") return OutputFormat::Csv;
    if (options.format == "atom") return OutputFormat::Atom;
    return OutputFormat::Table;
}

Style output_style(const CommonOptions& options, std::FILE* stream) {
    return Style{!options.colour_never && use_colour(stream, options.colour_always)};
}

NewsDatabase open_database(const CommonOptions& options) {
    return NewsDatabase(schema::resolve_database_path(options.db));
}

void finish_with(int exit_code) {
    if (exit_code != 0) throw CLI::RuntimeError(exit_code);
}

}  // namespace newsindex::query
