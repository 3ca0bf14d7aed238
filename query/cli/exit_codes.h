// newsquery's exit codes as one table (the codes are defined beside
// QueryError in query/database.h). Every command's --help prints it
// (kExitCodesHelp, command_options.h), and README.md holds the same codes,
// which tests/cli/exit_codes_test.cpp checks.
#pragma once

#include "cli/exit_codes.h"
#include "query/database.h"

namespace newsindex::query {

inline constexpr cli::ExitCode kExitCodes[] = {
    {kExitFound, "something was found"},
    {kExitNothingFound, "nothing was found (as grep)"},
    {kExitBadQuery, "bad query or usage (also a query past its limits)"},
    {kExitNoDatabase, "no database at the path"},
    {kExitSoftware, "unexpected error"},
    {kExitDamaged, "the database is damaged (the message says what to do)"},
    {kExitHalfCommitted, "a batch left half committed by a failed newsindex run (run newsindex "
                         "--repair)"},
    {kExitWrongSchema, "the database has another schema version"},
};

}  // namespace newsindex::query
