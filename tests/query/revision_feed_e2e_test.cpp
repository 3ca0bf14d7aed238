// `newsquery changes` without a query: every new revision in a window, with
// what it changed. On hand-made histories (answers written out here) and on
// the sample corpus (answers computed from its records, independently of
// the index).
#include "tests/query/revision_fixture.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace newsindex::testing {
namespace {

class RevisionFeedE2E : public RevisionHistory {
  protected:
    void SetUp() override {
        nlohmann::json storm1 = capture("https://other.example/storm", "2024-05-01T11:00:00Z", "Storm hits coast",
                                        "Homes lost power.", "other");
        storm1["summary"] = "Winds of 100 km/h.";
        nlohmann::json storm2 = storm1;
        storm2["timestamp"] = "2024-05-01T13:00:00Z";
        storm2["summary"] = "Winds of 120 km/h.";
        ingest({capture(kMinister, "2024-05-01T10:00:00Z", "Minister resigns",
                        "The minister resigned today. He gave no reason."),
                capture(kMinister, "2024-05-01T12:00:00Z", "Minister resigns after row",
                        "The minister resigned today. He gave no reason."),
                capture(kMinister, "2024-05-02T09:00:00Z", "Minister resigns after row",
                        "The minister resigned today. He cited his health. More follows."),
                storm1, storm2});
    }

    // "URL rREVISION" of each change the JSON lists, in order.
    std::vector<std::string> feed(std::vector<std::string> args) {
        args.insert(args.begin(), "changes");
        args.push_back("--format=json");
        CommandResult r = query(args);
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
        std::vector<std::string> out;
        for (const auto& line : json_lines(r.out)) {
            out.push_back(line.at("url").get<std::string>() + " r" + std::to_string(line.at("revision").get<int>()));
        }
        return out;
    }

