#include "query/cli/command_line.h"

#include "cli/usage.h"
#include "query/cli/command_options.h"
#include "query/database.h"
#include "schema/database_format.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace newsindex::query {

namespace {

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

// Whether `arg`, an option typed before the command, takes the next
// argument as its value in any command of `app` (an option means the same
// in every command that has it).
bool takes_next_argument(const CLI::App& app, const std::string& arg) {
    if (arg.find('=') != std::string::npos) return false;  // --limit=3
    for (const CLI::App* command : app.get_subcommands({})) {
        const CLI::Option* option = command->get_option_no_throw(arg);
        if (option != nullptr && option->get_items_expected_max() > 0) return true;
    }
    return false;
}

// The position in `args` of the first argument that neither is an option
// nor is an option's value; args.size() when there is none.
std::size_t first_word(const CLI::App& app, const std::vector<std::string>& args) {
    std::size_t i = 0;
    while (i < args.size() && is_option(args[i])) {
        i += takes_next_argument(app, args[i]) ? 2 : 1;
    }
    return std::min(i, args.size());
}

bool names_command(const CLI::App& app, const std::string& arg) {
    auto commands = app.get_subcommands({});
    return std::any_of(commands.begin(), commands.end(),
                       [&](const CLI::App* command) { return command->check_name(arg); });
}

std::string command_list(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    return fmt::format("{}", fmt::join(names, ", "));
}

// The command CLI11 took, for the hints; "search" before any.
std::string parsed_command(const CLI::App& app) {
    auto parsed = app.get_subcommands();
    return parsed.empty() ? "search" : parsed.front()->get_name();
}

// The one line for a command line CLI11 refused.
std::string usage_error(const CLI::App& app, const CLI::ParseError& e,
                        const std::vector<std::string>& typed) {
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        return fmt::format("newsquery: {}",
                           cli::refusal(app, e,
                                        fmt::format(" (query words that start with '-' go after "
                                                    "--, as in: newsquery {} -- ceasefire -gaza)",
                                                    parsed_command(app))));
    }
    if (app.get_subcommands().empty()) {
        const std::size_t word = first_word(app, typed);
        if (word < typed.size()) {
            return fmt::format("newsquery: unknown command '{}' (commands: {})", typed[word],
                               command_list(app));
        }
        if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
            return fmt::format("newsquery: a command is required (commands: {}; see newsquery "
                               "--help)",
                               command_list(app));
        }
    }
    return fmt::format("newsquery: {} (see newsquery {} --help)", cli::refusal(app, e),
                       parsed_command(app));
}

}  // namespace

void Subcommands::add(const CLI::App* command, std::function<int()> run) {
    runs_.emplace_back(command, std::move(run));
}

int Subcommands::run_parsed(const CLI::App& app) const {
    for (const CLI::App* parsed : app.get_subcommands()) {
        for (const auto& [command, run] : runs_) {
            if (command == parsed) return run();
        }
    }
    throw std::logic_error("newsquery: the parsed command has nothing to run");
}

std::size_t command_position(const CLI::App& app, const std::vector<std::string>& args) {
    const std::size_t word = first_word(app, args);
    return word < args.size() && names_command(app, args[word]) ? word : args.size();
}

std::vector<std::string> arguments_to_parse(const CLI::App& app, int argc,
                                            const char* const* argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto double_dash = std::find(args.begin(), args.end(), "--");
    if (double_dash != args.end()) {
        set_query_after_double_dash({double_dash + 1, args.end()});
        args.erase(double_dash, args.end());
    }
    const std::size_t command = command_position(app, args);
    if (command < args.size()) {
        std::rotate(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(command),
                    args.begin() + static_cast<std::ptrdiff_t>(command) + 1);
    }
    std::reverse(args.begin(), args.end());  // CLI11 parses a vector from its end
    return args;
}

int run_command_line(CLI::App& app, const Subcommands& commands, int argc,
                     const char* const* argv) {
    // --version (an option of the program) also after the command.
    for (CLI::App* command : app.get_subcommands({})) command->fallthrough();
    cli::take_last_values(app);  // newsquery --limit 50 search x --limit 5
    std::vector<std::string> typed(argv + 1, argv + argc);
    typed.erase(std::find(typed.begin(), typed.end(), "--"), typed.end());
    try {
        app.parse(arguments_to_parse(app, argc, argv));
        return commands.run_parsed(app);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version: printed on stdout
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "{}\n", usage_error(app, e, typed));
        return kExitBadQuery;
    } catch (const QueryError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return e.exit_code();
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "newsquery: {}\n", e.get_description());
        return kExitSoftware;
    } catch (const schema::SchemaError& e) {
        // A damaged database found mid-query (its message says so).
        fmt::print(stderr, "newsquery: {}\n", e.what());
        return kExitSoftware;
    } catch (const std::exception& e) {
        fmt::print(stderr, "newsquery: unexpected error: {}\n", e.what());
        return kExitSoftware;
    }
}

}  // namespace newsindex::query
