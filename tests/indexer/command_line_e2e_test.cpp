// newsindex's command line as a person meets it, end to end: --help lists
// the options as a person reads them, with none of the parser's internals
// and the program's name (not the path it was run by); --version prints as
// newsquery's does; a command line it cannot read is refused in one line
// naming the problem, with exit 64, and nothing is written.
#include "indexer/exit_codes.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace newsindex::indexer {
namespace {

namespace fs = std::filesystem;
using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;

TEST(NewsindexHelp, ShowsNoParserInternalsNorTheBuildPath) {
    CommandResult help = run_newsindex({"--help"});
    EXPECT_EQ(help.exit_code, 0) << help.err;
    EXPECT_EQ(help.err, "");
    for (const char* internal : {"ENUM", "UINT", "FLOAT", "TEXT:", " TEXT", "Check", "0x",
                                 "NONNEGATIVE", "FAILED", "->", "=5000", "=auto"}) {
        EXPECT_EQ(help.out.find(internal), std::string::npos) << internal << " in\n" << help.out;
    }
    const fs::path built = NEWSINDEX_BIN;
    EXPECT_EQ(help.out.find(built.string()), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find(built.parent_path().string()), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("\nUsage: newsindex [OPTIONS]"), std::string::npos) << help.out;
    // Each option with the name of its value; choices and defaults in words.
    for (const char* option :
         {"--db PATH", "--language CODE", "--wait SECONDS", "--batch-size N", "--bulk WHEN",
          "--threads N", "--repair", "--strict", "--quiet", "--json-summary", "--version",
          "auto, always, never", "default: 5000", "default: en"}) {
        EXPECT_NE(help.out.find(option), std::string::npos) << option << " not in\n" << help.out;
    }
}

TEST(NewsindexVersion, PrintsAsNewsqueryDoes) {
    CommandResult r = run_newsindex({"--version"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::regex line(R"(newsindex (\d+\.\d+\.\d+ \(schema \d+, Xapian [^)]+\))\n)");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(r.out, m, line)) << r.out;
    EXPECT_EQ(run_newsquery({"--version"}).out, "newsquery " + m[1].str() + "\n");
}

// Runs newsindex with `args` and a database in a scratch directory, and
// checks that it refused the command line: exit 64, nothing on stdout,
// nothing written; returns stderr.
std::string refusal(std::vector<std::string> args) {
    ScratchDir dir;
    const fs::path db = dir / "db";
    args.insert(args.begin(), {"--db", db.string()});
    CommandResult r = run_newsindex(args);
    EXPECT_EQ(r.exit_code, exit_code::kUsage) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(db));
    return r.err;
}

TEST(NewsindexUsageError, IsOneLineNamingTheProblem) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused{
        {{"--bogus", "in.jsonl"}, "unknown option --bogus"},
        {{"in.jsonl", "--bogus", "-z"}, "unknown options --bogus -z"},
        {{"--batch-size", "0", "in.jsonl"},
         "--batch-size: '0' is not a whole number from 1 to 10000000"},
        {{"--batch-size", "many", "in.jsonl"},
         "--batch-size: 'many' is not a whole number from 1 to 10000000"},
        {{"--threads", "0", "in.jsonl"}, "--threads: '0' is not a whole number from 1 to 1024"},
        {{"--bulk", "sometimes", "in.jsonl"},
         "--bulk: 'sometimes' is not one of auto, always, never"},
        {{"--wait", "soon", "in.jsonl"}, "--wait: 'soon' is not a number of seconds, 0 or more"},
        {{}, "give at least one INPUT: a JSON Lines file, a directory, or -"},
        {{"--repair", "in.jsonl"}, "--repair takes no INPUT"},
    };
    for (const auto& [args, problem] : refused) {
        EXPECT_EQ(refusal(args), "newsindex: " + problem + " (see newsindex --help)\n");
    }
    // An option without its value: one line that names it.
    const std::string missing = refusal({"in.jsonl", "--language"});
    EXPECT_TRUE(missing.starts_with("newsindex: --language")) << missing;
    EXPECT_EQ(missing.find('\n'), missing.size() - 1) << missing;
}

TEST(NewsindexCommandLine, AValueGivenTwiceTakesTheLast) {
    ScratchDir dir;
    const fs::path input = dir / "in.jsonl";
    newsindex::testing::write_file(
        input,
        R"({"source":"test","url":"https://example.com/a","timestamp":"2021-03-01T10:00:00Z","title":"A","body":"a"})"
        "\n");
    CommandResult r = run_newsindex({"--db", (dir / "elsewhere").string(), "--batch-size", "7",
                                     "--db", (dir / "db").string(), "--batch-size", "2", "--quiet",
                                     input.string()});
    EXPECT_EQ(r.exit_code, exit_code::kOk) << r.err;
    EXPECT_TRUE(fs::exists(dir / "db"));
    EXPECT_FALSE(fs::exists(dir / "elsewhere"));
}

}  // namespace
}  // namespace newsindex::indexer