    static constexpr const char* kMinister = "https://news.example/minister";
    static constexpr const char* kStorm = "https://other.example/storm";
};

TEST_F(RevisionFeedE2E, ListsEveryNewRevisionNewestFirstWithoutBirths) {
    using V = std::vector<std::string>;
    std::string m = kMinister, s = kStorm;
    EXPECT_EQ(feed({"--since", "2024-05-01"}), (V{m + " r3", s + " r2", m + " r2"}));
    // Options in any order, windows at both ends.
    EXPECT_EQ(feed({"--since", "2024-05-01T12:30:00Z"}), (V{m + " r3", s + " r2"}));
    EXPECT_EQ(feed({"--until", "2024-05-01T12:30:00Z", "--since", "2024-04-01"}), (V{m + " r2"}));
    EXPECT_EQ(feed({"--since", "2024-05-01", "--source", "other"}), (V{s + " r2"}));
    EXPECT_EQ(feed({"--article", kMinister, "--since", "2024-05-01"}), (V{m + " r3", m + " r2"}));
}

TEST_F(RevisionFeedE2E, WhatKeepsChangesOfOnePart) {
    using V = std::vector<std::string>;
    EXPECT_EQ(feed({"--since", "2024-05-01", "--what", "title"}), (V{std::string(kMinister) + " r2"}));
    EXPECT_EQ(feed({"--what", "summary", "--since", "2024-05-01"}), (V{std::string(kStorm) + " r2"}));
    EXPECT_EQ(feed({"--since", "2024-05-01", "--what=text"}), (V{std::string(kMinister) + " r3"}));
    EXPECT_EQ(query({"changes", "--since", "2024-05-01", "--what", "byline"}).exit_code, 2);
    // --what and --article list revisions: with a query they are refused.
    CommandResult both = query({"changes", "minister", "--since", "2024-05-01", "--what", "title"});
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_NE(both.err.find("without a query"), std::string::npos) << both.err;
}

TEST_F(RevisionFeedE2E, EachChangeSaysWhatChanged) {
    CommandResult r = query({"changes", "--since", "2024-05-01", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = json_lines(r.out);
    ASSERT_EQ(lines.size(), 3u);
    const auto& text_change = lines[0];  // minister r3
    EXPECT_EQ(text_change.at("captured_at"), "2024-05-02T09:00:00Z");
    EXPECT_EQ(text_change.at("previous_captured_at"), "2024-05-01T12:00:00Z");
    EXPECT_EQ(text_change.at("changed"), nlohmann::json::array({"text"}));
    EXPECT_EQ(text_change.at("text").at("added"), 2);
    EXPECT_EQ(text_change.at("text").at("removed"), 1);
    EXPECT_EQ(text_change.at("text").at("edited"), 0);
    EXPECT_EQ(text_change.at("text").at("unchanged"), 1);
    EXPECT_EQ(text_change.at("text").at("changes").size(), 3u);
    const auto& summary_change = lines[1];  // storm r2
    EXPECT_EQ(summary_change.at("source"), "other");
    EXPECT_EQ(summary_change.at("changed"), nlohmann::json::array({"summary"}));
    EXPECT_EQ(summary_change.at("summary").at("changes")[0].at("op"), "edited");
    EXPECT_EQ(summary_change.at("summary").at("changes")[0].at("old"), "Winds of 100 km/h.");
    const auto& headline = lines[2];  // minister r2
    EXPECT_EQ(headline.at("title").at("op"), "edited");
    EXPECT_EQ(headline.at("title").at("old"), "Minister resigns");
    EXPECT_EQ(headline.at("title").at("new"), "Minister resigns after row");
    EXPECT_TRUE(std::regex_match(headline.at("version_id").get<std::string>(),
                                 std::regex("[0-9a-f]{16}@1714564800\\.[0-9]+")))
        << headline.at("version_id");

    // The table: a count, then per change its heading, what changed and the sentences.
    CommandResult table = query({"changes", "--since", "2024-05-01"});
    EXPECT_TRUE(table.out.starts_with("3 changes\n")) << table.out;
    EXPECT_NE(table.out.find("title: ~ Minister resigns {+after row+}"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("text: 2 sentences added, 1 removed, 0 changed"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("+ More follows."), std::string::npos) << table.out;
}

TEST_F(RevisionFeedE2E, LimitKeepsTheNewestAndSaysHowManyThereAre) {
    CommandResult r = query({"changes", "--since", "2024-05-01", "--limit", "1"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with("1 change, the newest (--limit); 3 new revisions in the window\n")) << r.out;
    EXPECT_EQ(feed({"--since", "2024-05-01", "--limit", "2"}).size(), 2u);
    EXPECT_EQ(feed({"--since", "2024-05-01", "--limit", "0"}).size(), 3u);
    CommandResult what = query({"changes", "--since", "2024-05-01", "--what", "title"});
    EXPECT_TRUE(what.out.starts_with("1 title change of 3 new revisions in the window\n")) << what.out;
}

TEST_F(RevisionFeedE2E, TheDefaultWindowIsTheLastDay) {
    // Every capture here is from 2024: nothing changed in the last 24 hours.
    CommandResult r = query({"changes"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "0 changes\n");
}

TEST_F(RevisionFeedE2E, AtomEntriesAreTheChangesWithASelfLink) {
    CommandResult atom = query({"changes", "--since", "2024-05-01", "--format", "atom", "--feed-url",
                                "https://feeds.example/changes.xml?a=1&b=2"});
    ASSERT_EQ(atom.exit_code, 0) << atom.err;
    const std::string& xml = atom.out;
    EXPECT_NE(xml.find("<link rel=\"self\" href=\"https://feeds.example/changes.xml?a=1&amp;b=2\"/>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<title>Headline changed: Minister resigns after row (example, revision 2)</title>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<title>Summary changed: Storm hits coast (other, revision 2)</title>"), std::string::npos);
    EXPECT_NE(xml.find("<title>Text changed: Minister resigns after row (example, revision 3)</title>"),
              std::string::npos);
    // The content is the change, as HTML escaped once for XML.
    EXPECT_NE(xml.find("Title: &lt;del&gt;Minister resigns&lt;/del&gt; → &lt;ins&gt;Minister resigns after "
                       "row&lt;/ins&gt;"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("&lt;ins&gt;More follows.&lt;/ins&gt;"), std::string::npos) << xml;
    std::size_t entries = 0;
    for (std::size_t at = 0; (at = xml.find("<entry>", at)) != std::string::npos; ++at) ++entries;
    EXPECT_EQ(entries, 3u);
    // Without --feed-url the self link is the feed's id; a feed per article
    // has an id of its own.
    std::string plain = query({"changes", "--since", "2024-05-01", "--format", "atom"}).out;
    std::smatch id;
    ASSERT_TRUE(std::regex_search(plain, id, std::regex("<id>(urn:newsindex:changes:[0-9a-f]{16})</id>")));
    EXPECT_NE(plain.find("<link rel=\"self\" href=\"" + id[1].str() + "\"/>"), std::string::npos);
    std::string per_article =
        query({"changes", "--since", "2024-05-01", "--format", "atom", "--article", kMinister}).out;
    EXPECT_EQ(per_article.find(id[1].str()), std::string::npos);
    EXPECT_EQ(query({"changes", "--since", "2024-05-01", "--format", "atom"}).out, plain);  // stable
}

// The sample corpus: every consecutive pair of an article's records is a
// new revision; whether its title, summary and text changed is read from
// the records themselves.
std::string normalised(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

TEST(RevisionFeedSample, EveryRevisionAndWhatItChangedAgreeWithTheRecords) {
    IndexedSample indexed;
    if (!indexed.indexed()) GTEST_SKIP() << "no " << IndexedSample::path();
    const std::string db = indexed.db();
    const auto sample = IndexedSample::path();

    // Expected: (article_id, revision) -> the parts changed, and the time.
    std::map<std::string, std::vector<nlohmann::json>> articles;
    for (auto& record : read_jsonl(sample)) articles[record.at("article_id")].push_back(std::move(record));
    std::map<std::pair<std::string, int>, std::set<std::string>> expected;
    std::map<std::pair<std::string, int>, std::string> times;
    std::size_t title_changes = 0;
    for (auto& [id, records] : articles) {
        std::sort(records.begin(), records.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
            return std::make_pair(a.at("timestamp").get<std::string>(), a.at("version").get<int>()) <
                   std::make_pair(b.at("timestamp").get<std::string>(), b.at("version").get<int>());
        });
        for (std::size_t i = 1; i < records.size(); ++i) {
            std::set<std::string> parts;
            for (const char* part : {"title", "summary", "text"}) {
                if (normalised(records[i - 1].value(part, "")) != normalised(records[i].value(part, "")))
                    parts.insert(part);
            }
            title_changes += parts.count("title");
            expected[{id, static_cast<int>(i + 1)}] = parts;
            times[{id, static_cast<int>(i + 1)}] = records[i].at("timestamp");
        }
    }
    ASSERT_GT(expected.size(), 2000u);

    CommandResult all = run_newsquery({"changes", "--since", "2000-01-01", "--limit", "0", "--format", "json",
                                       "--db", db});
    ASSERT_EQ(all.exit_code, 0) << all.err;
    auto lines = json_lines(all.out);
    ASSERT_EQ(lines.size(), expected.size());
    std::string previous = "9999";
    std::size_t mismatched = 0;
    for (const auto& line : lines) {
        std::pair<std::string, int> key{line.at("article_id"), line.at("revision").get<int>()};
        ASSERT_TRUE(expected.count(key)) << key.first << " r" << key.second;
        EXPECT_EQ(line.at("captured_at"), times[key]);
        std::set<std::string> parts;
        for (const auto& part : line.at("changed")) parts.insert(part.get<std::string>());
        if (parts != expected[key]) {
            ++mismatched;
            ADD_FAILURE() << key.first << " r" << key.second << ": " << line.at("changed");
            if (mismatched > 5) break;
        }
        std::string at = line.at("captured_at");
        EXPECT_LE(at, previous);  // newest first
        previous = at;
    }
    CommandResult titles = run_newsquery({"changes", "--since", "2000-01-01", "--limit", "0", "--what", "title",
                                          "--format", "csv", "--db", db});
    std::size_t rows = static_cast<std::size_t>(std::count(titles.out.begin(), titles.out.end(), '\n'));
    // Titles hold no newline, so a row is a line; the header is one more.
    EXPECT_EQ(rows, title_changes + 1);
}

}  // namespace
}  // namespace newsindex::testing
