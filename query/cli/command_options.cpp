#include "query/cli/command_options.h"

#include "cli/usage.h"
#include "query/cli/exit_codes.h"
#include "query/text/query_syntax.h"
#include "schema/database_format.h"
#include "schema/time.h"

#include <fmt/format.h>

#include <ctime>

namespace newsindex::query {

namespace {

std::vector<std::string> query_after_double_dash;

// Seconds in one unit of a relative time ("30m", "12h", "7d", "2w"); 0 for
// an unknown unit.
schema::CaptureTime unit_seconds(char unit) {
    switch (unit) {
        case 'm':
            return 60;
        case 'h':
            return 3600;
        case 'd':
            return schema::kSecondsPerDay;
        case 'w':
            return 7 * schema::kSecondsPerDay;
        default:
            return 0;
    }
}

// Midnight (UTC) of the day that holds `t`.
schema::CaptureTime day_start(schema::CaptureTime t) {
    schema::CaptureTime into_day = t % schema::kSecondsPerDay;
    return t - (into_day < 0 ? into_day + schema::kSecondsPerDay : into_day);
}

std::optional<schema::CaptureTime> parse_flag_time(const std::string& flag,
                                                   const std::string& value, bool end_of_day) {
    auto t = parse_time_value(value, end_of_day, std::time(nullptr));
    if (!t && !value.empty()) {
        throw QueryError(fmt::format("newsquery: {} '{}' is not a date or time (use YYYY-MM-DD, "
                                     "YYYY-MM-DDTHH:MM:SSZ, today, yesterday, or a time ago "
                                     "such as 30m, 12h, 7d, 2w)",
                                     flag, value),
                         kExitBadQuery);
    }
    return t;
}

}  // namespace

std::optional<schema::CaptureTime> parse_time_value(const std::string& value, bool end_of_day,
                                                    schema::CaptureTime now) {
    if (value.empty()) return std::nullopt;
    if (value == "today") return schema::day_bound(day_start(now), end_of_day);
    if (value == "yesterday") {
        return schema::day_bound(day_start(now) - schema::kSecondsPerDay, end_of_day);
    }
    const char unit = value.back();
    if (value.size() >= 2 && unit_seconds(unit) != 0 &&
        value.find_first_not_of("0123456789") == value.size() - 1 && value.size() <= 10) {
        return now - std::stoll(value.substr(0, value.size() - 1)) * unit_seconds(unit);
    }
    return schema::parse_time_bound(value, end_of_day);
}

const char* const kQuerySyntaxHelp = R"(Query syntax:
  kerry isis            both words, each in any case and in any of its forms in each
                        version's language ("threat" finds "threats"; in English a
                        capitalised word is a name and stays exact: Threat)
  "no appetite for"     exact phrase, not stemmed (a hyphenated word too: al-Assad)
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

const char* const kDatabaseHelp = R"(Database: --db PATH (before or after the command), else $NEWSINDEX_DB, else
$XDG_DATA_HOME/newsindex/db, else ~/.local/share/newsindex/db. Create it with newsindex.
)";

const char* const kTimeHelp = R"(Times (--since, --until, --as-of): YYYY-MM-DD (a whole day: --since from its start,
--until and --as-of through its end), YYYY-MM-DDTHH:MM:SSZ (or another ISO 8601 zone),
today or yesterday (UTC days, as a plain date), or a time that long ago: 30m, 12h, 7d, 2w
(minutes, hours, days, weeks).
)";

const char* const kCommandLineHelp = R"(A command's options go anywhere: before or after the command and the query's words;
given twice, the last counts. Several query words are joined with spaces.
After -- everything is query text: newsquery search -- ceasefire -gaza
)";

const std::string kExitCodesHelp = cli::exit_codes_help(kExitCodes);

std::string query_command_help() {
    return fmt::format("{}\n{}\n{}\n{}\n{}\n{}", kCommandLineHelp, kQuerySyntaxHelp, kTimeHelp,
                       kLimitsHelp, kDatabaseHelp, kExitCodesHelp);
}

void add_database_option(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--db", options.db,
                   "Database directory (default: $NEWSINDEX_DB, else "
                   "$XDG_DATA_HOME/newsindex/db or ~/.local/share/newsindex/db)")
        ->type_name("PATH");
}

void set_query_after_double_dash(std::vector<std::string> words) {
    query_after_double_dash = std::move(words);
}

bool command_has_query(const std::vector<std::string>& words) {
    return !words.empty() || !query_after_double_dash.empty();
}

std::string command_query(const std::vector<std::string>& words) {
    std::string text = optional_command_query(words);
    refuse_blank_query(text);
    return text;
}

std::string optional_command_query(const std::vector<std::string>& words) {
    std::vector<std::string> all = words;
    all.insert(all.end(), query_after_double_dash.begin(), query_after_double_dash.end());
    return fmt::format("{}", fmt::join(all, " "));
}

void add_format_option(CLI::App& cmd, CommonOptions& options,
                       const std::vector<std::string>& choices) {
    cmd.add_option("--format", options.format,
                   fmt::format("Output format: {} (default: {})", fmt::join(choices, ", "),
                               options.format))
        ->type_name("FORMAT")
        ->check(cli::one_of(choices));
    cmd.add_option_function<std::string>(
           "--color,--colour",
           [&options](const std::string& when) {
               options.colour_always = when == "always";
               options.colour_never = when == "never";
           },
           "Colour output: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->type_name("WHEN")
        ->check(cli::one_of({"auto", "always", "never"}));
}

void add_filter_options(CLI::App& cmd, CommonOptions& options) {
    // One value per --source: the next word is the query, not another outlet.
    cmd.add_option("--source", options.sources,
                   "Only these outlets (repeatable, or comma-separated)")
        ->type_name("NAME")
        ->delimiter(',')
        ->allow_extra_args(false);
    cmd.add_option("--since", options.since,
                   "Only versions captured at or after this time (see Times below)")
        ->type_name("TIME");
    cmd.add_option("--until", options.until,
                   "Only versions captured at or before this time (a plain date: through its end)")
        ->type_name("TIME");
    cmd.add_option("--as-of", options.as_of,
                   "The corpus as it stood then: each article's version current at that time "
                   "(a plain date: at its end)")
        ->type_name("TIME");
    cmd.add_flag("--first", options.first, "Only each article's first version");
    cmd.add_flag("--latest", options.latest, "Only each article's latest version");
    cmd.add_flag("--no-stem", options.no_stem, "Match exact words only (no stemming)");
    cmd.add_option("--lang", options.language,
                   "Stem the query in this language alone: its versions by its stems, the "
                   "others by the words as typed (ISO code, e.g. en, de; default: each "
                   "version in its own language)")
        ->type_name("CODE");
}

void add_timeout_option(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--timeout", options.timeout,
                   fmt::format("Give up after this many seconds, with exit 2 (fractions allowed; "
                               "default: {:g})",
                               kDefaultTimeBudget.count()))
        ->type_name("SECONDS")
        ->check(cli::seconds(false));
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

}  // namespace newsindex::query
