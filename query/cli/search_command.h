// The `newsquery search` subcommand: its flags, help, and the run that
// prints results and returns the exit code (see command_options.h).
#pragma once

#include "query/cli/command_line.h"

#include <CLI/CLI.hpp>

namespace newsindex::query {

// Adds the `search` subcommand to `app`, and its run to `commands`.
void add_search_command(CLI::App& app, Subcommands& commands);

}  // namespace newsindex::query
