// The bundled corpus and the generator, checked from the outside: the seed
// records as newsindex will read them, and newsgen's output measured from
// its JSON Lines alone (sentences split and consecutive versions aligned
// here), never from the generator's own --stats.
#include "query/text/sentences.h"
#include "schema/time.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsindex::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kCorpus = CORPUS_DIR;
constexpr auto kNytUrl = "http://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html";

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string string_field(const json& record, const char* name) {
    return record.contains(name) && record[name].is_string() ? record[name].get<std::string>() : "";
}

bool contains(const std::string& text, const std::string& phrase) {
    return text.find(phrase) != std::string::npos;
}

// ---------------------------------------------------------------- seeds ---

TEST(Seeds, HoldExactlyThreeRecordsThatNewsindexAccepts) {
    const auto records = read_jsonl(kCorpus / "seeds.jsonl");
    ASSERT_EQ(records.size(), 3u);
    for (const auto& record : records) {
        SCOPED_TRACE(record.dump().substr(0, 120));
        ASSERT_TRUE(record.is_object());
        EXPECT_FALSE(string_field(record, "source").empty());
        EXPECT_TRUE(record.contains("url") || record.contains("article_id"));
        ASSERT_TRUE(record["timestamp"].is_string());
        EXPECT_TRUE(schema::parse_time(record["timestamp"].get<std::string>()).has_value());
        EXPECT_FALSE(string_field(record, "title").empty());
        EXPECT_FALSE(string_field(record, "text").empty());
        EXPECT_EQ(string_field(record, "language"), "en");
        for (const char* field : {"title", "summary", "text", "url", "article_id"}) {
            if (record.contains(field)) {
                EXPECT_TRUE(record[field].is_string()) << field;
            }
        }
    }
}

TEST(Seeds, NytVersionsDifferWhereThePageShowsTheyDo) {
    const auto records = read_jsonl(kCorpus / "seeds.jsonl");
    std::vector<json> nyt;
    for (const auto& r : records) {
        if (string_field(r, "source") == "nytimes") nyt.push_back(r);
    }
    ASSERT_EQ(nyt.size(), 2u);
    EXPECT_EQ(string_field(nyt[0], "url"), kNytUrl);
    EXPECT_EQ(string_field(nyt[1], "url"), kNytUrl);
    EXPECT_FALSE(nyt[0].contains("article_id"));
    const auto t2 = schema::parse_time(string_field(nyt[0], "timestamp"));
    const auto t3 = schema::parse_time(string_field(nyt[1], "timestamp"));
    ASSERT_TRUE(t2 && t3);
    EXPECT_EQ(*t3 - *t2, 4 * 3600);  // "about 4 hours later"

    const auto v2 = string_field(nyt[0], "text");
    const auto v3 = string_field(nyt[1], "text");
    EXPECT_EQ(string_field(nyt[0], "title"),
              "John Kerry Urges Coalition to Address Growing ISIS Threat in Libya");
    EXPECT_EQ(string_field(nyt[1], "title"),
              "Anti-ISIS Coalition to Intensify Efforts, John Kerry Says");
    EXPECT_FALSE(contains(v2, "no appetite for sending"));
    EXPECT_TRUE(contains(v3, "no appetite for sending Ameican troops"));
    EXPECT_TRUE(contains(v2, "false caliphate"));
    EXPECT_TRUE(contains(v3, "false caliphate"));
    EXPECT_TRUE(contains(v2, "Madaya"));
    EXPECT_FALSE(contains(v3, "Madaya"));
    EXPECT_TRUE(contains(v2, "jointly hosted by Italy"));
    EXPECT_FALSE(contains(v3, "jointly hosted by Italy"));
    EXPECT_FALSE(contains(v2, "Paolo Gentiloni"));
    EXPECT_TRUE(contains(v3, "not curently contemplating"));
    // Paragraphs, not page rows: no row of the comparison page survives whole.
    EXPECT_EQ(std::count(v2.begin(), v2.end(), '\n'), 2 * 9);
    EXPECT_EQ(std::count(v3.begin(), v3.end(), '\n'), 2 * 14);
}

TEST(Seeds, XinhuaRecordHasNoPageFurniture) {
    const auto records = read_jsonl(kCorpus / "seeds.jsonl");
    const auto& xinhua = records.at(2);
    EXPECT_EQ(string_field(xinhua, "source"), "xinhua");
    EXPECT_EQ(string_field(xinhua, "article_id"), "xinhua:2016-02-02-rome-anti-is-coalition");
    EXPECT_FALSE(xinhua.contains("url"));
    const auto text = string_field(xinhua, "text");
    EXPECT_TRUE(text.starts_with("ROME, Feb. 2 -- Key members"));
    EXPECT_FALSE(contains(text, "Photo taken on"));
    EXPECT_FALSE(contains(text, "Day|Week"));
    EXPECT_TRUE(text.ends_with("failed so far to gain approval from the two rival parliaments."));
}

