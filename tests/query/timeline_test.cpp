// Timelines: the event rules on their own (derive_events), then `newsquery
// timeline` on small histories indexed by the built newsindex, with every
// expected event worked out by hand from the captures below.
#include "query/engine/timeline_events.h"
#include "schema/values.h"
#include "tests/query/revision_fixture.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

using namespace newsindex::query;
using namespace newsindex::testing;
using Events = std::vector<std::string>;

namespace {

// The matching revisions of an article whose revision i+1 is captured at
// 100 * (i + 1) as docid 10 + i, and matches where matches[i] is true.
std::vector<MatchedRevision> matching(const std::vector<bool>& matches) {
    std::vector<MatchedRevision> matched;
    for (std::size_t i = 0; i < matches.size(); ++i) {
        if (!matches[i]) continue;
        auto captured = static_cast<newsindex::schema::CaptureTime>(100 * (i + 1));
        matched.push_back({static_cast<std::uint32_t>(i + 1), captured,
                           i + 1 < matches.size() ? captured + 100 : kNever,
                           static_cast<Xapian::docid>(10 + i)});
    }
    return matched;
}

Events derived(const std::vector<bool>& matches, newsindex::schema::CaptureTime as_of = kNever) {
    Events out;
    for (const TimelineEvent& e : derive_events(matching(matches), as_of).events) {
        out.push_back(std::string(event_type_name(e.type)) + " " + std::to_string(e.revision) +
                      (e.from_first_capture ? " first" : "") + " @" +
                      std::to_string(e.captured_at) + " #" + std::to_string(e.sentence_docid));
    }
    return out;
}

}  // namespace

TEST(DeriveEvents, PresentFromTheFirstCaptureIsOneAppearance) {
    EXPECT_EQ(derived({true, true, true}), (Events{"appeared 1 first @100 #10"}));
    EXPECT_TRUE(derive_events(matching({true})).present_in_latest);
}

TEST(DeriveEvents, AddedLaterThenRemovedQuotesTheVersionThatHeldIt) {
    // The vanishing's sentence comes from revision 2 (docid 11), the last
    // that held the match; its time is revision 3's capture.
    EXPECT_EQ(derived({false, true, false}),
              (Events{"appeared 2 @200 #11", "vanished 3 @300 #11"}));
}

TEST(DeriveEvents, ReappearancesAreFurtherAppearances) {
    EXPECT_EQ(derived({true, false, false, true, false, true}),
              (Events{"appeared 1 first @100 #10", "vanished 2 @200 #10", "appeared 4 @400 #13",
                      "vanished 5 @500 #13", "appeared 6 @600 #15"}));
}

TEST(DeriveEvents, NoMatchNoEventsAndTheLatestDecidesPresence) {
    EXPECT_TRUE(derived({false, false}).empty());
    EXPECT_TRUE(derive_events({}).events.empty());
    EXPECT_FALSE(derive_events(matching({true, false})).present_in_latest);
    EXPECT_TRUE(derive_events(matching({false, true})).present_in_latest);
}

TEST(DeriveEvents, AsOfSeesOnlyTheRevisionsCapturedByThen) {
    // Revision 3 (captured at 300) does not exist at 299: nothing has
    // vanished yet and revision 2 is the latest, so the match is present.
    EXPECT_EQ(derived({false, true, false}, 299), (Events{"appeared 2 @200 #11"}));
    EXPECT_TRUE(derive_events(matching({false, true, false}), 299).present_in_latest);
    // At 300 it does.
    EXPECT_EQ(derived({false, true, false}, 300),
              (Events{"appeared 2 @200 #11", "vanished 3 @300 #11"}));
    EXPECT_FALSE(derive_events(matching({false, true, false}), 300).present_in_latest);
    // A match captured later does not exist yet, nor does its appearance.
    EXPECT_EQ(derived({true, false, true}, 250), (Events{"appeared 1 first @100 #10",
                                                         "vanished 2 @200 #10"}));
    EXPECT_TRUE(derived({false, true}, 150).empty());
}

