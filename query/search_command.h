// The `newsquery search` subcommand: its flags, help, and the run that
// prints results and sets the exit code (see command_options.h).
#pragma once

#include <CLI/CLI.hpp>

namespace newsindex::query {

// Adds the `search` subcommand to `app`.
void add_search_command(CLI::App& app);

}  // namespace newsindex::query