TEST(Snapshots, ExampleTreeHasOneCaptureWithHeaderAndOneWithout) {
    const auto dir = kCorpus / "snapshots" / "millbrook-gazette" / "mill-street-bridge";
    const auto plain = read_text(dir / "2024-03-04T07-30-00Z.txt");
    const auto with_header = read_text(dir / "2024-03-04T11-15-00Z.txt");
    EXPECT_TRUE(plain.starts_with("Mill Street bridge closed after inspectors find cracks\n\n"));
    EXPECT_TRUE(with_header.starts_with("Source: millbrook-gazette\nCaptured: 2024-03-04T11:15:00Z\n"));
    EXPECT_TRUE(contains(with_header, "\nLanguage: en\n\n"));
}

TEST(BundledCorpus, IndexesWithoutRejections) {
    ScratchDir scratch;
    const auto result = run_newsindex({"--db", (scratch / "db").string(), "--quiet",
                                       (kCorpus / "seeds.jsonl").string(),
                                       (kCorpus / "snapshots").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
}

// -------------------------------------------------------------- newsgen ---

CommandResult newsgen(const std::vector<std::string>& args) {
    std::vector<std::string> argv{NEWSGEN_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

std::vector<json> parse_lines(const std::string& jsonl) {
    std::vector<json> out;
    std::istringstream in(jsonl);
    std::string line;
    while (std::getline(in, line)) out.push_back(json::parse(line));
    return out;
}

TEST(Newsgen, SameSeedGivesIdenticalBytesOtherSeedDoesNot) {
    const auto first = newsgen({"--seed", "7", "--versions", "1500"});
    const auto again = newsgen({"--seed", "7", "--versions", "1500"});
    const auto other = newsgen({"--seed", "8", "--versions", "1500"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_FALSE(first.out.empty());
    EXPECT_TRUE(first.out == again.out);
    EXPECT_FALSE(first.out == other.out);
    EXPECT_EQ(std::count(first.out.begin(), first.out.end(), '\n'), 1500);

    ScratchDir scratch;
    const auto to_file =
        newsgen({"--seed", "7", "--versions", "1500", "--output", (scratch / "g.jsonl").string()});
    ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
    EXPECT_TRUE(read_text(scratch / "g.jsonl") == first.out);
}

TEST(Newsgen, RecordsHaveTheFieldsOfTheRealData) {
    const auto run = newsgen({"--seed", "3", "--versions", "300", "--start", "2023-06-01T08:00:00Z"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto records = parse_lines(run.out);
    ASSERT_EQ(records.size(), 300u);
    std::string previous_time;
    for (const auto& r : records) {
        for (const char* field : {"source", "url", "article_id", "timestamp", "title", "summary",
                                  "text", "author", "language", "section"}) {
            ASSERT_TRUE(r.contains(field) && r[field].is_string()) << field << " in " << r.dump();
        }
        ASSERT_TRUE(r["version"].is_number_unsigned());
        const auto source = string_field(r, "source");
        const auto url = string_field(r, "url");
        EXPECT_EQ(string_field(r, "article_id"), source + ":" + url);
        EXPECT_TRUE(url.starts_with("https://")) << url;
        EXPECT_TRUE(contains(url, "/" + string_field(r, "section") + "/20")) << url;
        EXPECT_EQ(string_field(r, "language"), "en");
        const auto time = string_field(r, "timestamp");
        ASSERT_EQ(time.size(), 20u) << time;  // YYYY-MM-DDTHH:MM:SSZ
        EXPECT_TRUE(schema::parse_time(time).has_value()) << time;
        EXPECT_GE(time, "2023-06-01T08:00:00Z");
        EXPECT_GE(time, previous_time);  // scraper order across articles
        previous_time = time;
        const auto text = string_field(r, "text");
        const auto words = std::count(text.begin(), text.end(), ' ') + 1;
        EXPECT_GE(words, 250);
        EXPECT_LE(words, 3000);
    }
}

// What changed between two consecutive versions, measured here.
struct Alignment {
    int added = 0;
    int changed = 0;
    int removed = 0;
};

std::multiset<std::string> words_of(const std::string& sentence) {
    std::multiset<std::string> words;
    std::istringstream in(sentence);
    std::string word;
    while (in >> word) words.insert(word);
    return words;
}

// Share of words two sentences have in common: an edited version of a
// sentence keeps most of its words, an unrelated sentence does not.
double similarity(const std::string& a, const std::string& b) {
    const auto wa = words_of(a);
    const auto wb = words_of(b);
    std::vector<std::string> common;
    std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(common));
    return static_cast<double>(common.size()) / static_cast<double>(std::max(wa.size(), wb.size()));
}

// Sentences only in `before` and only in `after` (as multisets); pairs of
// them that are at least half the same words are one changed sentence,
// matched best pair first; the rest were removed and added.
Alignment align(const std::string& before, const std::string& after) {
    std::map<std::string, int> balance;
    for (const auto& s : query::split_sentences(before)) --balance[s];
    for (const auto& s : query::split_sentences(after)) ++balance[s];
    std::vector<std::string> gone, arrived;
    for (const auto& [sentence, n] : balance) {
        for (int i = 0; i < -n; ++i) gone.push_back(sentence);
        for (int i = 0; i < n; ++i) arrived.push_back(sentence);
    }
    struct Pair {
        double score;
        std::size_t gone, arrived;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < gone.size(); ++i) {
        for (std::size_t j = 0; j < arrived.size(); ++j) {
            const double score = similarity(gone[i], arrived[j]);
            if (score >= 0.5) pairs.push_back({score, i, j});
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
        return a.score != b.score ? a.score > b.score
                                  : std::tie(a.gone, a.arrived) < std::tie(b.gone, b.arrived);
    });
    std::vector<bool> gone_used(gone.size()), arrived_used(arrived.size());
    Alignment result;
    for (const auto& p : pairs) {
        if (gone_used[p.gone] || arrived_used[p.arrived]) continue;
        gone_used[p.gone] = arrived_used[p.arrived] = true;
        ++result.changed;
    }
    result.removed = static_cast<int>(gone.size()) - result.changed;
    result.added = static_cast<int>(arrived.size()) - result.changed;
    return result;
}

TEST(Newsgen, RevisionStatisticsFollowNewsEdits) {
    ScratchDir scratch;
    const auto path = scratch / "gen.jsonl";
    const auto run = newsgen({"--seed", "11", "--versions", "20000", "--output", path.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto records = read_jsonl(path);
    ASSERT_EQ(records.size(), 20000u);

    struct Capture {
        std::uint64_t version;
        std::string timestamp;
        std::string content;  // title, summary and text
        std::string text;
    };
    std::unordered_map<std::string, std::vector<Capture>> articles;
    for (const auto& r : records) {
        auto& versions = articles[string_field(r, "article_id")];
        const auto text = string_field(r, "text");
        versions.push_back({r["version"].get<std::uint64_t>(), string_field(r, "timestamp"),
                            string_field(r, "title") + '\x1f' + string_field(r, "summary") +
                                '\x1f' + text,
                            text});
    }

    std::size_t most_versions = 0, transitions = 0, reverts = 0;
    long added = 0, changed = 0, removed = 0;
    for (const auto& [id, versions] : articles) {
        SCOPED_TRACE(id);
        most_versions = std::max(most_versions, versions.size());
        for (std::size_t i = 0; i < versions.size(); ++i) {
            ASSERT_EQ(versions[i].version, i);
            if (i == 0) continue;
            ASSERT_LT(versions[i - 1].timestamp, versions[i].timestamp);
            ASSERT_NE(versions[i - 1].content, versions[i].content) << "unchanged capture";
            for (std::size_t j = 0; j + 1 < i; ++j) {
                if (versions[j].content == versions[i].content) {
                    ++reverts;
                    break;
                }
            }
            const auto alignment = align(versions[i - 1].text, versions[i].text);
            added += alignment.added;
            changed += alignment.changed;
            removed += alignment.removed;
            ++transitions;
        }
    }
    ASSERT_GT(transitions, 0u);
    const double per_article = 20000.0 / static_cast<double>(articles.size());
    const auto mean = [&](long n) { return static_cast<double>(n) / static_cast<double>(transitions); };
    EXPECT_GE(per_article, 3.0);
    EXPECT_LE(per_article, 4.2);
    EXPECT_GE(mean(added), 2.5);
    EXPECT_LE(mean(added), 4.1);
    EXPECT_GE(mean(changed), 2.0);
    EXPECT_LE(mean(changed), 3.4);
    EXPECT_GE(mean(removed), 1.4);
    EXPECT_LE(mean(removed), 2.6);
    EXPECT_GE(most_versions, 20u);
    EXPECT_GE(reverts, 1u);
    RecordProperty("versions_per_article", std::to_string(per_article));
    RecordProperty("mean_added", std::to_string(mean(added)));
    RecordProperty("mean_changed", std::to_string(mean(changed)));
    RecordProperty("mean_removed", std::to_string(mean(removed)));
    RecordProperty("reverts", std::to_string(reverts));
}

TEST(Newsgen, GeneratedCorpusIndexesWithoutRejections) {
    ScratchDir scratch;
    const auto path = scratch / "gen.jsonl";
    ASSERT_EQ(newsgen({"--seed", "5", "--versions", "400", "--output", path.string()}).exit_code, 0);
    const auto result =
        run_newsindex({"--db", (scratch / "db").string(), "--quiet", path.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace newsindex::testing
