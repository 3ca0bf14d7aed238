// Options shared by the newsquery subcommands: where the database is, the
// search filters, the output format. Each subcommand registers the ones it
// takes; one definition keeps flags, help texts and parsing identical.
//
// How a subcommand ends (run_command_line, command_line.h, relies on this):
//   - it returns its exit code: kExitFound, or kExitNothingFound;
//   - errors: it throws QueryError — run_command_line prints what() as one
//     line on stderr and returns exit_code().
#pragma once

#include "query/engine/matcher.h"
#include "query/engine/query_limits.h"
#include "query/format/output.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace newsindex::query {

// The most a --limit or --offset may say: a count of documents (Xapian's
// doccount, 32 bits). A negative or larger number is refused, not wrapped.
inline constexpr long long kMaxRows = 4'294'967'295;

struct CommonOptions {
    std::optional<std::string> db;     // --db (else $NEWSINDEX_DB, else default)
    std::string format = "table";      // --format
    std::vector<std::string> sources;  // --source (repeatable)
    std::string since, until, as_of;   // as typed; parsed by to_filters()
    bool first = false, latest = false, no_stem = false;
    std::string language;              // --lang
    bool colour_always = false;        // --color=always (tests, pagers)
    bool colour_never = false;         // --color=never
    double timeout = kDefaultTimeBudget.count();  // --timeout, seconds
};

// The words after "--" on the command line, all query text whatever they
// look like ("-gaza"). arguments_to_parse (command_line.h) takes them off
// before CLI11 parses and sets them here.
void set_query_after_double_dash(std::vector<std::string> words);
// Whether the command was given query words at all (blank ones included,
// which command_query refuses): `changes` without any lists revisions.
bool command_has_query(const std::vector<std::string>& words);
// A command's query: its query arguments, then the words after "--",
// joined with spaces. Throws QueryError(kExitBadQuery) when it is blank.
std::string command_query(const std::vector<std::string>& words);
// The same for a command whose query may be left out (export): "" when it
// is.
std::string optional_command_query(const std::vector<std::string>& words);

// Adds --db to `cmd`.
void add_database_option(CLI::App& cmd, CommonOptions& options);
// Adds --format with the given choices (e.g. {"table","json","csv"}), and
// --color auto|always|never.
void add_format_option(CLI::App& cmd, CommonOptions& options,
                       const std::vector<std::string>& choices);
// Adds --source, --since, --until, --as-of, --first, --latest, --no-stem,
// --lang.
void add_filter_options(CLI::App& cmd, CommonOptions& options);

// A typed time: an ISO 8601 date or time (UTC unless a zone is given);
// "today" or "yesterday", the UTC day as a plain date; or a time ago, a
// number and a unit m, h, d or w ("30m", "12h", "7d", "2w": `now` less that
// many minutes, hours, days or weeks). A plain date means its midnight, or
// with `end_of_day` its last second. nullopt when `value` is empty or none
// of these.
std::optional<schema::CaptureTime> parse_time_value(const std::string& value, bool end_of_day,
                                                    schema::CaptureTime now);

// Parses the typed filter values (parse_time_value, now the current time).
// A plain date means midnight for --since and the end of that day for
// --until and --as-of. Throws QueryError(kExitBadQuery) naming the bad flag
// and value.
Filters to_filters(const CommonOptions& options);
// Adds --timeout SECONDS (the question's time budget, query_limits.h).
void add_timeout_option(CLI::App& cmd, CommonOptions& options);
std::chrono::duration<double> time_budget(const CommonOptions& options);
OutputFormat to_format(const CommonOptions& options);

// The colours to write to `stream` with: on a TTY unless NO_COLOR is set or
// --color=never; always with --color=always.
Style output_style(const CommonOptions& options, std::FILE* stream = stdout);

// Opens the database named by --db / $NEWSINDEX_DB / the default.
NewsDatabase open_database(const CommonOptions& options);

// Help texts shared by `newsquery --help` and the subcommands' help.
extern const char* const kQuerySyntaxHelp;
extern const char* const kDatabaseHelp;
extern const char* const kTimeHelp;         // the forms --since/--until/--as-of take
extern const char* const kCommandLineHelp;  // options anywhere, --
extern const std::string kExitCodesHelp;  // kExitCodes (exit_codes.h)
extern const std::string kLimitsHelp;
// What the help of every command that takes a query ends with: the command
// line, query syntax, times, limits, database and exit codes above.
std::string query_command_help();

}  // namespace newsindex::query
