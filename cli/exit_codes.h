// A command's exit codes as one table: each code and what it means. The
// command's --help prints the table (exit_codes_help), and README.md holds
// the same codes, which tests/cli/exit_codes_test.cpp checks.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace newsindex::cli {

struct ExitCode {
    int code;
    std::string_view meaning;  // one sentence, as --help prints it
};

// "Exit codes:" and a line per code, the meaning wrapped to 80 columns.
std::string exit_codes_help(std::span<const ExitCode> table);

}  // namespace newsindex::cli
