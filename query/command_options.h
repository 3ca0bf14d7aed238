// Options shared by the newsquery subcommands: where the database is, the
// search filters, the output format. Each subcommand registers the ones it
// takes; one definition keeps flags, help texts and parsing identical.
#pragma once

#include "query/matcher.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace newsindex::query {

enum class OutputFormat { Table, Json, Csv, Atom };

struct CommonOptions {
    std::optional<std::string> db;     // --db (else $NEWSINDEX_DB, else default)
    std::string format = "table";      // --format
    std::vector<std::string> sources;  // --source (repeatable)
    std::string since, until, as_of;   // as typed; parsed by to_filters()
    bool first = false, latest = false, no_stem = false;
    std::string language;              // --lang
    bool colour_always = false;        // --color=always (tests, pagers)
};

// Adds --db to `cmd`.
void add_database_option(CLI::App& cmd, CommonOptions& options);
// Adds --format with the given choices (e.g. {"table","json","csv"}).
void add_format_option(CLI::App& cmd, CommonOptions& options,
                       const std::vector<std::string>& choices);
// Adds --source, --since, --until, --as-of, --first, --latest, --no-stem,
// --lang.
void add_filter_options(CLI::App& cmd, CommonOptions& options);

// Parses the typed filter values. --until with a plain date means the end of
// that day. Throws QueryError(kExitBadQuery) naming the bad flag and value.
Filters to_filters(const CommonOptions& options);
OutputFormat to_format(const CommonOptions& options);

// Opens the database named by --db / $NEWSINDEX_DB / the default.
NewsDatabase open_database(const CommonOptions& options);

}  // namespace newsindex::query
