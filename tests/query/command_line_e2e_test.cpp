// newsquery as people type it, end to end: true counts and --count, options
// anywhere (before the command too), --, one-line usage errors, --version,
// help without parser internals, relative times, --only alike in timeline
// and changes, a header when nothing is found, and stored control
// characters that never reach the terminal raw. Small
// histories are written here as JSON Lines, indexed by the built newsindex
// and queried by the built newsquery; every expected answer is computed
// from the captures themselves.
#include "query/cli/command_options.h"
#include "tests/query/raw_control.h"
#include "tests/query/revision_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <ctime>
#include <regex>
#include <set>

using namespace newsindex::testing;
using Json = nlohmann::json;

namespace {

std::string first_line(const std::string& out) { return out.substr(0, out.find('\n')); }

std::string iso(std::time_t t) {
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return text;
}

// ---- Counting: 60 articles of 1, 2 or 3 revisions, 120 versions in all ----

struct Capture {
    std::string article, timestamp, text;
};

std::vector<Capture> counted_history() {
    std::vector<Capture> captures;
    for (int a = 0; a < 60; ++a) {
        for (int r = 1; r <= a % 3 + 1; ++r) {
            std::string text = fmt::format("alpha story {} revision {}", a, r);
            if (r == 1 && a < 10) text += " beta";
            if (a % 4 == 0) text += " delta";
            captures.push_back({fmt::format("http://example.com/{}", a),
                                fmt::format("2020-01-{:02}T10:00:00Z", r), text});
        }
    }
    return captures;
}

// (articles, versions) whose text holds every word of `words` and none of
// `without`: the independent count.
std::pair<std::size_t, std::size_t> expected_counts(const std::vector<Capture>& captures,
                                                    const std::vector<std::string>& words,
                                                    const std::vector<std::string>& without = {}) {
    std::set<std::string> articles;
    std::size_t versions = 0;
    for (const Capture& c : captures) {
        std::set<std::string> text_words;
        std::istringstream in(c.text);
        for (std::string w; in >> w;) text_words.insert(w);
        bool match = true;
        for (const auto& w : words) match &= text_words.count(w) > 0;
        for (const auto& w : without) match &= text_words.count(w) == 0;
        if (match) {
            articles.insert(c.article);
            ++versions;
        }
    }
    return {articles.size(), versions};
}

class Counting : public RevisionHistory {
  protected:
    void SetUp() override {
        std::vector<Json> records;
        for (const Capture& c : captures_) {
            records.push_back(capture(c.article, c.timestamp, "Story", c.text, "wire"));
        }
        ingest(records);
    }
    std::string count(std::vector<std::string> args) {
        args.insert(args.begin(), {"search", "--count"});
        CommandResult r = query(args);
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
        EXPECT_EQ(r.exit_code, r.out == "0\n" ? 1 : 0);
        return r.out;
    }
    const std::vector<Capture> captures_ = counted_history();
};

}  // namespace

TEST_F(Counting, TheHeaderCountIsExactUnderTheBound) {
    auto [articles, versions] = expected_counts(captures_, {"beta"});
    ASSERT_EQ(versions, 10u);
    EXPECT_EQ(first_line(query({"search", "beta"}).out),
              fmt::format("{} articles, {} versions match", articles, versions));
    std::tie(articles, versions) = expected_counts(captures_, {"delta"});
    ASSERT_LT(articles, versions);
    EXPECT_EQ(first_line(query({"search", "delta", "--limit", "3"}).out),
              fmt::format("{} articles, {} versions match; showing 1-3", articles, versions));
    EXPECT_EQ(first_line(query({"search", "delta", "--all-versions", "--limit", "0"}).out),
              fmt::format("{} versions match", versions));
}

