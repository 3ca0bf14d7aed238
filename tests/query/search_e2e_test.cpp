// newsquery search end to end: the built newsindex indexes real files, the
// built newsquery searches them, and every answer is checked against sets
// computed here, independently, from the JSON Lines themselves.
//
// The independent side: every record of sample.jsonl.gz is its own version
// (the file has no consecutive captures with the same text); revisions
// number an article's records in (timestamp, version) order; text is
// tokenised below. Queries are chosen so this simple tokeniser and Xapian's
// agree on every word involved: plain words, --no-stem.
#include "query/database.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;
using Json = nlohmann::json;
using VersionName = std::pair<std::string, std::uint32_t>;  // (article_id, revision)
using VersionSet = std::set<VersionName>;

namespace {

// ---- The independent model of the corpus ----------------------------------

using Words = std::vector<std::string>;

// Lower-cased words: runs of ASCII letters and digits and of non-ASCII
// letters; an apostrophe (' or U+2019) inside a word belongs to it
// ("trump's"); zero-width characters vanish; other punctuation separates.
Words tokenise(const std::string& text) {
    Words words;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) words.push_back(word);
        word.clear();
    };
    std::size_t i = 0;
    auto next_is_word = [&](std::size_t at) {
        if (at >= text.size()) return false;
        unsigned char c = static_cast<unsigned char>(text[at]);
        return std::isalnum(c) || c >= 0xC3;
    };
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        std::string ch = text.substr(i, len);
        i += len;
        if (ch == "\u200B" || ch == "\u200C" || ch == "\u200D" || ch == "\u2060" || ch == "\uFEFF") {
            continue;
        }
        bool apostrophe = ch == "'" || ch == "\u2019";
        if (apostrophe && !word.empty() && next_is_word(i)) {
            word += '\'';
        } else if (len == 1 && std::isalnum(c)) {
            word += static_cast<char>(std::tolower(c));
        } else if (len > 1 && ch.rfind("\u2000", 0) != 0 && ch.rfind("\u2010", 0) != 0 &&
                   ch.rfind("\u2020", 0) != 0 && static_cast<unsigned char>(ch[0]) != 0xC2) {
            word += ch;  // a non-ASCII letter (general punctuation and Latin-1 signs excluded)
        } else {
            flush();
        }
    }
    flush();
    return words;
}

struct Version {
    std::string article_id, source, timestamp;
    std::uint32_t revision = 0, revisions = 0;
    std::string next_timestamp;  // "" for the latest
    std::vector<Words> fields;   // title, summary, text
    std::set<std::string> words, title_words;

    bool has(const std::string& w) const { return words.count(w) > 0; }
    bool has_prefix(const std::string& p) const {
        auto it = words.lower_bound(p);
        return it != words.end() && it->rfind(p, 0) == 0;
    }
    // A possessive is also its word: "trump's" stands for "trump" too.
    static bool is_word(const std::string& token, const std::string& word) {
        return token == word || (token.size() == word.size() + 2 && token.ends_with("'s") &&
                                 token.compare(0, word.size(), word) == 0);
    }
    bool has_phrase(const Words& phrase) const {
        for (const auto& field : fields) {
            if (std::search(field.begin(), field.end(), phrase.begin(), phrase.end(), is_word) !=
                field.end()) {
                return true;
            }
        }
        return false;
    }
    VersionName name() const { return {article_id, revision}; }
};

std::vector<Version> load_versions(const std::filesystem::path& jsonl) {
    std::vector<Version> versions;
    std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::pair<std::string, long>, std::size_t>>> articles;
    for (const Json& record : newsindex::testing::read_jsonl(jsonl)) {
        Version v;
        v.source = record.at("source");
        v.article_id = record.at("article_id");
        v.timestamp = record.at("timestamp");
        for (const char* field : {"title", "summary", "text"}) {
            v.fields.push_back(tokenise(record.value(field, "")));
        }
        // A possessive is also its word (at the same place).
        auto words_of = [](const Words& field) {
            std::set<std::string> words(field.begin(), field.end());
            for (const std::string& w : field) {
                if (w.size() > 2 && w.ends_with("'s")) words.insert(w.substr(0, w.size() - 2));
            }
            return words;
        };
        v.title_words = words_of(v.fields[0]);
        for (const auto& field : v.fields) v.words.merge(words_of(field));
        articles[{v.source, v.article_id}].push_back(
            {{v.timestamp, record.value("version", 0L)}, versions.size()});
        versions.push_back(std::move(v));
    }
    for (auto& [key, captures] : articles) {
        std::sort(captures.begin(), captures.end());
        for (std::size_t i = 0; i < captures.size(); ++i) {
            Version& v = versions[captures[i].second];
            v.revision = static_cast<std::uint32_t>(i + 1);
            v.revisions = static_cast<std::uint32_t>(captures.size());
            if (i + 1 < captures.size()) v.next_timestamp = captures[i + 1].first.first;
        }
    }
    return versions;
}

