// Edge cases of the input, end to end through the built commands: captures
// before 1970 (negative seconds) and at a leap second are indexed and come
// back out of every newsquery command as they went in, through every
// encoding a time takes in the database (sortable_serialise slots, the
// timeline key and version id varints); a blank snapshot file and a
// document of invisible characters only are rejected with their reason
// (exit 65), the good captures beside them indexed.
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;
using newsindex::testing::write_file;
using Json = nlohmann::json;

namespace {

std::string record(const std::string& id, const std::string& timestamp, const std::string& text) {
    return Json{{"source", "wire"}, {"article_id", id}, {"timestamp", timestamp},
                {"title", "Story " + id}, {"text", text}}
               .dump() +
           "\n";
}

std::vector<Json> json_lines(const std::string& out) {
    std::vector<Json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    return lines;
}

std::vector<std::string> field(const std::vector<Json>& rows, const std::string& name) {
    std::vector<std::string> out;
    for (const Json& row : rows) out.push_back(row.at(name).dump());
    return out;
}

}  // namespace

TEST(InputEdgeCases, CapturesBefore1970ComeBackOutOfEveryCommandAsTheyWentIn) {
    ScratchDir dir;
    write_file(dir / "in.jsonl", record("old", "1969-12-31T23:59:58Z", "alpha first words") +
                                     record("old", "1969-12-31T23:59:59Z", "alpha beta second") +
                                     record("old", "1970-01-01T00:00:01Z", "gamma third"));
    const std::string db = (dir / "db").string();
    CommandResult indexed = run_newsindex({"--db", db, (dir / "in.jsonl").string()});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;

    CommandResult history = run_newsquery({"history", "old", "--format", "json", "--db", db});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_EQ(field(json_lines(history.out), "captured_at"),
              (std::vector<std::string>{"\"1969-12-31T23:59:58Z\"", "\"1969-12-31T23:59:59Z\"",
                                        "\"1970-01-01T00:00:01Z\""}));

    CommandResult search = run_newsquery(
        {"search", "alpha", "--all-versions", "--format", "json", "--no-stem", "--db", db});
    ASSERT_EQ(search.exit_code, 0) << search.err;
    EXPECT_EQ(field(json_lines(search.out), "captured_at"),
              (std::vector<std::string>{"\"1969-12-31T23:59:58Z\"", "\"1969-12-31T23:59:59Z\""}));

    // --since/--until/--as-of and date: compare negative times in order.
    for (const std::vector<std::string>& filter :
         {std::vector<std::string>{"--since", "1969-12-31T23:59:59Z", "--until",
                                   "1969-12-31T23:59:59Z"},
          std::vector<std::string>{"--as-of", "1969-12-31T23:59:59Z"},
          std::vector<std::string>{"date:1969-12-31T23:59:59Z..1970-01-01"}}) {
        std::vector<std::string> args = {"search", "alpha", "--all-versions", "--format", "json",
                                         "--no-stem", "--db", db};
        args.insert(args.end(), filter.begin(), filter.end());
        CommandResult r = run_newsquery(args);
        ASSERT_EQ(r.exit_code, 0) << filter[0] << ": " << r.err;
        EXPECT_EQ(field(json_lines(r.out), "revision"), std::vector<std::string>{"2"}) << filter[0];
    }

    CommandResult timeline = run_newsquery({"timeline", "beta", "--format", "json", "--db", db});
    ASSERT_EQ(timeline.exit_code, 0) << timeline.err;
    Json article = json_lines(timeline.out).at(0);
    ASSERT_EQ(article.at("events").size(), 2u) << article.dump();
    EXPECT_EQ(article["events"][0]["captured_at"], "1969-12-31T23:59:59Z");
    EXPECT_EQ(article["events"][0]["type"], "appeared");
    EXPECT_EQ(article["events"][1]["captured_at"], "1970-01-01T00:00:01Z");
    EXPECT_EQ(article["events"][1]["type"], "vanished");

    // The change feed keys each event on its version id: capture time and
    // sequence, here a negative time.
    CommandResult changes =
        run_newsquery({"changes", "alpha", "--since", "1969-12-31", "--format", "json", "--db", db});
    ASSERT_EQ(changes.exit_code, 0) << changes.err;
    std::vector<Json> events = json_lines(changes.out);
    ASSERT_EQ(events.size(), 1u) << changes.out;
    EXPECT_EQ(events[0]["type"], "vanished");
    EXPECT_EQ(events[0]["captured_at"], "1970-01-01T00:00:01Z");
    CommandResult beta =
        run_newsquery({"changes", "beta", "--since", "1969-12-31", "--format", "json", "--db", db});
    std::vector<Json> appeared = json_lines(beta.out);
    ASSERT_EQ(appeared.size(), 2u) << beta.out;
    EXPECT_EQ(appeared[1]["captured_at"], "1969-12-31T23:59:59Z");
    std::string id = appeared[1]["version_id"];
    EXPECT_NE(id.find("@-1."), std::string::npos) << id;
}

TEST(InputEdgeCases, ALeapSecondIsIndexedAsTheLastSecondOfItsMinute) {
    ScratchDir dir;
    write_file(dir / "in.jsonl", record("leap", "2016-12-31T23:59:60Z", "leap second story"));
    const std::string db = (dir / "db").string();
    CommandResult indexed = run_newsindex({"--db", db, (dir / "in.jsonl").string()});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    CommandResult history = run_newsquery({"history", "leap", "--format", "json", "--db", db});
    ASSERT_EQ(history.exit_code, 0) << history.err;
    EXPECT_EQ(field(json_lines(history.out), "captured_at"),
              std::vector<std::string>{"\"2016-12-31T23:59:59Z\""});
}

TEST(InputEdgeCases, BlankSnapshotsAndInvisibleDocumentsAreRejectedWithTheirReason) {
    ScratchDir dir;
    write_file(dir / "tree" / "wire" / "a" / "2016-02-02T14-00-00Z.txt", "Headline\nBody.\n");
    write_file(dir / "tree" / "wire" / "a" / "2016-02-02T15-00-00Z.txt", "");
    write_file(dir / "tree" / "wire" / "a" / "2016-02-02T16-00-00Z.txt", "  \n\n");
    write_file(dir / "tree" / "wire" / "b" / "2016-02-02T16-00-00Z.txt", "\u200B\n\u00AD\n");
    write_file(dir / "in.jsonl",
               Json{{"source", "wire"}, {"article_id", "c"}, {"timestamp", "2016-02-02T14:00:00Z"},
                    {"title", "   "}, {"summary", "\u200B"}}
                       .dump() +
                   "\n" + record("d", "2016-02-02T14:00:00Z", "Visible."));
    const std::string db = (dir / "db").string();
    CommandResult r = run_newsindex(
        {"--db", db, (dir / "tree").string(), (dir / "in.jsonl").string()});
    EXPECT_EQ(r.exit_code, 65) << r.err;
    const std::string tree = (dir / "tree" / "wire").string();
    const std::string blank = "blank file (empty or only whitespace), skipped";
    const std::string empty = "empty document (no visible title, summary or text)";
    EXPECT_NE(r.err.find("newsindex: " + tree + "/a/2016-02-02T15-00-00Z.txt: " + blank + "\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("newsindex: " + tree + "/a/2016-02-02T16-00-00Z.txt: " + blank + "\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("newsindex: " + tree + "/b/2016-02-02T16-00-00Z.txt: " + empty + "\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("newsindex: " + (dir / "in.jsonl").string() + ":1: " + empty + "\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("2 versions added"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("4 rejected"), std::string::npos) << r.err;
}
