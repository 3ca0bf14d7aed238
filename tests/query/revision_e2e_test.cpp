// The revision commands on real data (SHARED_DATA_DIR/sample.jsonl.gz,
// 4,869 versions of 2,300 articles), checked against an independent
// computation in this file: each version's title, summary and text
// tokenised on their own (lower case, split on everything but letters,
// digits and apostrophes inside words, zero-width characters dropped — what
// Xapian's TermGenerator does to these words), a phrase matching where the
// token sequence holds it, versions ordered by (timestamp, version), and
// the transitions derived by hand. --no-stem keeps stemming out of it.
#include "tests/query/revision_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

using namespace newsindex::testing;

namespace {

const std::vector<std::string> kPhrases = {
    "coronavirus", "trump",     "prime minister", "lockdown",    "the white house",
    "biden",       "vaccine",   "police",         "new zealand", "covid 19",
    "china",       "regierung", "für die",        "said on"};

std::vector<std::string> tokens(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        while (!word.empty() && word.back() == '\'') word.pop_back();
        if (!word.empty()) out.push_back(word);
        word.clear();
    };
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch == 0x200B || ch == 0x200C || ch == 0x200D || ch == 0x2060 || ch == 0xFEFF) continue;
        if (ch == 0x2019) ch = '\'';
        auto category = Xapian::Unicode::get_category(ch);
        bool alnum = category <= Xapian::Unicode::OTHER_NUMBER;  // letters, marks, numbers
        if (alnum) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else if (ch == '\'' && !word.empty() && word.back() != '\'') {
            word += '\'';
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// A possessive is also its word: "trump's" holds "trump" (schema/terms.h).
bool holds(const std::vector<std::string>& haystack, const std::vector<std::string>& phrase) {
    auto is_word = [](const std::string& token, const std::string& word) {
        return token == word || (token.size() == word.size() + 2 && token.ends_with("'s") &&
                                 token.compare(0, word.size(), word) == 0);
    };
    return std::search(haystack.begin(), haystack.end(), phrase.begin(), phrase.end(), is_word) !=
           haystack.end();
}

struct Version {
    std::string timestamp;
    int version = 0;
    std::string article_id;
    std::array<std::vector<std::string>, 3> fields;
};

// article_id -> its versions in revision order.
using Corpus = std::map<std::string, std::vector<Version>>;

struct ExpectedEvent {
    std::string type;
    int revision;
    std::string captured_at;
    bool operator<(const ExpectedEvent& o) const {
        return std::tie(revision, type) < std::tie(o.revision, o.type);
    }
    bool operator==(const ExpectedEvent&) const = default;
};

struct ExpectedArticle {
    std::vector<ExpectedEvent> events;
    bool present_in_latest = false;
    int revisions = 0;
    bool operator==(const ExpectedArticle&) const = default;
};

std::ostream& operator<<(std::ostream& os, const ExpectedArticle& a) {
    for (const auto& e : a.events)
        os << e.type << " " << e.revision << " " << e.captured_at << "; ";
    return os << (a.present_in_latest ? "present" : "gone") << " of " << a.revisions;
}

std::map<std::string, ExpectedArticle> expected_timeline(const Corpus& corpus,
                                                         const std::string& phrase) {
    std::vector<std::string> words = tokens(phrase);
    std::map<std::string, ExpectedArticle> out;
    for (const auto& [id, versions] : corpus) {
        ExpectedArticle article;
        article.revisions = static_cast<int>(versions.size());
        bool before = false;
        for (std::size_t i = 0; i < versions.size(); ++i) {
            const auto& f = versions[i].fields;
            bool now = holds(f[0], words) || holds(f[1], words) || holds(f[2], words);
            int revision = static_cast<int>(i + 1);
            if (now && !before)
                article.events.push_back({"appeared", revision, versions[i].timestamp});
            if (!now && before)
                article.events.push_back({"vanished", revision, versions[i].timestamp});
            before = now;
        }
        article.present_in_latest = before;
        if (!article.events.empty()) out[id] = article;
    }
    return out;
}

ExpectedArticle actual_article(const nlohmann::json& article) {
    ExpectedArticle a;
    for (const auto& e : article.at("events")) {
        a.events.push_back({e.at("type"), e.at("revision"), e.at("captured_at")});
    }
    a.present_in_latest = article.at("present_in_latest");
    a.revisions = article.at("revisions");
    return a;
}

class SampleData : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto sample = shared_data_dir() / "sample.jsonl.gz";
        if (!std::filesystem::exists(sample)) return;
        dir_ = new ScratchDir;
        CommandResult r = run_newsindex({"--db", db(), "--quiet", sample.string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        corpus_ = new Corpus;
        for (const auto& record : read_jsonl(sample)) {
            Version v;
            v.timestamp = record.at("timestamp");
            v.version = record.at("version");
            v.article_id = record.at("article_id");
            v.fields = {tokens(record.value("title", "")), tokens(record.value("summary", "")),
                        tokens(record.value("text", ""))};
            (*corpus_)[v.article_id].push_back(std::move(v));
        }
        for (auto& [id, versions] : *corpus_) {
            std::sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) {
                return std::tie(a.timestamp, a.version) < std::tie(b.timestamp, b.version);
            });
        }
    }
    static void TearDownTestSuite() {
        delete dir_;
        delete corpus_;
        dir_ = nullptr;
        corpus_ = nullptr;
    }
    void SetUp() override {
        if (!dir_) GTEST_SKIP() << "no sample.jsonl.gz in " << shared_data_dir();
    }
    static std::string db() { return (*dir_ / "db").string(); }
    static std::string quoted(const std::string& phrase) {
        return phrase.find(' ') == std::string::npos ? phrase : "\"" + phrase + "\"";
    }
    CommandResult query(std::vector<std::string> args) {
        args.push_back("--db");
        args.push_back(db());
        return run_newsquery(args);
    }
    static ScratchDir* dir_;
    static Corpus* corpus_;
};
ScratchDir* SampleData::dir_ = nullptr;
Corpus* SampleData::corpus_ = nullptr;

}  // namespace

