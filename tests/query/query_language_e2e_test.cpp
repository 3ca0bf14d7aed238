// The query language end to end, on the real sample (tests/support:
// shared_data_dir): the built newsindex indexes it, the built newsquery
// answers, and every expected answer is computed here from the JSON Lines.
//   - A query the parser would take leniently (a stray bracket, an open
//     quote, an unknown field, a blank query, a date range backwards) is
//     refused by search, timeline and changes alike: exit 2, one line.
//   - A query that finds nothing offers "did you mean" from the spelling data.
//   - site: matches a host and the hosts under it on label boundaries; url:
//     with a path finds the article captured there.
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

using newsindex::testing::CommandResult;
using newsindex::testing::run_newsindex;
using newsindex::testing::run_newsquery;
using newsindex::testing::ScratchDir;
using Json = nlohmann::json;
using Ids = std::set<std::string>;

namespace {

std::filesystem::path sample_path() {
    return newsindex::testing::shared_data_dir() / "sample.jsonl.gz";
}

// The host of an absolute URL, lower case, without "www." or port.
std::string host_of(const std::string& url) {
    std::size_t start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    std::size_t end = url.find_first_of(":/?#", start);
    std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

std::size_t lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class QueryLanguage : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (!std::filesystem::exists(sample_path())) return;
        dir_ = new ScratchDir;
        CommandResult indexed = run_newsindex({"--db", db(), "--quiet", sample_path().string()});
        ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
        records_ = new std::vector<Json>(newsindex::testing::read_jsonl(sample_path()));
    }
    static void TearDownTestSuite() {
        delete records_;
        delete dir_;
        records_ = nullptr;
        dir_ = nullptr;
    }
    void SetUp() override {
        if (!dir_) GTEST_SKIP() << "no " << sample_path();
    }

    static std::string db() { return (dir_->path() / "db").string(); }

    static CommandResult run(const std::string& command, const std::string& text) {
        std::vector<std::string> args{command, "--db", db()};
        if (command == "changes") args.insert(args.end(), {"--since", "2000-01-01"});
        args.push_back(text);
        return run_newsquery(args);
    }

    // The article ids `search` finds for `text`, every one.
    static Ids found(const std::string& text) {
        CommandResult r = run_newsquery({"search", "--db", db(), "--limit", "0", "--format",
                                         "json", text});
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << text << ": " << r.err;
        Ids ids;
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) ids.insert(Json::parse(line).at("article_id").get<std::string>());
        }
        return ids;
    }

    // The article ids of the records whose URL satisfies `keep`.
    template <typename Keep>
    static Ids articles_where(Keep keep) {
        Ids ids;
        for (const Json& record : *records_) {
            if (keep(record.at("url").get<std::string>())) {
                ids.insert(record.at("article_id").get<std::string>());
            }
        }
        return ids;
    }

    static ScratchDir* dir_;
    static std::vector<Json>* records_;
};

ScratchDir* QueryLanguage::dir_ = nullptr;
std::vector<Json>* QueryLanguage::records_ = nullptr;

}  // namespace

TEST_F(QueryLanguage, EveryCommandRefusesWhatTheParserWouldTakeSilently) {
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"ceasefire)", "')' at character 10 closes no '('"},
        {"(gaza OR ceasefire", "unclosed '(' at character 1"},
        {"kerry \"no appetite", "unclosed quote at character 7"},
        {"titel:ceasefire",
         "unknown field \"titel:\" at character 1 (fields: title, author, source, site, url, "
         "lang, date)"},
        {"section:world ceasefire", "unknown field \"section:\" at character 1"},
        {"date:2021-03-01..2021-02-01", "ends before it starts"},
        {"\n", "the query is blank"},
        {"  \t ", "the query is blank"},
    };
    for (const char* command : {"search", "timeline", "changes"}) {
        for (const auto& [text, problem] : refused) {
            CommandResult r = run(command, text);
            EXPECT_EQ(r.exit_code, 2) << command << " " << text << ": " << r.out;
            EXPECT_NE(r.err.find(problem), std::string::npos) << command << " " << text << ": " << r.err;
            EXPECT_EQ(lines(r.err), 1u) << command << " " << text << ": " << r.err;
            EXPECT_EQ(r.out, "") << command << " " << text;
        }
    }
}

TEST_F(QueryLanguage, NothingFoundOffersTheClosestSpellingsTheDatabaseHolds) {
    // "coronavirus" and "vaccine" are in the sample; the misspellings are not.
    for (const char* command : {"search", "timeline", "changes"}) {
        CommandResult r = run(command, "coronavirsu vacine");
        EXPECT_EQ(r.exit_code, 1) << command << ": " << r.err;
        EXPECT_EQ(r.err, "newsquery: did you mean: coronavirus vaccine\n") << command;
    }
    // Found: nothing to offer. Nothing close: nothing to offer either.
    EXPECT_EQ(run("search", "coronavirus").err, "");
    CommandResult none = run("search", "qqxqzzj");
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_EQ(none.err, "");
}

TEST_F(QueryLanguage, SiteMatchesAHostAndTheHostsUnderItOnLabelBoundaries) {
    for (const std::string site : {"bild.de", "zeit.de", "co.uk", "bbc.co.uk", "npr.org", "de",
                                   "com.au", "eit.de", "bc.co.uk", "ww.bbc.com"}) {
        Ids expected = articles_where([&](const std::string& url) {
            std::string host = host_of(url);
            return host == site ||
                   (host.size() > site.size() && host.ends_with("." + site));
        });
        EXPECT_EQ(found("site:" + site), expected) << site;
    }
    // The sample holds hosts under bild.de besides (www.)bild.de itself,
    // which url: without a path names alone: the test means something.
    EXPECT_GT(found("site:bild.de").size(), found("url:bild.de").size());
    EXPECT_EQ(found("site:www.bild.de"), found("site:bild.de"));
}

TEST_F(QueryLanguage, UrlWithAPathFindsTheArticleCapturedThere) {
    std::set<std::string> urls;
    for (const Json& record : *records_) urls.insert(record.at("url").get<std::string>());
    int tried = 0;
    for (const std::string& url : urls) {
        if (url.find('?') != std::string::npos || url.find('#') != std::string::npos ||
            url.ends_with("/") || url.rfind("https://www.", 0) != 0 || ++tried % 97 != 0) {
            continue;
        }
        Ids expected = articles_where([&](const std::string& u) { return u == url; });
        // As captured, over http, with a tracking parameter and a fragment.
        std::string http = "http://" + url.substr(8);
        EXPECT_EQ(found("url:" + url), expected) << url;
        EXPECT_EQ(found("url:" + http + "?utm_source=feed#top"), expected) << url;
    }
    EXPECT_GT(tried, 500);
    // Without a path, url: is the host itself.
    EXPECT_EQ(found("url:https://www.bbc.co.uk/"),
              articles_where([](const std::string& u) { return host_of(u) == "bbc.co.uk"; }));
}
