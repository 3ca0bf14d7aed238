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
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace newsindex::query {

// newsquery's subcommands and what each runs once the command line is
// parsed: a function that returns the command's exit code (kExitCodes,
// exit_codes.h) or throws QueryError.
class Subcommands {
  public:
    // `run` is what `command`, a subcommand of the program's CLI::App, runs.
    void add(const CLI::App* command, std::function<int()> run);
    // Runs the subcommand `app` parsed and returns its exit code.
    int run_parsed(const CLI::App& app) const;

  private:
    std::vector<std::pair<const CLI::App*, std::function<int()>>> runs_;
};

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

// Parses the command line into `app` (whose subcommands are added to
// `commands`), runs the command, and returns its exit code (kExitCodes):
// the command's own, 0 found or 1 nothing found; 2 a bad query or command
// line (one line on stderr; an unknown option's line tells that query
// words starting with '-' go after "--"); the code of a QueryError; 70 for
// anything unexpected. Help and --version print to
// stdout and return 0; --version works after a command too.
int run_command_line(CLI::App& app, const Subcommands& commands, int argc,
                     const char* const* argv);

}  // namespace newsindex::query
