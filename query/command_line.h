// newsquery's command line as people type it, and the one place that turns
// a run's outcome into an exit code (the protocol is in command_options.h).
//
// CLI11 knows a command's options only after the command's name, and hands
// the words after "--" to the program once the command's query has a word
// (CLI11 2.1). So before CLI11 parses, the words after the first "--" are
// taken off as query text, and the command's name is moved in front of the
// options typed before it: every option of a command may be given before
// it, after it, or between the words of its query.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace newsindex::query {

// The position in `args` (as typed, without the words after "--") of the
// command's name: the first argument naming a subcommand of `app` that
// neither is an option nor is an option's value. args.size() when the
// arguments before it hold a word that is neither (`newsquery kerry
// search`), or when there is no command.
std::size_t command_position(const CLI::App& app, const std::vector<std::string>& args);

// The arguments to give app.parse() for main's argc and argv: the command's
// name first, then the options and words typed before it, then those after
// it, reversed as CLI11's parse(vector) takes them. Sets the words after
// "--" as query text (set_query_after_double_dash).
std::vector<std::string> arguments_to_parse(const CLI::App& app, int argc,
                                            const char* const* argv);

// Parses the command line into `app` (whose subcommands are added), runs
// the command, and returns the exit code: 0 found, 1 nothing found, 2 a
// bad query or command line (one line on stderr; an unknown option's line
// tells that query words starting with '-' go after "--"), the codes of
// QueryError, 70 for anything unexpected. Help and --version print to
// stdout and return 0; --version works after a command too.
int run_command_line(CLI::App& app, int argc, const char* const* argv);

}  // namespace newsindex::query