namespace {

const std::string kA = "https://example.com/a";
const std::string kB = "https://example.com/b";
const std::string kC = "https://example.com/c";
const std::string kD = "https://example.com/d";

// A: the ceasefire appears at r2, vanishes at r3, reappears at r4.
// B: the ceasefire is there from its first capture (09:00).
// C: "ceasefire holds" as a phrase only from r2.
// D: "confirmed", then "denied", then reverted to the first text.
std::vector<nlohmann::json> first_run() {
    return {
        capture(kA, "2016-02-02T10:00:00Z", "Talks in Rome", "Talks began. Nothing else."),
        capture(kA, "2016-02-02T11:00:00Z", "Talks in Rome", "Talks began. The ceasefire holds."),
        capture(kA, "2016-02-02T12:00:00Z", "Talks in Rome", "Talks began. Fighting resumed."),
        capture(kA, "2016-02-02T13:00:00Z", "Talks in Rome",
                "Talks began. The ceasefire holds again."),
        capture(kB, "2016-02-02T09:00:00Z", "Truce", "A ceasefire was agreed."),
        capture(kB, "2016-02-02T14:00:00Z", "Truce", "A ceasefire was agreed. More later."),
        capture(kC, "2016-02-03T09:00:00Z", "Phrase", "The holds on the ceasefire ended."),
        capture(kC, "2016-02-03T10:00:00Z", "Phrase", "The ceasefire holds."),
        capture(kD, "2016-02-04T09:00:00Z", "Blast", "Officials confirmed the blast."),
        capture(kD, "2016-02-04T10:00:00Z", "Blast", "Officials denied the blast."),
        capture(kD, "2016-02-04T11:00:00Z", "Blast", "Officials confirmed the blast."),
    };
}

class Timeline : public RevisionHistory {
  protected:
    void SetUp() override { ingest(first_run()); }

    // url -> events of the timeline, in the timeline's order.
    std::vector<std::pair<std::string, Events>> events(std::vector<std::string> args) {
        std::vector<std::pair<std::string, Events>> out;
        for (const auto& article : timeline(std::move(args))) {
            out.emplace_back(article.at("url").get<std::string>(), event_list(article));
        }
        return out;
    }
};

using Articles = std::vector<std::pair<std::string, Events>>;

}  // namespace

TEST_F(Timeline, AppearsVanishesAndReappearsOrderedByFirstEvent) {
    auto articles = timeline({"ceasefire"});
    ASSERT_EQ(articles.size(), 3u);
    // B's first event (09:00) precedes A's (11:00), C's is a day later.
    EXPECT_EQ(articles[0].at("url"), kB);
    EXPECT_EQ(event_list(articles[0]), (Events{"appeared 1 first"}));
    EXPECT_EQ(articles[0].at("present_in_latest"), true);
    EXPECT_EQ(articles[0].at("revisions"), 2);

    const auto& a = articles[1];
    EXPECT_EQ(a.at("url"), kA);
    EXPECT_EQ(a.at("source"), "example");
    EXPECT_EQ(a.at("title"), "Talks in Rome");
    EXPECT_EQ(a.at("revisions"), 4);
    EXPECT_EQ(a.at("present_in_latest"), true);
    EXPECT_EQ(event_list(a), (Events{"appeared 2", "vanished 3", "appeared 4"}));
    const auto& e = a.at("events");
    EXPECT_EQ(e[0].at("captured_at"), "2016-02-02T11:00:00Z");
    EXPECT_EQ(e[0].at("from_first_capture"), false);
    EXPECT_EQ(e[0].at("sentence"), "The ceasefire holds.");
    EXPECT_EQ(e[1].at("captured_at"), "2016-02-02T12:00:00Z");
    EXPECT_EQ(e[1].at("sentence"), "The ceasefire holds.");  // from r2, which held it
    EXPECT_FALSE(e[1].contains("from_first_capture"));
    EXPECT_EQ(e[2].at("sentence"), "The ceasefire holds again.");

    EXPECT_EQ(articles[2].at("url"), kC);
    EXPECT_EQ(event_list(articles[2]), (Events{"appeared 1 first"}));
}

TEST_F(Timeline, PhrasesNeedTheWordsTogether) {
    EXPECT_EQ(events({"\"ceasefire holds\""}),
              (Articles{{kA, {"appeared 2", "vanished 3", "appeared 4"}}, {kC, {"appeared 2"}}}));
    // The words apart match C from its first capture.
    EXPECT_EQ(
        events({"ceasefire", "holds"}),
        (Articles{{kA, {"appeared 2", "vanished 3", "appeared 4"}}, {kC, {"appeared 1 first"}}}));
}

TEST_F(Timeline, RevertsAreNewRevisions) {
    auto articles = timeline({"confirmed"});
    ASSERT_EQ(articles.size(), 1u);
    EXPECT_EQ(articles[0].at("revisions"), 3);
    EXPECT_EQ(event_list(articles[0]), (Events{"appeared 1 first", "vanished 2", "appeared 3"}));
    EXPECT_EQ(articles[0].at("events")[1].at("sentence"), "Officials confirmed the blast.");
}

