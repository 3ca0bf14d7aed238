// newsquery's bounds (query/engine/query_limits.h) end to end: a query past the
// wildcard cap, the length cap or its time budget ends every command that
// takes a query with exit 2 and one line on stderr naming the limit and what
// to do, and ordinary queries still answer. Nothing here measures time: the
// budget given is a microsecond, less than parsing any query takes, and the
// caps are counted.
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;

namespace {

class QueryLimitsE2E : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        scratch_ = new ScratchDir;
        std::string lines;
        const std::vector<std::string> texts = {
            "Kerry said the false caliphate must be defeated.",
            "Clinton spoke about the coalition and the caliphate.",
            "Kerry and Clinton met in Rome; all agreed on aid.",
        };
        for (std::size_t i = 0; i < texts.size(); ++i) {
            for (int revision = 0; revision < 2; ++revision) {
                lines += fmt_line(i, revision, revision == 0 ? texts[i] : texts[i] + " Updated.");
            }
        }
        write_file(*scratch_ / "in.jsonl", lines);
        CommandResult indexed =
            run_newsindex({"--db", db(), "--quiet", (*scratch_ / "in.jsonl").string()});
        ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    }
    static void TearDownTestSuite() {
        delete scratch_;
        scratch_ = nullptr;
    }

    static std::string fmt_line(std::size_t article, int revision, const std::string& text) {
        return "{\"source\": \"test\", \"article_id\": \"a" + std::to_string(article) +
               "\", \"timestamp\": \"2016-02-0" + std::to_string(revision + 1) +
               "T12:00:00Z\", \"title\": \"Article " + std::to_string(article) +
               "\", \"text\": \"" + text + "\"}\n";
    }
    static std::string db() { return (*scratch_ / "db").string(); }

    // The command line of each command that takes a query, for `query`.
    static std::vector<std::vector<std::string>> every_query_command(
        const std::string& query, const std::vector<std::string>& extra = {}) {
        std::vector<std::vector<std::string>> out = {
            {"search", query},
            {"search", "--all-versions", "--limit", "0", query},
            {"timeline", query},
            {"changes", "--since", "2016-01-01", query},
        };
        for (auto& args : out) {
            args.insert(args.end(), extra.begin(), extra.end());
            args.insert(args.end(), {"--db", db()});
        }
        return out;
    }

    static ScratchDir* scratch_;
};

ScratchDir* QueryLimitsE2E::scratch_ = nullptr;

std::string repeated(const std::string& word, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += word + " ";
    return out;
}

bool one_line(const std::string& text) {
    return !text.empty() && text.back() == '\n' && std::count(text.begin(), text.end(), '\n') == 1;
}

}  // namespace

TEST_F(QueryLimitsE2E, AHundredWildcardsAreRefusedByEveryCommandThatTakesAQuery) {
    for (const auto& args : every_query_command(repeated("a*", 100))) {
        CommandResult r = run_newsquery(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_TRUE(one_line(r.err)) << r.err;
        EXPECT_NE(r.err.find("too many wildcards"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("use at most 8 wildcards"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

TEST_F(QueryLimitsE2E, EightWildcardsAnswerAndNineAreRefused) {
    // Each plain wildcard searches the text and the title: 8 expand to at
    // most 16,000 words, the cap; a ninth would pass it.
    CommandResult eight = run_newsquery({"search", repeated("c*", 8), "--db", db()});
    EXPECT_EQ(eight.exit_code, 0) << eight.err;
    CommandResult nine = run_newsquery({"search", repeated("c*", 9), "--db", db()});
    EXPECT_EQ(nine.exit_code, 2);
    EXPECT_NE(nine.err.find("too many wildcards"), std::string::npos) << nine.err;
    // title: searches one field: 16 title wildcards are within the cap.
    CommandResult titles = run_newsquery({"search", repeated("title:a*", 16), "--db", db()});
    EXPECT_EQ(titles.exit_code, 0) << titles.err;
}

TEST_F(QueryLimitsE2E, AQueryLongerThanTheCapIsRefusedBeforeItIsParsed) {
    for (const auto& args : every_query_command(repeated("kerry", 1000))) {
        CommandResult r = run_newsquery(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_TRUE(one_line(r.err)) << r.err;
        EXPECT_NE(r.err.find("too long: at most 4096 bytes"), std::string::npos) << r.err;
    }
}

TEST_F(QueryLimitsE2E, TooManyWordsAreRefused) {
    // 300 distinct words, 600 terms (text and title), well under 4096 bytes.
    std::string words;
    for (int i = 0; i < 300; ++i) words += "w" + std::to_string(i) + " ";
    CommandResult r = run_newsquery({"search", words, "--db", db()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(one_line(r.err)) << r.err;
    EXPECT_NE(r.err.find("too many words: 600 terms, at most 512"), std::string::npos) << r.err;
}

TEST_F(QueryLimitsE2E, ATimeBudgetSpentEndsEveryCommandWithExit2) {
    for (const auto& args : every_query_command("kerry", {"--timeout", "0.000001"})) {
        CommandResult r = run_newsquery(args);
        EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
        EXPECT_TRUE(one_line(r.err)) << r.err;
        EXPECT_NE(r.err.find("longer than its time budget of 1e-06 s"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("--timeout SECONDS"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

TEST_F(QueryLimitsE2E, OrdinaryQueriesAnswerInFullWithinTheDefaults) {
    for (std::string query :
         {"\"false caliphate\"", "kerry OR clinton", "caliph*", "kerry NEAR rome"}) {
        for (const auto& args : every_query_command(query)) {
            CommandResult r = run_newsquery(args);
            EXPECT_EQ(r.exit_code, args[0] == "changes" ? 1 : 0) << query << ": " << r.err;
            EXPECT_EQ(r.err, "") << query;
        }
    }
    CommandResult all = run_newsquery({"search", "--all-versions", "--limit", "0", "--format",
                                       "csv", "kerry OR clinton", "--db", db()});
    EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 1 + 6) << all.out;
}

TEST_F(QueryLimitsE2E, TheTimeoutMustBeAPositiveNumberOfSeconds) {
    for (std::string value : {"0", "-1", "soon"}) {
        CommandResult r = run_newsquery({"search", "kerry", "--timeout", value, "--db", db()});
        EXPECT_EQ(r.exit_code, 2) << value;
        EXPECT_NE(r.err.find("--timeout"), std::string::npos) << r.err;
    }
}
