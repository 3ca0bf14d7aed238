// The checks both commands give their options' values (cli/usage.h): what
// each accepts, the value CLI11 then reads, and the message of a refusal.
#include "cli/usage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace newsindex::cli {
namespace {

// The error message of parsing `args` (as typed, without the program's
// name) into an app with --n (a whole number from 1 to 100), --when (auto
// or never), --wait and --timeout; "" when it parses.
class Checks : public ::testing::Test {
  protected:
    Checks() {
        app_.add_option("--n", n_)->transform(whole_number(1, 100));
        app_.add_option("--when", when_)->check(one_of({"auto", "never"}));
        app_.add_option("--wait", wait_)->check(seconds(true));
        app_.add_option("--timeout", timeout_)->check(seconds(false));
        take_last_values(app_);
    }
    std::string error(std::vector<std::string> args) {
        std::reverse(args.begin(), args.end());  // CLI11 parses a vector from its end
        try {
            app_.parse(args);
            return "";
        } catch (const CLI::ParseError& e) {
            return refusal(app_, e);
        }
    }
    CLI::App app_{"test"};
    long long n_ = 0;
    std::string when_;
    std::optional<double> wait_, timeout_;
};

TEST_F(Checks, AWholeNumberIsDecimalAndInItsRange) {
    EXPECT_EQ(error({"--n", "1"}), "");
    EXPECT_EQ(error({"--n", "100"}), "");
    EXPECT_EQ(error({"--n", "010"}), "");
    EXPECT_EQ(n_, 10);  // not octal 8
    for (const char* bad : {"0", "101", "-1", "0x10", "1.5", "1x", " 1", "", "ten"}) {
        EXPECT_EQ(error({"--n", bad}),
                  std::string("--n: '") + bad + "' is not a whole number from 1 to 100")
            << bad;
    }
}

TEST_F(Checks, AChoiceIsOneOfThoseNamed) {
    EXPECT_EQ(error({"--when", "never"}), "");
    EXPECT_EQ(when_, "never");
    EXPECT_EQ(error({"--when", "Never"}), "--when: 'Never' is not one of auto, never");
}

TEST_F(Checks, SecondsAreAFiniteNumberAboveZeroOrFromZero) {
    EXPECT_EQ(error({"--wait", "0", "--timeout", "0.5"}), "");
    EXPECT_EQ(wait_, 0.0);
    EXPECT_EQ(timeout_, 0.5);
    EXPECT_EQ(error({"--timeout", "0"}), "--timeout: '0' is not a positive number of seconds");
    for (const char* bad : {"-1", "inf", "nan", "1s", "soon"}) {
        EXPECT_EQ(error({"--wait", bad}),
                  std::string("--wait: '") + bad + "' is not a number of seconds, 0 or more")
            << bad;
    }
}

TEST_F(Checks, AValueGivenTwiceTakesTheLast) {
    EXPECT_EQ(error({"--n", "5", "--when", "auto", "--n", "7"}), "");
    EXPECT_EQ(n_, 7);
}

TEST_F(Checks, ArgumentsThatFitNoOptionAreNamedAsTyped) {
    EXPECT_EQ(error({"--bogus", "word", "-x", "other"}),
              "unexpected arguments word other; unknown options --bogus -x");
    EXPECT_EQ(error({"--bogus"}), "unknown option --bogus");
}

}  // namespace
}  // namespace newsindex::cli
