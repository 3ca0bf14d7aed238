// newsquery: search a newsindex database and ask it revision questions.
// Sets up the command line; run_command_line parses it, runs the chosen
// subcommand, and turns its outcome into an exit code.
#include "cli/usage.h"
#include "query/cli/command_line.h"
#include "query/cli/command_options.h"
#include "query/cli/export_command.h"
#include "query/cli/revision_commands.h"
#include "query/cli/search_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

using namespace newsindex::query;

int main(int argc, char** argv) {
    CLI::App app{
        "newsquery: revision-aware search over news captures indexed by newsindex.\n"
        "Every captured version of an article is searchable; search shows one row per\n"
        "article, and the other commands follow articles through their revisions."};
    newsindex::cli::name_program(app, "newsquery");
    app.require_subcommand(1);
    app.footer(fmt::format("Run 'newsquery COMMAND --help' for a command's flags.\n\n{}",
                           query_command_help()));
    Subcommands commands;
    add_search_command(app, commands);
    add_revision_commands(app, commands);
    add_export_command(app, commands);

    return run_command_line(app, commands, argc, argv);
}