VersionSet expected(const std::vector<Version>& versions, const std::function<bool(const Version&)>& match) {
    VersionSet names;
    for (const auto& v : versions) {
        if (match(v)) names.insert(v.name());
    }
    return names;
}

// ---- Running newsquery ------------------------------------------------------

std::vector<Json> json_lines(const std::string& out) {
    std::vector<Json> rows;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) rows.push_back(Json::parse(line));
    return rows;
}

// RFC 4180 records (quoted fields may hold commas, quotes, newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

class Corpus {
  public:
    explicit Corpus(const std::filesystem::path& jsonl) : jsonl_(jsonl) {
        CommandResult indexed = run_newsindex({"--db", db(), "--quiet", jsonl.string()});
        EXPECT_EQ(indexed.exit_code, 0) << indexed.err;
    }
    std::string db() const { return (dir_ / "db").string(); }

    CommandResult query(std::vector<std::string> args) const {
        args.insert(args.begin(), {"search", "--db", db()});
        return run_newsquery(args);
    }
    // Every matching version, as (article_id, revision).
    VersionSet all_versions(const std::string& text, std::vector<std::string> flags = {}) const {
        flags.insert(flags.end(), {"--all-versions", "--limit", "0", "--format", "json", "--no-stem", text});
        CommandResult r = query(flags);
        EXPECT_EQ(r.exit_code, 0) << text << ": " << r.err;
        VersionSet names;
        for (const Json& row : json_lines(r.out)) {
            VersionName name{row.at("article_id"), row.at("revision")};
            bool fresh = names.insert(name).second;
            EXPECT_TRUE(fresh) << "version listed twice: " << row.dump();
        }
        return names;
    }

  private:
    ScratchDir dir_;
    std::filesystem::path jsonl_;
};

std::filesystem::path sample_path() { return newsindex::testing::shared_data_dir() / "sample.jsonl.gz"; }

}  // namespace

// ---- The bundled seeds: one NYT article in two versions, one Xinhua ------

class SeedsSearch : public ::testing::Test {
  protected:
    Corpus corpus_{std::filesystem::path(CORPUS_DIR) / "seeds.jsonl"};
};

TEST_F(SeedsSearch, APhraseOnlyInTheSecondVersionFindsThatRevision) {
    CommandResult r = corpus_.query({"--format", "json", "\"no appetite for sending\""});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto rows = json_lines(r.out);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["source"], "nytimes");
    EXPECT_EQ(rows[0]["url"], "http://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html");
    EXPECT_EQ(rows[0]["revision"], 2);
    EXPECT_EQ(rows[0]["revisions"], 2);
    EXPECT_EQ(rows[0]["captured_at"], "2016-02-02T16:00:00Z");
    EXPECT_EQ(rows[0]["matching_revisions"], Json::array({2}));
    EXPECT_EQ(rows[0]["title"], "Anti-ISIS Coalition to Intensify Efforts, John Kerry Says");
}

TEST_F(SeedsSearch, APhraseInEveryVersionIsOneRowPerArticleOrEveryVersion) {
    CommandResult r = corpus_.query({"--format", "json", "\"false caliphate\""});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, Json> by_source;
    for (const Json& row : json_lines(r.out)) by_source[row["source"]] = row;
    ASSERT_EQ(by_source.size(), 2u);
    EXPECT_EQ(by_source["nytimes"]["matching_revisions"], Json::array({1, 2}));
    EXPECT_EQ(by_source["xinhua"]["matching_revisions"], Json::array({1}));
    EXPECT_EQ(by_source["xinhua"]["article_id"], "xinhua:2016-02-02-rome-anti-is-coalition");

    r = corpus_.query({"--format", "json", "--all-versions", "\"false caliphate\""});
    std::vector<std::pair<std::string, int>> versions;
    for (const Json& row : json_lines(r.out)) versions.emplace_back(row["source"], row["revision"]);
    std::sort(versions.begin(), versions.end());
    EXPECT_EQ(versions, (std::vector<std::pair<std::string, int>>{{"nytimes", 1}, {"nytimes", 2}, {"xinhua", 1}}));
}

