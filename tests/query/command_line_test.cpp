// Where newsquery finds the command in what was typed, and the order CLI11
// is given the arguments in: the command first, so that a command's options
// may come before it.
#include "query/cli/command_line.h"
#include "query/cli/command_options.h"
#include "query/cli/revision_commands.h"
#include "query/cli/search_command.h"

#include <gtest/gtest.h>

#include <algorithm>

using newsindex::query::arguments_to_parse;
using newsindex::query::command_position;
using Args = std::vector<std::string>;

namespace {

class CommandOrder : public ::testing::Test {
  protected:
    CommandOrder() {
        newsindex::query::add_search_command(app_, commands_);
        newsindex::query::add_revision_commands(app_, commands_);
    }
    ~CommandOrder() override { newsindex::query::set_query_after_double_dash({}); }
    std::size_t position(const Args& args) const { return command_position(app_, args); }
    // What CLI11 is given for `newsquery ARGS...`, in typed order.
    Args reordered(Args args) const {
        std::vector<const char*> argv{"newsquery"};
        for (const auto& a : args) argv.push_back(a.c_str());
        Args parsed = arguments_to_parse(app_, static_cast<int>(argv.size()), argv.data());
        std::reverse(parsed.begin(), parsed.end());
        return parsed;
    }
    CLI::App app_{"test"};
    newsindex::query::Subcommands commands_;
};

}  // namespace

TEST_F(CommandOrder, TheCommandIsTheFirstWordThatIsNoOptionNorAnOptionsValue) {
    EXPECT_EQ(position({"search", "kerry"}), 0u);
    EXPECT_EQ(position({"--db", "x", "search", "kerry"}), 2u);
    EXPECT_EQ(position({"--count", "search", "kerry"}), 1u);  // a flag takes no value
    EXPECT_EQ(position({"--limit", "3", "--all-versions", "timeline", "x"}), 3u);
    EXPECT_EQ(position({"--limit=3", "changes", "x"}), 1u);
    // A value that names a command is still the option's value.
    EXPECT_EQ(position({"--db", "search", "search", "kerry"}), 2u);
    EXPECT_EQ(position({"--source", "show", "show", "a"}), 2u);
    // --revision and --as-of take a value in the commands that have them.
    EXPECT_EQ(position({"--revision", "2", "--as-of", "7d", "show", "a"}), 4u);
    // No command, or a word before it: CLI11 reports it as typed.
    EXPECT_EQ(position({"kerry", "search"}), 2u);
    EXPECT_EQ(position({"--db", "x"}), 2u);
    EXPECT_EQ(position({}), 0u);
}

TEST_F(CommandOrder, TheCommandGoesFirstAndTheRestKeepsItsOrder) {
    EXPECT_EQ(reordered({"--limit", "3", "--db", "x", "search", "a", "--count", "b"}),
              (Args{"search", "--limit", "3", "--db", "x", "a", "--count", "b"}));
    EXPECT_EQ(reordered({"search", "a", "--limit", "3"}), (Args{"search", "a", "--limit", "3"}));
    EXPECT_EQ(reordered({"--format", "json", "diff", "u", "1", "2"}),
              (Args{"diff", "--format", "json", "u", "1", "2"}));
    EXPECT_EQ(reordered({"kerry", "search"}), (Args{"kerry", "search"}));
    // The words after -- are query text, taken off before CLI11 parses;
    // a command named there is a word.
    EXPECT_EQ(reordered({"--count", "--", "search", "-gaza"}), (Args{"--count"}));
    EXPECT_EQ(reordered({"--count", "search", "a", "--", "-b", "--limit"}),
              (Args{"search", "--count", "a"}));
}