TEST_F(SampleData, TimelineAgreesWithAnIndependentComputationEventForEvent) {
    std::size_t later_appearances = 0, vanishings = 0;
    for (const std::string& phrase : kPhrases) {
        SCOPED_TRACE(phrase);
        auto expected = expected_timeline(*corpus_, phrase);
        ASSERT_FALSE(expected.empty());
        CommandResult r = query({"timeline", "--no-stem", "--format", "json", "--limit", "0", quoted(phrase)});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::map<std::string, ExpectedArticle> actual;
        std::string previous_first;
        for (const auto& article : json_lines(r.out)) {
            std::string id = article.at("article_id");
            actual[id] = actual_article(article);
            // Articles come in the order of their first event.
            std::string first = article.at("events")[0].at("captured_at");
            EXPECT_LE(previous_first, first);
            previous_first = first;
            for (const auto& e : article.at("events")) {
                EXPECT_FALSE(e.at("sentence").get<std::string>().empty()) << id;
            }
        }
        EXPECT_EQ(actual.size(), expected.size());
        for (const auto& [id, article] : expected) {
            EXPECT_EQ(actual[id], article) << id;
            for (const auto& e : article.events) {
                if (e.type == "vanished") ++vanishings;
                if (e.type == "appeared" && e.revision > 1) ++later_appearances;
            }
        }
    }
    // The comparison covered edits, not only births.
    EXPECT_GT(later_appearances, 20u);
    EXPECT_GT(vanishings, 20u);
}

TEST_F(SampleData, TheDefaultTimelineIsTheFirstTwentyArticlesOfTheWhole) {
    CommandResult whole = query({"timeline", "--format", "json", "--limit", "0", "coronavirus"});
    CommandResult page = query({"timeline", "--format", "json", "coronavirus"});
    CommandResult next = query({"timeline", "--format", "json", "--offset", "20", "coronavirus"});
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    ASSERT_EQ(page.exit_code, 0) << page.err;
    auto all = json_lines(whole.out);
    ASSERT_GT(all.size(), 40u);
    EXPECT_EQ(json_lines(page.out), std::vector<nlohmann::json>(all.begin(), all.begin() + 20));
    EXPECT_EQ(json_lines(next.out),
              std::vector<nlohmann::json>(all.begin() + 20, all.begin() + 40));
}

