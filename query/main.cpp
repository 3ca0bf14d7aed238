// newsquery: search a newsindex database and ask it revision questions.
// Parses the command line, runs the chosen subcommand, and turns its
// outcome into an exit code (the protocol is in query/command_options.h).
#include "query/command_options.h"
#include "query/database.h"
#include "query/revision_commands.h"
#include "query/search_command.h"
#include "schema/database_format.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <exception>
#include <string>
#include <vector>

using namespace newsindex::query;

int main(int argc, char** argv) {
    CLI::App app{
        "newsquery: revision-aware search over news captures indexed by newsindex.\n"
        "Every captured version of an article is searchable; search shows one row per\n"
        "article, and the other commands follow articles through their revisions."};
    app.name("newsquery");
    app.require_subcommand(1);
    app.set_version_flag("--version",
                         fmt::format("newsquery {} (schema {}, Xapian {})", NEWSINDEX_VERSION,
                                     newsindex::schema::kSchemaVersion, Xapian::version_string()));
    add_global_database_option(app);
    app.footer(fmt::format(
        "Run 'newsquery COMMAND --help' for a command's flags.\n\n{}\n{}\n{}\n{}\n{}\n{}",
        kCommandLineHelp, kQuerySyntaxHelp, kTimeHelp, kLimitsHelp, kDatabaseHelp,
        kExitCodesHelp));
    add_search_command(app);
    add_revision_commands(app);

    try {
        // After "--" everything is query text (see command_options.h).
        std::vector<std::string> args(argv + 1, argv + argc);
        auto double_dash = std::find(args.begin(), args.end(), "--");
        if (double_dash != args.end()) {
            set_query_after_double_dash({double_dash + 1, args.end()});
            args.erase(double_dash, args.end());
        }
        std::reverse(args.begin(), args.end());  // CLI11 parses a vector from its end
        app.parse(args);
        return kExitFound;
    } catch (const CLI::ExtrasError& e) {
        // Most often a query word that starts with '-' ("ceasefire -gaza").
        const std::string what = e.what();
        const bool dash = what.find(" -", what.find(':')) != std::string::npos;
        fmt::print(stderr, "newsquery: {}{}\n", what,
                   dash ? " (query words that start with '-' go after --, as in: "
                          "newsquery search -- ceasefire -gaza)"
                        : "");
        return kExitBadQuery;
    } catch (const CLI::ParseError& e) {
        // Help and finish_with() carry their own code; every other parse
        // error is bad usage.
        int code = app.exit(e);
        bool usage_error = code != 0 && e.get_name() != "RuntimeError";
        return usage_error ? kExitBadQuery : code;
    } catch (const QueryError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "newsquery: {}\n", e.get_description());
        return kExitSoftware;
    } catch (const newsindex::schema::SchemaError& e) {
        // A damaged database found mid-query (its message says so).
        fmt::print(stderr, "newsquery: {}\n", e.what());
        return kExitSoftware;
    } catch (const std::exception& e) {
        fmt::print(stderr, "newsquery: unexpected error: {}\n", e.what());
        return kExitSoftware;
    }
}