// The NYT record has a URL and no article_id: every command names the
// article by the same identity, its normalised URL, and by the same key.
TEST_F(SeedsSearch, EveryCommandNamesAnArticleWithoutIdByItsNormalisedUrl) {
    const std::string identity = "https://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html";
    const std::string url = "http://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html";
    CommandResult search = corpus_.query({"--format", "json", "\"no appetite for sending\""});
    ASSERT_EQ(search.exit_code, 0) << search.err;
    auto rows = json_lines(search.out);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["article_id"], identity);
    const Json key = rows[0]["article_key"];

    const std::string db = corpus_.db();
    for (std::vector<std::string> args :
         {std::vector<std::string>{"timeline", "--db", db, "--format", "json", "Madaya"},
          std::vector<std::string>{"history", "--db", db, "--format", "json", url},
          std::vector<std::string>{"show", "--db", db, "--format", "json", url},
          std::vector<std::string>{"diff", "--db", db, "--format", "json", url}}) {
        CommandResult r = run_newsquery(args);
        ASSERT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
        for (const Json& row : json_lines(r.out)) {
            EXPECT_EQ(row["article_id"], identity) << args[0] << ": " << row.dump();
            EXPECT_EQ(row["article_key"], key) << args[0] << ": " << row.dump();
        }
    }
}

TEST_F(SeedsSearch, AsOfSeesTheCorpusAsItStoodThen) {
    auto sources_revisions = [&](const std::string& as_of) {
        CommandResult r = corpus_.query({"--format", "json", "--as-of", as_of, "\"false caliphate\""});
        std::vector<std::pair<std::string, int>> versions;
        for (const Json& row : json_lines(r.out)) versions.emplace_back(row["source"], row["revision"]);
        std::sort(versions.begin(), versions.end());
        return versions;
    };
    using SR = std::vector<std::pair<std::string, int>>;
    EXPECT_EQ(sources_revisions("2016-02-02T15:59:59Z"), (SR{{"nytimes", 1}}));
    EXPECT_EQ(sources_revisions("2016-02-02T16:00:00Z"), (SR{{"nytimes", 2}}));
    EXPECT_EQ(sources_revisions("2016-02-02"), (SR{{"nytimes", 2}, {"xinhua", 1}}));
}

// ---- The real sample: 4,869 versions of 2,300 articles ----------------------

class SampleSearch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (!std::filesystem::exists(sample_path())) return;
        versions_ = new std::vector<Version>(load_versions(sample_path()));
        corpus_ = new Corpus(sample_path());
    }
    static void TearDownTestSuite() {
        delete corpus_;
        delete versions_;
        corpus_ = nullptr;
        versions_ = nullptr;
    }
    void SetUp() override {
        if (!corpus_) GTEST_SKIP() << "no " << sample_path();
    }
    VersionSet expect(const std::function<bool(const Version&)>& match) const {
        return expected(*versions_, match);
    }

    static std::vector<Version>* versions_;
    static Corpus* corpus_;
};
std::vector<Version>* SampleSearch::versions_ = nullptr;
Corpus* SampleSearch::corpus_ = nullptr;

