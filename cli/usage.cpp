#include "cli/usage.h"

#include "schema/database_format.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace newsindex::cli {

namespace {

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

// A check run on the value as typed, which adds nothing to --help: `check`
// returns what is wrong with the value, "" when nothing is.
template <typename Check>
CLI::Validator quiet_check(Check check) {
    return CLI::Validator(std::move(check), "");
}

}  // namespace

void name_program(CLI::App& app, const std::string& program) {
    app.name(program);
    app.set_version_flag("--version",
                         fmt::format("{} {} (schema {}, Xapian {})", program, NEWSINDEX_VERSION,
                                     schema::kSchemaVersion, Xapian::version_string()));
}

void take_last_values(CLI::App& app) {
    for (CLI::Option* option : app.get_options({})) {
        if (!option->get_positional() && option->get_items_expected_max() <= 1) {
            option->take_last();
        }
    }
    for (CLI::App* command : app.get_subcommands({})) take_last_values(*command);
}

CLI::Validator one_of(std::vector<std::string> choices) {
    return quiet_check([choices = std::move(choices)](const std::string& value) -> std::string {
        if (std::find(choices.begin(), choices.end(), value) != choices.end()) return "";
        return fmt::format("'{}' is not one of {}", value, fmt::join(choices, ", "));
    });
}

CLI::Validator whole_number(long long least, long long most) {
    return quiet_check([least, most](std::string& value) -> std::string {
        long long number = 0;
        const char* end = value.data() + value.size();
        auto [stop, error] = std::from_chars(value.data(), end, number);
        if (error != std::errc() || stop != end || number < least || number > most) {
            return fmt::format("'{}' is not a whole number from {} to {}", value, least, most);
        }
        // As read here (usage.h: CLI11 would read "010" as octal).
        value = std::to_string(number);
        return "";
    });
}

CLI::Validator seconds(bool zero_allowed) {
    return quiet_check([zero_allowed](const std::string& value) -> std::string {
        double number = 0;
        const char* end = value.data() + value.size();
        auto [stop, error] = std::from_chars(value.data(), end, number);
        if (error != std::errc() || stop != end || !std::isfinite(number) || number < 0 ||
            (number == 0 && !zero_allowed)) {
            return fmt::format("'{}' is not a {}number of seconds{}", value,
                               zero_allowed ? "" : "positive ", zero_allowed ? ", 0 or more" : "");
        }
        return "";
    });
}

std::string refusal(const CLI::App& app, const CLI::ParseError& error,
                    std::string_view option_hint) {
    if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr) return error.what();
    // CLI11 2.1 names the arguments in reverse order; remaining() keeps them
    // as typed.
    std::vector<std::string> options, words;
    for (const std::string& arg : app.remaining(true)) {
        (is_option(arg) ? options : words).push_back(arg);
    }
    std::vector<std::string> parts;
    if (!words.empty()) {
        parts.push_back(fmt::format("unexpected argument{} {}", words.size() > 1 ? "s" : "",
                                    fmt::join(words, " ")));
    }
    if (!options.empty()) {
        parts.push_back(fmt::format("unknown option{} {}{}", options.size() > 1 ? "s" : "",
                                    fmt::join(options, " "), option_hint));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace newsindex::cli
