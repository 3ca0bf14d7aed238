// How newsindex and newsquery present their command lines, alike: a --help
// that shows the options as a person reads them, never the parser's
// internals (CLI11 prints a check's description after an option's type:
// "UINT:INT in [1 - 10000000]", "ENUM:value in {...}", "FLOAT:NONNEGATIVE"),
// a --version line, and a refused command line said in one line.
//
// So each option names its value (type_name: "N", "PATH", "WHEN") and says
// its choices and default in its help text; its checks are made here, with
// no description of their own and a message a person can act on.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace newsindex::cli {

// Names the program in --help's Usage line, whatever path it was run by,
// and adds --version, which prints "PROGRAM VERSION (schema N, Xapian V)".
void name_program(CLI::App& app, const std::string& program);

// A value given twice takes the last, as most commands do (a shell alias
// sets a default, the command line overrides it); options that take
// several values (--source) keep every one. For the options of `app` and
// of its commands.
void take_last_values(CLI::App& app);

// Checks of an option's value. Each error names the value and what it
// should be ("--bulk: 'sometimes' is not one of auto, always, never"); CLI11
// puts the option's name in front.
//
// The value is one of `choices`.
CLI::Validator one_of(std::vector<std::string> choices);
// The value is a whole number, in decimal, from `least` to `most`. Give it
// to Option::transform, not check: it writes the number back as it read it
// (CLI11 itself would read "010" as octal and "0x10" as hexadecimal).
CLI::Validator whole_number(long long least, long long most);
// The value is a number of seconds (fractions allowed) above 0, or with
// `zero_allowed` 0 or more.
CLI::Validator seconds(bool zero_allowed);

// What a command line CLI11 refused got wrong, for a line of its own (the
// caller adds the program's name): the arguments CLI11 could not place, as
// typed ("unexpected argument x; unknown option --bogus", `option_hint`
// after the unknown options), else CLI11's own message, which names the
// option ("--batch-size: '0' is not a whole number from 1 to 10000000").
std::string refusal(const CLI::App& app, const CLI::ParseError& error,
                    std::string_view option_hint = "");

}  // namespace newsindex::cli