TEST_F(Counting, PastTheBoundTheHeaderSaysAtLeastNeverMoreThanTrue) {
    auto [articles, versions] = expected_counts(captures_, {"alpha"});
    ASSERT_EQ(versions, 120u);
    ASSERT_EQ(articles, 60u);
    const std::regex header(R"((at least )?(\d+) articles, (at least )?(\d+) versions match; .*)");
    std::smatch m;
    const std::string line = first_line(query({"search", "alpha"}).out);
    ASSERT_TRUE(std::regex_match(line, m, header)) << line;
    EXPECT_TRUE(m[1].matched ? std::stoul(m[2]) <= articles : std::stoul(m[2]) == articles) << line;
    EXPECT_TRUE(m[3].matched ? std::stoul(m[4]) <= versions : std::stoul(m[4]) == versions) << line;
    EXPECT_EQ(line.find("about"), std::string::npos);
    // Every row asked for (--limit 0): every match is checked, and counted.
    EXPECT_EQ(first_line(query({"search", "alpha", "--limit", "0"}).out),
              "60 articles, 120 versions match");
    // Every version, grouped by article (the default order): all counted.
    EXPECT_EQ(first_line(query({"search", "alpha", "--all-versions"}).out),
              "120 versions match; showing 1-20");
}

TEST_F(Counting, CountPrintsTheExactNumberAsGrepDoes) {
    for (const std::vector<std::string>& words :
         {std::vector<std::string>{"alpha"}, {"beta"}, {"delta"}, {"alpha", "delta"}}) {
        auto [articles, versions] = expected_counts(captures_, words);
        std::vector<std::string> args = words;
        EXPECT_EQ(count(args), fmt::format("{}\n", articles)) << words[0];
        args.push_back("--all-versions");
        EXPECT_EQ(count(args), fmt::format("{}\n", versions)) << words[0];
    }
    EXPECT_EQ(count({"zeppelin"}), "0\n");
    CommandResult none = query({"search", "--count", "zeppelin"});
    EXPECT_EQ(none.exit_code, 1);
}

// ---- The command line ------------------------------------------------------