TEST_F(SampleData, ChangesAreTheEditsInsideTheWindowNewestFirst) {
    const std::string since = "2020-05-01T00:00:00Z", until = "2020-06-30T23:59:59Z";
    for (const std::string& phrase : {std::string("coronavirus"), std::string("police")}) {
        SCOPED_TRACE(phrase);
        using Row = std::tuple<std::string, std::string, std::string, int>;  // time, id, type, rev
        std::vector<Row> expected;
        for (const auto& [id, article] : expected_timeline(*corpus_, phrase)) {
            for (const auto& e : article.events) {
                if (e.revision == 1 || e.captured_at < since || e.captured_at > until) continue;
                expected.emplace_back(e.captured_at, id, e.type, e.revision);
            }
        }
        std::sort(expected.begin(), expected.end(), [](const Row& a, const Row& b) {
            if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
            if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) < std::get<1>(b);
            return std::get<3>(a) > std::get<3>(b);
        });
        ASSERT_FALSE(expected.empty());
        CommandResult r = query({"changes", "--no-stem", "--format", "json", "--since", since,
                                 "--until", until, quoted(phrase)});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::vector<Row> actual;
        for (const auto& c : json_lines(r.out)) {
            actual.emplace_back(c.at("captured_at"), c.at("article_id"), c.at("type"),
                                c.at("revision"));
        }
        EXPECT_EQ(actual, expected);
    }
}

namespace {

// A small XML well-formedness check for our own feed: tags balance, every
// "&" starts one of the five predefined entities, attribute values are
// quoted, no character XML 1.0 forbids. Returns "" or the first problem.
std::string xml_problem(const std::string& xml, std::map<std::string, int>& element_counts,
                        std::set<std::string>& entry_ids) {
    std::vector<std::string> open;
    std::size_t pos = 0;
    std::string last_text;
    for (Xapian::Utf8Iterator it(xml); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') return "control character";
        if (ch == 0xFFFE || ch == 0xFFFF) return "non-character";
    }
    while (pos < xml.size()) {
        std::size_t lt = xml.find('<', pos);
        std::string text = xml.substr(pos, lt == std::string::npos ? std::string::npos : lt - pos);
        for (std::size_t amp = text.find('&'); amp != std::string::npos;
             amp = text.find('&', amp + 1)) {
            bool ok = false;
            for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
                ok = ok || text.compare(amp, std::strlen(e), e) == 0;
            }
            if (!ok) return "bare & in text";
        }
        if (text.find('>') != std::string::npos) return "bare > in text";
        if (!open.empty() && open.back() == "id" && open.size() == 3) entry_ids.insert(text);
        if (lt == std::string::npos) break;
        std::size_t gt = xml.find('>', lt);
        if (gt == std::string::npos) return "unclosed tag";
        std::string tag = xml.substr(lt + 1, gt - lt - 1);
        pos = gt + 1;
        if (tag.starts_with("?")) continue;
        if (tag.find('<') != std::string::npos) return "< inside a tag";
        bool closing = tag.starts_with("/"), empty = tag.ends_with("/");
        std::string name =
            tag.substr(closing ? 1 : 0, tag.find_first_of(" /", 1) - (closing ? 1 : 0));
        if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) return "unbalanced quotes in " + name;
        if (closing) {
            if (open.empty() || open.back() != name) return "mismatched </" + name + ">";
            open.pop_back();
            continue;
        }
        ++element_counts[name];
        if (!empty) open.push_back(name);
    }
    return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

}  // namespace