TEST_F(Timeline, OnlyKeepsTheEditsOfThatKindAfterTheFirstRevision) {
    // As changes --only does: the events of that kind, not the article's
    // whole timeline.
    EXPECT_EQ(events({"ceasefire", "--only", "vanished"}), (Articles{{kA, {"vanished 3"}}}));
    // B and C only appeared at birth.
    EXPECT_EQ(events({"ceasefire", "--only", "appeared"}),
              (Articles{{kA, {"appeared 2", "appeared 4"}}}));
    EXPECT_EQ(query({"timeline", "ceasefire", "--only", "edited"}).exit_code, 2);
}

TEST_F(Timeline, AsOfExactlyAtACaptureIncludesIt) {
    auto articles = timeline({"ceasefire", "--as-of", "2016-02-02T12:00:00Z"});
    ASSERT_EQ(articles.size(), 2u);
    EXPECT_EQ(articles[0].at("url"), kB);
    EXPECT_EQ(articles[0].at("revisions"), 1);
    EXPECT_EQ(articles[1].at("url"), kA);
    EXPECT_EQ(articles[1].at("revisions"), 3);
    EXPECT_EQ(event_list(articles[1]), (Events{"appeared 2", "vanished 3"}));
    EXPECT_EQ(articles[1].at("present_in_latest"), false);
}

TEST_F(Timeline, AsOfOneSecondBeforeACaptureExcludesIt) {
    auto articles = timeline({"ceasefire", "--as-of", "2016-02-02T11:59:59Z"});
    ASSERT_EQ(articles.size(), 2u);
    EXPECT_EQ(articles[1].at("url"), kA);
    EXPECT_EQ(articles[1].at("revisions"), 2);
    EXPECT_EQ(event_list(articles[1]), (Events{"appeared 2"}));
    EXPECT_EQ(articles[1].at("present_in_latest"), true);
}