TEST_F(SampleSearch, QueriesMatchExactlyTheVersionsThatContainThem) {
    auto phrase = [](const std::string& text) {
        Words words = tokenise(text);
        return [words](const Version& v) { return v.has_phrase(words); };
    };
    struct Case {
        std::string query;
        std::vector<std::string> flags;
        std::function<bool(const Version&)> match;
    };
    const std::vector<Case> cases = {
        {"\"second wave\"", {}, phrase("second wave")},
        {"\"face covering\"", {}, phrase("face covering")},
        {"\"jacinda ardern\"", {}, phrase("jacinda ardern")},
        {"coronavirus AND lockdown", {}, [](const Version& v) { return v.has("coronavirus") && v.has("lockdown"); }},
        {"trump biden", {}, [](const Version& v) { return v.has("trump") && v.has("biden"); }},
        {"biden OR zelensky", {}, [](const Version& v) { return v.has("biden") || v.has("zelensky"); }},
        {"vaccine NOT coronavirus", {}, [](const Version& v) { return v.has("vaccine") && !v.has("coronavirus"); }},
        {"(biden OR zelensky) AND NOT trump", {},
         [](const Version& v) { return (v.has("biden") || v.has("zelensky")) && !v.has("trump"); }},
        {"title:lockdown", {}, [](const Version& v) { return v.title_words.count("lockdown") > 0; }},
        {"biden source:nytimes", {}, [](const Version& v) { return v.has("biden") && v.source == "nytimes"; }},
        {"coronavirus date:2020-05-01..2020-05-03", {},
         [](const Version& v) { return v.has("coronavirus") && v.timestamp >= "2020-05-01" && v.timestamp < "2020-05-04"; }},
        {"coronavirus", {"--since", "2020-05-01", "--until", "2020-05-03"},
         [](const Version& v) { return v.has("coronavirus") && v.timestamp >= "2020-05-01" && v.timestamp < "2020-05-04"; }},
        {"trump", {}, [](const Version& v) { return v.has("trump"); }},
        {"\"donald trump\"", {}, phrase("donald trump")},
        {"\"trump administration\"", {}, phrase("trump administration")},
        {"title:trump", {}, [](const Version& v) { return v.title_words.count("trump") > 0; }},
        {"trump", {"--first"}, [](const Version& v) { return v.has("trump") && v.revision == 1; }},
        {"trump", {"--latest"}, [](const Version& v) { return v.has("trump") && v.revision == v.revisions; }},
        {"coronavirus", {"--as-of", "2020-05-01T00:00:00Z"},
         [](const Version& v) {
             const std::string t = "2020-05-01T00:00:00Z";
             return v.has("coronavirus") && v.timestamp <= t && (v.next_timestamp.empty() || v.next_timestamp > t);
         }},
        {"vaccin*", {}, [](const Version& v) { return v.has_prefix("vaccin"); }},
        {"zelensk*", {}, [](const Version& v) { return v.has_prefix("zelensk"); }},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.query);
        VersionSet want = expect(c.match);
        EXPECT_GE(want.size(), 4u) << "a query should pin down more than a handful";
        EXPECT_EQ(corpus_->all_versions(c.query, c.flags), want);
    }
}

TEST_F(SampleSearch, APossessiveIsTheWordInSearchesAndPhrases) {
    // Versions that say "Trump's" (or "Trump’s") and never "Trump" alone,
    // in the model: they must be among the matches of `trump`.
    VersionSet only_possessive = expect([](const Version& v) {
        for (const auto& field : v.fields) {
            if (std::count(field.begin(), field.end(), "trump") > 0) return false;
        }
        return v.has("trump's");
    });
    ASSERT_GE(only_possessive.size(), 3u);
    VersionSet found = corpus_->all_versions("trump");
    for (const VersionName& name : only_possessive) EXPECT_EQ(found.count(name), 1u) << name.first;
    // "Donald Trump's" is the phrase "donald trump"; the possessive itself
    // stays a word of its own.
    VersionSet possessive_phrase = expect([](const Version& v) {
        for (const auto& field : v.fields) {
            Words words{"donald", "trump's"};
            if (std::search(field.begin(), field.end(), words.begin(), words.end()) != field.end()) {
                return true;
            }
        }
        return false;
    });
    ASSERT_GE(possessive_phrase.size(), 3u);
    VersionSet phrase = corpus_->all_versions("\"donald trump\"");
    for (const VersionName& name : possessive_phrase) EXPECT_EQ(phrase.count(name), 1u) << name.first;
    EXPECT_EQ(corpus_->all_versions("\"donald trump's\""), possessive_phrase);
}

TEST_F(SampleSearch, CollapsedRowsAreOnePerArticleWithItsMatchingRevisions) {
    for (std::string text : {"second wave", "coronavirus vaccine", "active cases"}) {
        SCOPED_TRACE(text);
        Words words = tokenise(text);
        std::map<std::string, std::vector<std::uint32_t>> want;  // article_id -> revisions
        std::map<std::string, std::uint32_t> revisions;
        for (const auto& v : *versions_) {
            if (!v.has_phrase(words)) continue;
            want[v.article_id].push_back(v.revision);
            revisions[v.article_id] = v.revisions;
        }
        for (auto& [id, list] : want) std::sort(list.begin(), list.end());
        bool some_article_matches_partly = false;
        for (const auto& [id, list] : want) some_article_matches_partly |= list.size() < revisions[id];
        EXPECT_TRUE(some_article_matches_partly);

        std::string query = "\"" + text + "\"";
        CommandResult r = corpus_->query({"--format", "json", "--limit", "0", "--no-stem", query});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::map<std::string, std::vector<std::uint32_t>> got;
        for (const Json& row : json_lines(r.out)) {
            std::string id = row["article_id"];
            EXPECT_EQ(got.count(id), 0u) << "article listed twice: " << id;
            got[id] = row["matching_revisions"].get<std::vector<std::uint32_t>>();
            EXPECT_EQ(row["revisions"], revisions[id]);
            EXPECT_TRUE(std::count(got[id].begin(), got[id].end(), row["revision"].get<std::uint32_t>()));
        }
        EXPECT_EQ(got, want);

        r = corpus_->query({"--limit", "0", "--no-stem", query});
        std::size_t versions = 0;
        for (const auto& [id, list] : want) versions += list.size();
        EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
                  std::to_string(want.size()) + " articles, " + std::to_string(versions) +
                      " versions match");
    }
}

