// The revision subcommands of newsquery: timeline, changes, history, show,
// diff. Each registers its flags and, when run, calls one library function
// and one printer (timeline.h, changes.h, history.h, show.h,
// article_diff.h and their formats); the exit protocol is in
// command_options.h.
#pragma once

#include "query/cli/command_line.h"

#include <CLI/CLI.hpp>

namespace newsindex::query {

// Adds timeline, changes, history, show and diff to `app`, and their runs to
// `commands`.
void add_revision_commands(CLI::App& app, Subcommands& commands);

}  // namespace newsindex::query