TEST_F(Timeline, AsOfBeforeAnArticleWasFirstCapturedHidesIt) {
    EXPECT_EQ(events({"ceasefire", "--as-of", "2016-02-02T09:00:00Z"}),
              (Articles{{kB, {"appeared 1 first"}}}));
    CommandResult none = query({"timeline", "ceasefire", "--as-of", "2016-02-02T08:59:59Z"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_EQ(none.out, "0 articles\n");
    // A plain date means the end of that day.
    EXPECT_EQ(events({"confirmed", "--as-of", "2016-02-03"}), Articles{});
    EXPECT_EQ(events({"confirmed", "--as-of", "2016-02-04"}),
              (Articles{{kD, {"appeared 1 first", "vanished 2", "appeared 3"}}}));
}

TEST_F(Timeline, LimitAndOffsetPageThroughTheArticlesInOrder) {
    const Articles all = events({"ceasefire"});
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(events({"ceasefire", "--limit", "0"}), all);
    EXPECT_EQ(events({"ceasefire", "--limit", "2"}), Articles(all.begin(), all.begin() + 2));
    EXPECT_EQ(events({"ceasefire", "--limit", "1", "--offset", "1"}), Articles{all[1]});
    EXPECT_EQ(events({"ceasefire", "--offset", "2"}), Articles{all[2]});

    CommandResult page = query({"timeline", "ceasefire", "--limit", "1", "--offset", "1"});
    EXPECT_EQ(page.exit_code, 0);
    EXPECT_TRUE(page.out.starts_with("3 articles; showing 2-2\n")) << page.out;
    CommandResult whole = query({"timeline", "ceasefire"});
    EXPECT_TRUE(whole.out.starts_with("3 articles\n")) << whole.out;
    // Past the end: nothing shown, grep's exit code.
    CommandResult past = query({"timeline", "ceasefire", "--offset", "3"});
    EXPECT_EQ(past.exit_code, 1);
    EXPECT_EQ(past.out, "3 articles\n");
}

TEST(TimelinePages, EveryArticleQuotesItsOwnVersionsAcrossBatches) {
    // 300 articles, more than the 256 whose texts are read together: the
    // budget appears in each one's second capture and vanishes in its
    // third, and each article must show its own title and sentences.
    struct History : RevisionHistory {
        void TestBody() override {}
        using RevisionHistory::ingest;
        using RevisionHistory::timeline;
    } history;
    constexpr int kArticles = 300;
    std::vector<nlohmann::json> captures;
    for (int day = 2; day <= 4; ++day) {
        for (int n = 0; n < kArticles; ++n) {
            std::string at = fmt::format("2016-02-0{}T{:02d}:{:02d}:00Z", day, n / 60, n % 60);
            std::string text = day == 3 ? fmt::format("Talks began. The budget {} passed.", n)
                                        : "Talks began.";
            captures.push_back(capture(fmt::format("https://example.com/a{}", n), at,
                                       fmt::format("Article {} day {}", n, day), text));
        }
    }
    history.ingest(captures);
    const std::vector<nlohmann::json> articles = history.timeline({"budget", "--limit", "0"});
    ASSERT_EQ(articles.size(), static_cast<std::size_t>(kArticles));
    for (int n = 0; n < kArticles; ++n) {
        const nlohmann::json& article = articles[static_cast<std::size_t>(n)];  // by first event
        EXPECT_EQ(article.at("url"), fmt::format("https://example.com/a{}", n));
        EXPECT_EQ(article.at("title"), fmt::format("Article {} day 4", n));
        EXPECT_EQ(event_list(article), (Events{"appeared 2", "vanished 3"}));
        for (const auto& event : article.at("events")) {
            EXPECT_EQ(event.at("sentence"), fmt::format("The budget {} passed.", n));
        }
    }
}

TEST_F(Timeline, SinceAndUntilKeepTheEventsInsideTheWindow) {
    EXPECT_EQ(
        events({"ceasefire", "--since", "2016-02-02T11:30:00Z", "--until", "2016-02-02T23:00:00Z"}),
        (Articles{{kA, {"vanished 3", "appeared 4"}}}));
}

TEST_F(Timeline, LatestAndFirstSelectByTheLatestAndFirstRevision) {
    EXPECT_EQ(events({"denied"}), (Articles{{kD, {"appeared 2", "vanished 3"}}}));
    EXPECT_EQ(query({"timeline", "denied", "--latest"}).exit_code, 1);
    EXPECT_EQ(events({"ceasefire", "--first"}),
              (Articles{{kB, {"appeared 1 first"}}, {kC, {"appeared 1 first"}}}));
}

TEST_F(Timeline, LateCapturesRenumberRevisionsAndReorderArticles) {
    // A capture of A older than all of A's, and one between r1 and r2.
    ingest({capture(kA, "2016-02-02T08:00:00Z", "Talks in Rome", "The ceasefire is near."),
            capture(kA, "2016-02-02T10:30:00Z", "Talks in Rome", "Talks began. Quiet.")});
    auto articles = timeline({"ceasefire"});
    ASSERT_EQ(articles.size(), 3u);
    EXPECT_EQ(articles[0].at("url"), kA);  // 08:00 now precedes B's 09:00
    EXPECT_EQ(articles[0].at("revisions"), 6);
    EXPECT_EQ(event_list(articles[0]),
              (Events{"appeared 1 first", "vanished 2", "appeared 4", "vanished 5", "appeared 6"}));
    EXPECT_EQ(articles[0].at("events")[0].at("sentence"), "The ceasefire is near.");
    EXPECT_EQ(articles[0].at("events")[2].at("captured_at"), "2016-02-02T11:00:00Z");
    EXPECT_EQ(articles[1].at("url"), kB);
}

TEST_F(Timeline, ArticlesCapturedInTurnEachKeepTheirOwnVersions) {
    // 60 more articles, one revision of each per run, so their versions
    // interleave in the database: every article's versions must still be
    // read as one history. Even ones hold the blockade throughout; odd ones
    // from r2 to r3 only, so their first event comes a day later.
    for (int r = 1; r <= 3; ++r) {
        std::vector<nlohmann::json> captures;
        for (int i = 0; i < 60; ++i) {
            bool holds = i % 2 == 0 || r == 2;
            std::string text = fmt::format(
                "{} Update {}.", holds ? "The blockade stays." : "The port is open.", r);
            captures.push_back(capture(fmt::format("https://example.com/turn/{:02d}", i),
                                       fmt::format("2016-03-{:02d}T08:{:02d}:00Z", r, i), "Port",
                                       text));
        }
        ingest(captures);
    }
    auto articles = timeline({"blockade", "--limit", "0"});
    ASSERT_EQ(articles.size(), 60u);
    for (std::size_t k = 0; k < articles.size(); ++k) {
        // Even articles first (2016-03-01), each in capture order; then odd.
        int i = k < 30 ? static_cast<int>(2 * k) : static_cast<int>(2 * (k - 30) + 1);
        EXPECT_EQ(articles[k].at("url"), fmt::format("https://example.com/turn/{:02d}", i));
        EXPECT_EQ(articles[k].at("revisions"), 3);
        EXPECT_EQ(event_list(articles[k]),
                  (i % 2 == 0 ? Events{"appeared 1 first"} : Events{"appeared 2", "vanished 3"}))
            << i;
    }
}

TEST_F(Timeline, TableAndCsvCarryTheSameEvents) {
    CommandResult table = query({"timeline", "ceasefire", "--source", "example"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("Talks in Rome\n"), std::string::npos);
    EXPECT_NE(table.out.find("  example  https://example.com/a  4 revisions, present in the "
                             "latest\n"),
              std::string::npos);
    EXPECT_NE(table.out.find("+ r2   2016-02-02T11:00:00Z  appeared, added later  The ceasefire "
                             "holds.\n"),
              std::string::npos)
        << table.out;
    EXPECT_NE(table.out.find("- r3   2016-02-02T12:00:00Z  vanished  The ceasefire holds.\n"),
              std::string::npos);
    EXPECT_EQ(table.out.find("\033["), std::string::npos);  // no colour off a TTY

    CommandResult csv = query({"timeline", "ceasefire", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0);
    std::istringstream lines(csv.out);
    std::string line;
    std::vector<std::string> all;
    while (std::getline(lines, line)) all.push_back(line);
    ASSERT_EQ(all.size(), 1u + 1 + 3 + 1);  // header, B, A x3, C
    EXPECT_EQ(all[0],
              "article_id,article_key,source,url,title,revisions,present_in_latest,type,revision,"
              "captured_at,from_first_capture,sentence");
    EXPECT_NE(all[3].find(",vanished,3,2016-02-02T12:00:00Z,false,The ceasefire holds."),
              std::string::npos);
}

TEST_F(Timeline, OtherSourcesAreFilteredOut) {
    CommandResult r = query({"timeline", "ceasefire", "--source", "elsewhere"});
    EXPECT_EQ(r.exit_code, 1);
}

TEST_F(Timeline, AMatchWithoutItsTimelineKeyIsADamagedDatabase) {
    {
        Xapian::WritableDatabase xapian(db());
        for (Xapian::docid docid = 1; docid <= xapian.get_lastdocid(); ++docid) {
            Xapian::Document doc = xapian.get_document(docid);
            doc.remove_value(newsindex::schema::slot::kTimeline);
            xapian.replace_document(docid, doc);
        }
        xapian.commit();
    }
    CommandResult r = query({"timeline", "ceasefire"});
    EXPECT_EQ(r.exit_code, 70);
    EXPECT_NE(r.err.find(fmt::format("has no value in slot {}; the database is damaged",
                                     newsindex::schema::slot::kTimeline)),
              std::string::npos)
        << r.err;
}

TEST(TimelineErrors, MissingDatabaseAndEmptyQuery) {
    ScratchDir dir;
    EXPECT_EQ(run_newsquery({"timeline", "x", "--db", (dir / "none").string()}).exit_code, 66);
    EXPECT_EQ(run_newsquery({"timeline", "--db", (dir / "none").string()}).exit_code, 2);
}

TEST(TimelineCorpus, BundledNytimesEditsAppearAndVanishAtRevisionTwo) {
    ScratchDir dir;
    std::string db = (dir / "db").string();
    ASSERT_EQ(
        run_newsindex({"--db", db, "--quiet", std::string(CORPUS_DIR) + "/seeds.jsonl"}).exit_code,
        0);
    const std::string url =
        "http://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html";

    auto appetite = json_lines(
        run_newsquery({"timeline", "\"no appetite for sending\"", "--db", db, "--format", "json"})
            .out);
    ASSERT_EQ(appetite.size(), 1u);
    EXPECT_EQ(appetite[0].at("url"), url);
    EXPECT_EQ(event_list(appetite[0]), (Events{"appeared 2"}));
    EXPECT_EQ(appetite[0].at("events")[0].at("captured_at"), "2016-02-02T16:00:00Z");
    EXPECT_NE(appetite[0]
                  .at("events")[0]
                  .at("sentence")
                  .get<std::string>()
                  .find("no appetite for sending"),
              std::string::npos);

    auto madaya =
        json_lines(run_newsquery({"timeline", "Madaya", "--db", db, "--format", "json"}).out);
    ASSERT_EQ(madaya.size(), 1u);
    EXPECT_EQ(event_list(madaya[0]), (Events{"appeared 1 first", "vanished 2"}));
    EXPECT_EQ(madaya[0].at("present_in_latest"), false);
    EXPECT_NE(madaya[0].at("events")[1].at("sentence").get<std::string>().find("Madaya"),
              std::string::npos);
}
