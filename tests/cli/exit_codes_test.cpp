// Each command's exit codes are one table in code (indexer/exit_codes.h,
// query/cli/exit_codes.h), which --help prints; README.md's tables must
// hold the same codes.
#include "cli/exit_codes.h"
#include "indexer/exit_codes.h"
#include "query/cli/exit_codes.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace newsindex::cli {
namespace {

// The codes of the table under README.md's heading "### Exit codes of
// `COMMAND`": its rows' first cells ("| 65 | ..." and "| 130, 143 | ...").
std::set<int> readme_codes(const std::string& command) {
    std::ifstream readme(std::string(SOURCE_DIR) + "/README.md");
    std::string line;
    const std::string heading = "### Exit codes of `" + command + "`";
    while (std::getline(readme, line) && line != heading) {
    }
    std::set<int> codes;
    const std::regex row(R"(^\|\s*([0-9][0-9, ]*)\|)");
    bool in_table = false;
    while (std::getline(readme, line)) {
        if (!line.starts_with('|')) {
            if (in_table) break;
            continue;
        }
        in_table = true;
        std::smatch cells;
        if (!std::regex_search(line, cells, row)) continue;  // the header and its rule
        std::istringstream numbers(cells.str(1));
        std::string number;
        while (std::getline(numbers, number, ',')) codes.insert(std::stoi(number));
    }
    return codes;
}

std::set<int> table_codes(std::span<const ExitCode> table) {
    std::set<int> codes;
    for (const ExitCode& row : table) codes.insert(row.code);
    return codes;
}

TEST(ExitCodes, ReadmeListsTheCodesOfNewsindexTable) {
    std::set<int> readme = readme_codes("newsindex");
    ASSERT_FALSE(readme.empty());
    EXPECT_EQ(readme, table_codes(indexer::exit_code::kTable));
}

TEST(ExitCodes, ReadmeListsTheCodesOfNewsqueryTable) {
    std::set<int> readme = readme_codes("newsquery");
    ASSERT_FALSE(readme.empty());
    EXPECT_EQ(readme, table_codes(query::kExitCodes));
}

TEST(ExitCodes, HelpPrintsEveryCodeOnALineOfItsOwnWrappedTo80Columns) {
    const ExitCode table[] = {{0, "fine"},
                              {130, "a long meaning that goes on past the end of one line of "
                                    "eighty columns, so it wraps"}};
    EXPECT_EQ(exit_codes_help(table),
              "Exit codes:\n"
              "   0  fine\n"
              " 130  a long meaning that goes on past the end of one line of eighty columns, so\n"
              "      it wraps\n");
}

}  // namespace
}  // namespace newsindex::cli