TEST_F(SampleSearch, JsonAndCsvCarryTheSameRowsInTheirDocumentedShape) {
    const std::string query = "title:lockdown";
    CommandResult json = corpus_->query({"--all-versions", "--limit", "0", "--format", "json", "--no-stem", query});
    CommandResult csv = corpus_->query({"--all-versions", "--limit", "0", "--format", "csv", "--no-stem", query});
    ASSERT_EQ(json.exit_code, 0);
    ASSERT_EQ(csv.exit_code, 0);
    std::vector<Json> rows = json_lines(json.out);
    ASSERT_EQ(rows.size(), expect([](const Version& v) { return v.title_words.count("lockdown") > 0; }).size());

    const std::set<std::string> keys = {"article_id", "article_key", "source",   "url",
                                        "title",      "revision",    "revisions", "captured_at",
                                        "matching_revisions", "snippet"};
    std::map<VersionName, std::string> timestamps;
    for (const auto& v : *versions_) timestamps[v.name()] = v.timestamp;
    const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
    for (const Json& row : rows) {
        std::set<std::string> row_keys;
        for (const auto& [k, value] : row.items()) row_keys.insert(k);
        EXPECT_EQ(row_keys, keys);
        EXPECT_TRUE(row["article_id"].is_string() && row["title"].is_string() && row["snippet"].is_string());
        EXPECT_TRUE(row["revision"].is_number_unsigned() && row["revisions"].is_number_unsigned());
        EXPECT_TRUE(row["matching_revisions"].is_array());
        EXPECT_TRUE(std::regex_match(row["captured_at"].get<std::string>(), iso));
        VersionName name{row["article_id"], row["revision"]};
        EXPECT_EQ(row["captured_at"], timestamps[name]);
        EXPECT_EQ(row["snippet"].get<std::string>().find('\033'), std::string::npos);
    }

    auto table = parse_csv(csv.out);
    ASSERT_EQ(table.size(), rows.size() + 1);
    EXPECT_EQ(table[0], (std::vector<std::string>{"article_id", "article_key", "source", "url", "title",
                                                  "revision", "revisions", "captured_at",
                                                  "matching_revisions", "snippet"}));
    bool saw_comma_title = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        ASSERT_EQ(table[i + 1].size(), 10u);
        EXPECT_EQ(table[i + 1][0], rows[i]["article_id"]);
        EXPECT_EQ(table[i + 1][4], rows[i]["title"]);
        EXPECT_EQ(table[i + 1][5], std::to_string(rows[i]["revision"].get<int>()));
        saw_comma_title |= table[i + 1][4].find(',') != std::string::npos;
    }
    EXPECT_TRUE(saw_comma_title) << "the query should include a title with a comma";
}

TEST_F(SampleSearch, ExitCodesFollowGrep) {
    EXPECT_EQ(corpus_->query({"coronavirus"}).exit_code, 0);
    CommandResult none = corpus_->query({"zzyzxqqq"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_EQ(none.err, "");

    CommandResult bad = corpus_->query({"coronavirus AND"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.out, "");
    EXPECT_EQ(bad.err.rfind("newsquery: bad query 'coronavirus AND': ", 0), 0u) << bad.err;
    EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1);

    EXPECT_EQ(corpus_->query({""}).exit_code, 2);
    EXPECT_EQ(corpus_->query({"--no-such-flag", "x"}).exit_code, 2);
    EXPECT_EQ(corpus_->query({"--since", "someday", "x"}).exit_code, 2);
    EXPECT_EQ(run_newsquery({"search"}).exit_code, 2);
    EXPECT_EQ(run_newsquery({}).exit_code, 2);

    ScratchDir empty;
    CommandResult missing = run_newsquery({"search", "--db", (empty / "none").string(), "x"});
    EXPECT_EQ(missing.exit_code, 66);
    EXPECT_NE(missing.err.find("no database at"), std::string::npos);

    CommandResult help = run_newsquery({"search", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char* documented : {"NEAR", "title:", "date:", "--all-versions", "NEWSINDEX_DB", "66"}) {
        EXPECT_NE(help.out.find(documented), std::string::npos) << documented;
    }
}
