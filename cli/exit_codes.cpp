#include "cli/exit_codes.h"

#include <fmt/format.h>

namespace newsindex::cli {

namespace {

constexpr std::size_t kWidth = 80;
constexpr std::string_view kIndent = "      ";  // the width of "%4d  "

}  // namespace

std::string exit_codes_help(std::span<const ExitCode> table) {
    std::string help = "Exit codes:\n";
    for (const ExitCode& row : table) {
        std::string line = fmt::format("{:4d} ", row.code);
        std::string_view rest = row.meaning;
        while (!rest.empty()) {
            std::size_t word_end = rest.find(' ');
            std::string_view word = rest.substr(0, word_end);
            if (line.size() + 1 + word.size() > kWidth && line.size() > kIndent.size()) {
                help += line + '\n';
                line = std::string(kIndent.substr(1));
            }
            line += ' ';
            line += word;
            rest = word_end == std::string_view::npos ? std::string_view() : rest.substr(word_end + 1);
        }
        help += line + '\n';
    }
    return help;
}

}  // namespace newsindex::cli