TEST_F(Counting, OptionsGoBeforeOrAfterTheCommandAndTheQuery) {
    const std::string want = count({"beta"});
    // --db before the command.
    CommandResult r = run_newsquery({"--db", db(), "search", "--count", "beta"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, want);
    // An option between the query's words, a repeatable option before them.
    r = run_newsquery({"search", "--source", "wire", "beta", "--count", "--db", db()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, want);
    r = run_newsquery({"search", "--db", db(), "alpha", "--count", "delta", "--all-versions"});
    EXPECT_EQ(r.out, fmt::format("{}\n", expected_counts(captures_, {"alpha", "delta"}).second));
    r = run_newsquery({"search", "--source", "elsewhere", "beta", "--db", db()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(first_line(r.out), "0 articles match");
}

TEST_F(Counting, AfterDoubleDashEverythingIsQueryText) {
    const std::size_t versions = expected_counts(captures_, {"alpha"}, {"beta"}).second;
    CommandResult r =
        run_newsquery({"search", "--db", db(), "--count", "--all-versions", "--", "alpha", "-beta"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, fmt::format("{}\n", versions));
    // Query words before -- too, and options before it anywhere.
    r = run_newsquery({"search", "alpha", "--db", db(), "--all-versions", "--count", "--", "-beta"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, fmt::format("{}\n", versions));
    r = run_newsquery({"timeline", "--db", db(), "alpha", "--format", "json", "--limit", "0", "--",
                       "-beta"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json_lines(r.out).size(), expected_counts(captures_, {"alpha"}, {"beta"}).first);

    CommandResult refused = run_newsquery({"search", "--db", db(), "alpha", "-beta"});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_EQ(refused.out, "");
    EXPECT_NE(refused.err.find("-beta"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("newsquery search -- "), std::string::npos) << refused.err;
}

TEST_F(Counting, EveryOptionOfSearchGoesBeforeTheCommandToo) {
    auto [articles, versions] = expected_counts(captures_, {"delta"});
    ASSERT_GT(articles, 3u);
    CommandResult r =
        run_newsquery({"--limit", "3", "--db", db(), "--source", "wire", "search", "delta"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(first_line(r.out),
              fmt::format("{} articles, {} versions match; showing 1-3", articles, versions));
    const std::string both = fmt::format("{}\n", expected_counts(captures_, {"alpha", "delta"}).second);
    r = run_newsquery({"--count", "--all-versions", "--db", db(), "search", "alpha", "delta"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, both);
    // Before the command, between the query's words and after them at once.
    r = run_newsquery({"--all-versions", "search", "alpha", "--db", db(), "delta", "--count"});
    EXPECT_EQ(r.out, both) << r.err;
    r = run_newsquery({"--source", "elsewhere", "--db", db(), "search", "beta"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(first_line(r.out), "0 articles match");
    // After --, options before the command still count.
    r = run_newsquery({"--all-versions", "--count", "--db", db(), "search", "--", "alpha", "-beta"});
    EXPECT_EQ(r.out, fmt::format("{}\n", expected_counts(captures_, {"alpha"}, {"beta"}).second))
        << r.err;
}

TEST_F(Counting, AValueGivenTwiceTakesTheLast) {
    // As from a shell alias that sets a default the command line overrides.
    CommandResult r = run_newsquery(
        {"--limit", "50", "--db", "/nonexistent", "search", "delta", "--limit", "2", "--db", db()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto [articles, versions] = expected_counts(captures_, {"delta"});
    EXPECT_EQ(first_line(r.out),
              fmt::format("{} articles, {} versions match; showing 1-2", articles, versions));
    // A repeatable option keeps every value.
    r = query({"--source", "elsewhere", "search", "beta", "--source", "wire", "--count"});
    EXPECT_EQ(r.out, fmt::format("{}\n", expected_counts(captures_, {"beta"}).first)) << r.err;
}

TEST_F(Counting, AUsageErrorIsOneLineNamingWhatWasTyped) {
    CommandResult r = query({"search", "alpha", "-beta", "-gamma"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "newsquery: unknown options -beta -gamma (query words that start with '-' go after "
              "--, as in: newsquery search -- ceasefire -gaza)\n");
    r = query({"timeline", "alpha", "--bogus"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "newsquery: unknown option --bogus (query words that start with '-' go after --, "
              "as in: newsquery timeline -- ceasefire -gaza)\n");
    r = query({"serch", "alpha"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "newsquery: unknown command 'serch' (commands: search, timeline, changes, history, "
              "show, diff, export)\n");
    r = run_newsquery({});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "newsquery: a command is required (commands: search, timeline, changes, history, "
              "show, diff, export; see newsquery --help)\n");
    r = query({"search", "alpha", "--limit", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(r.err.starts_with("newsquery: ")) << r.err;
    EXPECT_NE(r.err.find("--limit"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
    // A negative or too large count is refused, never wrapped round to
    // "everything" or read as another number.
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"search", "alpha", "--limit", "-1"},
             {"search", "alpha", "--offset", "4294967296"},
             {"timeline", "alpha", "--limit", "-1"},
             {"timeline", "alpha", "--offset", "-5"},
             {"changes", "--limit", "-1"},
             {"changes", "alpha", "--limit=-2"}}) {
        SCOPED_TRACE(args[0] + " " + args.back());
        r = query(args);
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_NE(r.err.find("is not a whole number from 0 to 4294967295"), std::string::npos) << r.err;
    }
}

TEST(CommandLine, HelpAndVersionWorkBeforeAndAfterTheCommand) {
    CommandResult r = run_newsquery({"search", "kerry", "--version"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with("newsquery ")) << r.out;
    EXPECT_EQ(r.out, run_newsquery({"--version"}).out);
    for (const char* command : {"search", "timeline", "changes", "history", "show", "diff"}) {
        SCOPED_TRACE(command);
        CommandResult before = run_newsquery({"--help", command});
        EXPECT_EQ(before.exit_code, 0) << before.err;
        EXPECT_NE(before.out.find(fmt::format("Usage: newsquery {} ", command)), std::string::npos)
            << before.out;
        EXPECT_EQ(before.out, run_newsquery({command, "--help"}).out);
    }
}

TEST(CommandLine, VersionIsPrinted) {
    CommandResult r = run_newsquery({"--version"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::regex_match(first_line(r.out),
                                 std::regex(R"(newsquery \d+\.\d+\.\d+ \(schema \d+, Xapian .*\))")))
        << r.out;
}

TEST(CommandLine, HelpShowsNoParserInternals) {
    for (const char* command : {"", "search", "timeline", "changes", "history", "show", "diff"}) {
        SCOPED_TRACE(command);
        std::vector<std::string> args;
        if (*command) args.push_back(command);
        args.push_back("--help");
        CommandResult r = run_newsquery(args);
        EXPECT_EQ(r.exit_code, 0);
        for (const char* internal : {"ENUM", "TEXT:", ":{", "POSITIVE", "FAILED", "(0x)", "UINT",
                                     "FLOAT", "Check "}) {
            EXPECT_EQ(r.out.find(internal), std::string::npos) << internal << " in\n" << r.out;
        }
        if (*command && std::string(command) != "history" && std::string(command) != "show" &&
            std::string(command) != "diff") {
            EXPECT_NE(r.out.find("--since"), std::string::npos);
            EXPECT_NE(r.out.find("7d"), std::string::npos) << "relative times documented";
            EXPECT_NE(r.out.find("-- ceasefire -gaza"), std::string::npos);
        }
    }
    EXPECT_NE(run_newsquery({"search", "--help"}).out.find("--count"), std::string::npos);
}

TEST(CommandLine, RelativeTimesAreThatLongAgoAndTodayIsAUtcDay) {
    const std::time_t now = 1'700'000'000;  // 2023-11-14T22:13:20Z
    using newsindex::query::parse_time_value;
    EXPECT_EQ(parse_time_value("30m", false, now), now - 30 * 60);
    EXPECT_EQ(parse_time_value("12h", true, now), now - 12 * 3600);
    EXPECT_EQ(parse_time_value("7d", false, now), now - 7 * 86400);
    EXPECT_EQ(parse_time_value("2w", false, now), now - 14 * 86400);
    const std::time_t midnight = 1'699'920'000;  // 2023-11-14T00:00:00Z
    EXPECT_EQ(parse_time_value("today", false, now), midnight);
    EXPECT_EQ(parse_time_value("today", true, now), midnight + 86399);
    EXPECT_EQ(parse_time_value("yesterday", false, now), midnight - 86400);
    EXPECT_EQ(parse_time_value("yesterday", true, now), midnight - 1);
    EXPECT_EQ(parse_time_value("2023-11-14", true, now), midnight + 86399);
    for (const char* bad : {"7", "d", "7x", "-7d", "7 d", "tomorrow", "1.5h"}) {
        EXPECT_FALSE(parse_time_value(bad, false, now)) << bad;
    }
}

class RelativeTimes : public RevisionHistory {
  protected:
    void SetUp() override {
        // Each capture an hour or more away from the bounds the test asks
        // about, which are taken again when each query runs, later.
        const std::time_t now = std::time(nullptr);
        ingest({capture("http://example.com/old", iso(now - 10 * 86400), "Old", "gamma old"),
                capture("http://example.com/recent", iso(now - 3 * 86400 + 3600), "Recent",
                        "gamma recent"),
                capture("http://example.com/now", iso(now - 1), "Now", "gamma now")});
    }
    std::set<std::string> titles(std::vector<std::string> args) {
        args.insert(args.begin(), {"search", "gamma", "--format", "json", "--limit", "0"});
        std::set<std::string> out;
        for (const Json& row : json_lines(query(args).out)) out.insert(row.at("title"));
        return out;
    }
};

TEST_F(RelativeTimes, SinceUntilAndAsOfTakeATimeAgoTodayAndYesterday) {
    using S = std::set<std::string>;
    EXPECT_EQ(titles({"--since", "7d"}), (S{"Recent", "Now"}));
    EXPECT_EQ(titles({"--since", "2w"}), (S{"Old", "Recent", "Now"}));
    EXPECT_EQ(titles({"--until", "168h"}), (S{"Old"}));
    EXPECT_EQ(titles({"--since", "4320m", "--until", "30m"}), (S{"Recent"}));
    EXPECT_EQ(titles({"--as-of", "1w"}), (S{"Old"}));
    EXPECT_EQ(titles({"--since", "today"}), (S{"Now"}));
    EXPECT_EQ(titles({"--since", "yesterday"}), (S{"Now"}));
    EXPECT_EQ(titles({"--until", "yesterday"}), (S{"Old", "Recent"}));
    CommandResult bad = query({"search", "gamma", "--since", "7x"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("7d"), std::string::npos) << bad.err;
}

// ---- --only, empty answers -------------------------------------------------

class Changes : public RevisionHistory {
  protected:
    void SetUp() override {
        // "epsilon": in r1, gone in r2, back in r3.
        ingest({capture("http://example.com/e", "2021-03-01T10:00:00Z", "E", "epsilon one"),
                capture("http://example.com/e", "2021-03-02T10:00:00Z", "E", "two"),
                capture("http://example.com/e", "2021-03-03T10:00:00Z", "E", "epsilon three")});
    }
};

TEST_F(Changes, OnlyMeansTheSameInTimelineAndChanges) {
    auto timeline_events = [&](const std::string& only) {
        std::vector<std::string> events;
        for (const Json& article : timeline({"epsilon", "--only", only})) {
            for (const std::string& e : event_list(article)) events.push_back(e);
        }
        return events;
    };
    auto change_events = [&](const std::string& only) {
        std::vector<std::string> events;
        CommandResult r = query({"changes", "epsilon", "--since", "2021-01-01", "--only", only,
                                 "--format", "json"});
        for (const Json& c : json_lines(r.out)) {
            events.push_back(c.at("type").get<std::string>() + " " +
                             std::to_string(c.at("revision").get<int>()));
        }
        std::reverse(events.begin(), events.end());  // changes are newest first
        return events;
    };
    using E = std::vector<std::string>;
    EXPECT_EQ(timeline_events("vanished"), (E{"vanished 2"}));
    EXPECT_EQ(change_events("vanished"), (E{"vanished 2"}));
    EXPECT_EQ(timeline_events("appeared"), (E{"appeared 3"}));
    EXPECT_EQ(change_events("appeared"), (E{"appeared 3"}));
}

TEST_F(Changes, EveryOptionOfTheRevisionCommandsGoesBeforeTheCommandToo) {
    const std::string url = "http://example.com/e";
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db()});
        CommandResult r = run_newsquery(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json_lines(r.out);
    };
    auto timeline = run({"--only", "vanished", "--format", "json", "timeline", "epsilon"});
    ASSERT_EQ(timeline.size(), 1u);
    EXPECT_EQ(event_list(timeline[0]), (std::vector<std::string>{"vanished 2"}));

    auto changes = run({"--since", "2021-01-01", "--only", "appeared", "--format", "json",
                        "changes", "epsilon"});
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].at("type"), "appeared");
    EXPECT_EQ(changes[0].at("revision"), 3);

    auto history = run({"--as-of", "2021-03-02", "--format", "json", "history", url});
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].at("revision"), 2);

    auto shown = run({"--revision", "2", "--format", "json", "show", url});
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0].at("text"), "two");

    auto diff = run({"--format", "json", "diff", url, "1", "2"});
    ASSERT_EQ(diff.size(), 1u);
    EXPECT_EQ(diff[0].at("from").at("revision"), 1);
    EXPECT_EQ(diff[0].at("to").at("revision"), 2);
}

TEST_F(Changes, EveryCommandSaysSoWhenItFindsNothing) {
    CommandResult search = query({"search", "zeppelin"});
    EXPECT_EQ(search.exit_code, 1);
    EXPECT_EQ(search.out, "0 articles match\n");
    CommandResult timeline = query({"timeline", "zeppelin"});
    EXPECT_EQ(timeline.exit_code, 1);
    EXPECT_EQ(timeline.out, "0 articles\n");
    CommandResult changes = query({"changes", "zeppelin", "--since", "2021-01-01"});
    EXPECT_EQ(changes.exit_code, 1);
    EXPECT_EQ(changes.out, "0 changes\n");
    CommandResult found = query({"changes", "epsilon", "--since", "2021-01-01"});
    EXPECT_EQ(found.exit_code, 0);
    EXPECT_EQ(first_line(found.out), "2 changes");
}

TEST_F(Changes, AnEmptyAtomFeedIsAFeed) {
    CommandResult r =
        query({"changes", "zeppelin", "--since", "2021-01-01", "--format", "atom"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"))
        << r.out;
    EXPECT_TRUE(r.out.ends_with("</feed>\n"));
    EXPECT_EQ(r.out.find("<entry>"), std::string::npos);
    // The feed-level elements RFC 4287 requires: id, title, updated, author.
    EXPECT_TRUE(std::regex_search(r.out, std::regex("\n  <id>urn:newsindex:changes:[0-9a-f]{16}</id>\n")));
    EXPECT_NE(r.out.find("\n  <title>Changes: zeppelin</title>\n"), std::string::npos);
    EXPECT_NE(r.out.find("\n  <updated>2021-01-01T00:00:00Z</updated>\n"), std::string::npos);
    EXPECT_NE(r.out.find("\n  <author><name>newsindex</name></author>\n"), std::string::npos);
}

// ---- Stored control characters ----------------------------------------------

class HostileText : public RevisionHistory {
  protected:
    void SetUp() override {
        ingest({capture(kUrl, "2022-05-01T10:00:00Z", kTitle, "omega first text. " + kBody),
                capture(kUrl, "2022-05-02T10:00:00Z", kTitle, "omega second text. " + kBody)});
    }
    static inline const std::string kUrl = "http://example.com/hostile";
    // ESC ]0; retitles the window, ESC [2J clears the screen; C1 CSI
    // (U+009B) and DEL.
    static inline const std::string kTitle = "Title \x1b]0;owned\x07 \x1b[2J end";
    static inline const std::string kBody = "Body \xc2\x9b" "2J and \x7f here.";
};

TEST_F(HostileText, NoTableWritesAControlCharacterRaw) {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"search", "omega"}, {"search", "omega", "--all-versions"},
          {"timeline", "omega OR here"}, {"changes", "second", "--since", "2022-01-01"},
          {"history", kUrl}, {"show", kUrl}, {"diff", kUrl}}) {
        SCOPED_TRACE(args[0]);
        CommandResult r = query(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_FALSE(has_raw_control(r.out)) << r.out;
        // Shown escaped, not dropped silently.
        if (args[0] != "diff") {
            EXPECT_NE(r.out.find("\\x1b]0;owned\\x07 \\x1b[2J end"), std::string::npos) << r.out;
        }
    }
    CommandResult shown = query({"show", kUrl});
    EXPECT_NE(shown.out.find("Body \\u009b2J and \\x7f here."), std::string::npos) << shown.out;
}

TEST_F(HostileText, JsonEscapesThemAndCsvQuotesThem) {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"search", "omega"}, {"timeline", "omega"},
          {"changes", "second", "--since", "2022-01-01"}, {"history", kUrl}, {"show", kUrl},
          {"diff", kUrl}}) {
        SCOPED_TRACE(args[0]);
        args.insert(args.end(), {"--format", "json"});
        CommandResult r = query(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_FALSE(has_raw_control(r.out)) << r.out;
        EXPECT_NE(r.out.find("\\u001b]0;owned\\u0007"), std::string::npos) << r.out;
    }
    CommandResult json = query({"show", kUrl, "--format", "json"});
    EXPECT_EQ(Json::parse(json.out).at("title"), kTitle);
    EXPECT_NE(json.out.find("\\u009b2J and \\u007f here."), std::string::npos) << json.out;

    CommandResult csv = query({"search", "omega", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0);
    EXPECT_NE(csv.out.find(",\"" + kTitle + "\","), std::string::npos) << csv.out;
}