TEST_F(SampleData, AtomFeedIsWellFormedWithOneEntryPerChange) {
    std::vector<std::string> args = {"changes", "--since", "2020-01-01", "police OR says OR the", "--limit=0"};
    CommandResult json = query({args[0], args[1], args[2], args[3], args[4], "--format", "json"});
    CommandResult atom = query({args[0], args[1], args[2], args[3], args[4], "--format", "atom"});
    ASSERT_EQ(atom.exit_code, 0) << atom.err;
    std::size_t changes = json_lines(json.out).size();
    ASSERT_GT(changes, 100u);

    std::map<std::string, int> counts;
    std::set<std::string> ids;
    EXPECT_EQ(xml_problem(atom.out, counts, ids), "");
    EXPECT_TRUE(
        atom.out.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
                             "xmlns=\"http://www.w3.org/2005/Atom\">"));
    EXPECT_EQ(counts["feed"], 1);
    EXPECT_EQ(counts["entry"], static_cast<int>(changes));
    for (const char* per_entry : {"title", "updated", "link", "summary"}) {
        EXPECT_EQ(counts[per_entry],
                  static_cast<int>(changes) +
                      (per_entry == std::string("title") || per_entry == std::string("updated") ||
                       per_entry == std::string("link")));  // the feed's own: title, updated, self link
    }
    EXPECT_EQ(counts["id"], static_cast<int>(changes) + 1);
    EXPECT_EQ(counts["author"], 1);
    // Entry ids are unique and the same on the next run.
    EXPECT_EQ(ids.size(), changes);
    EXPECT_EQ(query({args[0], args[1], args[2], args[3], args[4], "--format", "atom"}).out, atom.out);
    // The default --limit keeps the newest 100, and the table says so.
    EXPECT_EQ(json_lines(query({args[0], args[1], args[2], args[3], "--format", "json"}).out).size(), 100u);
    EXPECT_TRUE(query({args[0], args[1], args[2], args[3]})
                    .out.starts_with(fmt::format("100 of {} changes, the newest (--limit)\n", changes)));
}

TEST_F(SampleData, HistoryShowAndDiffReadEveryRevisionOfRealArticles) {
    // A spread of articles with several revisions.
    int checked = 0;
    for (const auto& [id, versions] : *corpus_) {
        if (versions.size() < 3 || checked++ % 7 != 0 || checked > 150) continue;
        SCOPED_TRACE(id);
        auto history = json_lines(query({"history", id, "--format", "json"}).out);
        ASSERT_EQ(history.size(), versions.size());
        for (std::size_t i = 0; i < versions.size(); ++i) {
            EXPECT_EQ(history[i].at("revision"), static_cast<int>(i + 1));
            EXPECT_EQ(history[i].at("captured_at"), versions[i].timestamp);
        }
        // Consecutive stored versions differ, so every revision changed something.
        for (std::size_t i = 1; i < history.size(); ++i) {
            EXPECT_GT(history[i].at("added").get<int>() + history[i].at("removed").get<int>(), 0);
        }
        CommandResult diff =
            query({"diff", id, "1", std::to_string(versions.size()), "--format", "json"});
        ASSERT_EQ(diff.exit_code, 0) << diff.err;
        auto d = nlohmann::json::parse(diff.out);
        EXPECT_EQ(d.at("to").at("revision"), static_cast<int>(versions.size()));
        auto shown =
            nlohmann::json::parse(query({"show", id, "--revision", "2", "--format", "json"}).out);
        EXPECT_EQ(shown.at("captured_at"), versions[1].timestamp);
    }
    EXPECT_GT(checked, 20);
}

TEST_F(SampleData, ChangesLooksAtTheLastDayByDefaultAndReportsNothingFound) {
    CommandResult last_day = query({"changes", "police"});  // the sample ends long before today
    EXPECT_EQ(last_day.exit_code, 1) << last_day.err;
    EXPECT_TRUE(last_day.out.starts_with("0 changes\n")) << last_day.out;
    CommandResult none = query({"changes", "police", "--since", "2030-01-01", "--format", "atom"});
    EXPECT_EQ(none.exit_code, 1);
    std::map<std::string, int> counts;
    std::set<std::string> ids;
    EXPECT_EQ(xml_problem(none.out, counts, ids), "");  // an empty feed is still a feed
    EXPECT_EQ(counts["entry"], 0);
}
