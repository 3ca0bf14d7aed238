// The revision subcommands of newsquery: timeline, changes, history, show,
// diff. Each registers its flags and, when run, calls one library function
// and one printer (timeline.h, changes.h, history.h, show.h,
// article_diff.h and their formats); the exit protocol is in
// command_options.h.
#pragma once

#include <CLI/CLI.hpp>

namespace newsindex::query {

// Adds timeline, changes, history, show and diff to `app`.
void add_revision_commands(CLI::App& app);

}  // namespace newsindex::query
