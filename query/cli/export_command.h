// The `newsquery export` subcommand: its flags, help, and the run that
// writes the matching versions as newsindex's input and returns the exit
// code (see command_options.h).
#pragma once

#include "query/cli/command_line.h"

#include <CLI/CLI.hpp>

namespace newsindex::query {

// Adds the `export` subcommand to `app`, and its run to `commands`.
void add_export_command(CLI::App& app, Subcommands& commands);

}  // namespace newsindex::query
