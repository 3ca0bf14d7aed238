// Diffs: word runs, sentence alignment and pairing, character counts, and
// `newsquery diff` on the bundled corpus's two NYT versions.
#include "query/text/text_diff.h"
#include "tests/query/revision_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

using namespace newsindex::query;
using namespace newsindex::testing;

namespace {

// "op:text" per run, e.g. "same:The cat", "removed: the".
std::vector<std::string> runs(const std::vector<WordRun>& words) {
    std::vector<std::string> out;
    for (const auto& r : words) {
        out.push_back(std::string(r.op == WordOp::Same      ? "same:"
                                  : r.op == WordOp::Removed ? "removed:"
                                                            : "added:") +
                      r.text);
    }
    return out;
}

std::string joined(const std::vector<WordRun>& words, WordOp except) {
    std::string out;
    for (const auto& r : words) {
        if (r.op != except) out += r.text;
    }
    return out;
}

using Runs = std::vector<std::string>;

}  // namespace

TEST(SentenceTokens, SplitPunctuationOffWordsAndKeepTheSpaceBefore) {
    EXPECT_EQ(sentence_tokens("He said, \xE2\x80\x9CGo now.\xE2\x80\x9D It's 3.5%."),
              (std::vector<std::string>{"He", " said", ",", " \xE2\x80\x9C", "Go", " now",
                                        ".\xE2\x80\x9D", " It's", " 3.5%", "."}));
}

TEST(DiffWords, MarksTheChangedWordsAndRebuildsBothSentences) {
    const std::string old_s = "The cat sat on the mat.", new_s = "The cat sat on a mat today.";
    auto words = diff_words(old_s, new_s);
    EXPECT_EQ(runs(words), (Runs{"same:The cat sat on", "removed: the", "added: a", "same: mat",
                                 "added: today", "same:."}));
    EXPECT_EQ(joined(words, WordOp::Added), old_s);
    EXPECT_EQ(joined(words, WordOp::Removed), new_s);
}

TEST(WordSimilarity, SharedWordsOverAllWords) {
    using T = std::vector<std::string>;
    EXPECT_DOUBLE_EQ(word_similarity(T{"a", "b", "c", "d"}, T{"a", "b", "x", "y"}), 0.5);
    EXPECT_DOUBLE_EQ(word_similarity(T{"a", "b"}, T{"a", "b"}), 1.0);
    EXPECT_DOUBLE_EQ(word_similarity(T{"a"}, T{"b"}), 0.0);
    EXPECT_DOUBLE_EQ(word_similarity(T{}, T{}), 1.0);
}

TEST(DiffSentences, PairsSimilarSentencesAsEditsAndKeepsOrder) {
    auto changes = diff_sentences(
        {"Talks began.", "The cat sat on the mat.", "Nothing in common here at all."},
        {"Talks began.", "A brand new opening line.", "The cat sat on a mat today."});
    ASSERT_EQ(changes.size(), 4u);
    EXPECT_EQ(changes[0].op, SentenceOp::Same);
    // The added line before the edited one's partner comes first.
    EXPECT_EQ(changes[1].op, SentenceOp::Added);
    EXPECT_EQ(changes[1].new_text, "A brand new opening line.");
    EXPECT_EQ(changes[2].op, SentenceOp::Edited);
    EXPECT_EQ(changes[2].old_text, "The cat sat on the mat.");
    EXPECT_EQ(changes[2].new_text, "The cat sat on a mat today.");
    EXPECT_EQ(changes[3].op, SentenceOp::Removed);
    EXPECT_EQ(changes[3].old_text, "Nothing in common here at all.");
}

TEST(DiffSentences, BelowHalfSharedWordsIsRemovedAndAdded) {
    // 2 of 4 + 4 tokens shared: 2*2/8 = 0.5 is an edit; 1 shared is not.
    auto edit = diff_sentences({"Rome hosts talks."}, {"Rome cancels talks."});
    ASSERT_EQ(edit.size(), 1u);
    EXPECT_EQ(edit[0].op, SentenceOp::Edited);
    auto apart = diff_sentences({"Rome hosts talks today."}, {"Paris cancels all visits."});
    ASSERT_EQ(apart.size(), 2u);
    EXPECT_EQ(apart[0].op, SentenceOp::Removed);
    EXPECT_EQ(apart[1].op, SentenceOp::Added);
}

namespace {

// A diff's sentences as "added:NEW", "removed:OLD", "edited:OLD -> NEW".
std::vector<std::string> pairing(const std::vector<SentenceChange>& changes) {
    std::vector<std::string> out;
    for (const SentenceChange& c : changes) {
        switch (c.op) {
            case SentenceOp::Same:
                out.push_back("same:" + c.old_text);
                break;
            case SentenceOp::Removed:
                out.push_back("removed:" + c.old_text);
                break;
            case SentenceOp::Added:
                out.push_back("added:" + c.new_text);
                break;
            case SentenceOp::Edited:
                out.push_back("edited:" + c.old_text + " -> " + c.new_text);
                break;
        }
    }
    return out;
}

// The header's pairing rule, word for word, over one run whose removed and
// added sentences share none: every pair's similarity computed.
std::vector<std::string> paired_by_the_rule(const std::vector<std::string>& removed,
                                            const std::vector<std::string>& added) {
    std::vector<std::string> out;
    std::size_t next = 0;
    for (const std::string& r : removed) {
        std::size_t best = added.size();
        double best_similarity = 0;
        for (std::size_t k = next; k < added.size(); ++k) {
            double s = word_similarity(sentence_tokens(r), sentence_tokens(added[k]));
            if (s >= 0.5 && s > best_similarity) {
                best = k;
                best_similarity = s;
            }
        }
        if (best == added.size()) {
            out.push_back("removed:" + r);
            continue;
        }
        for (; next < best; ++next) out.push_back("added:" + added[next]);
        out.push_back("edited:" + r + " -> " + added[best]);
        next = best + 1;
    }
    for (; next < added.size(); ++next) out.push_back("added:" + added[next]);
    return out;
}

}  // namespace

TEST(WordSimilarity, CountsRepeatedWordsOnceEachInOrder) {
    using T = std::vector<std::string>;
    // Common subsequence "no no" of 4 + 4 tokens.
    EXPECT_DOUBLE_EQ(word_similarity(T{"no", "no", "yes", "maybe"}, T{"no", "no", "no", "no"}),
                     0.5);
    // The same words reversed share one in order: 2·1/12.
    EXPECT_DOUBLE_EQ(word_similarity(T{"a", "b", "c", "d", "e", "f"},
                                     T{"f", "e", "d", "c", "b", "a"}),
                     2.0 / 12);
}

TEST(DiffSentences, PairsWithTheMostSimilarAddedSentenceEvenWhenItComesLast) {
    // "The mayor opened the new bridge on Monday." is 9 tokens; the second
    // added sentence shares 5 of 6 + 9 (0.67), the third 8 of 9 + 9 (0.89).
    auto changes = diff_sentences({"The mayor opened the new bridge on Monday."},
                                  {"Rain fell all day in the city.", "The mayor opened a bridge.",
                                   "The mayor opened the new bridge on Tuesday."});
    EXPECT_EQ(pairing(changes),
              (Runs{"added:Rain fell all day in the city.", "added:The mayor opened a bridge.",
                    "edited:The mayor opened the new bridge on Monday. -> The mayor opened the "
                    "new bridge on Tuesday."}));
}

TEST(DiffSentences, OfEquallySimilarSentencesTheFirstIsPaired) {
    // Each added sentence shares 2 of 4 + 4 words (0.5, just enough), then 3
    // (0.75): the first of each tie is taken.
    EXPECT_EQ(pairing(diff_sentences({"red green blue white"},
                                     {"red green cyan pink", "red green gold grey"})),
              (Runs{"edited:red green blue white -> red green cyan pink",
                    "added:red green gold grey"}));
    EXPECT_EQ(pairing(diff_sentences({"red green blue white"},
                                     {"red green gold pink", "red green blue cyan",
                                      "red green blue grey"})),
              (Runs{"added:red green gold pink",
                    "edited:red green blue white -> red green blue cyan",
                    "added:red green blue grey"}));
}

TEST(DiffSentences, SharedWordsOutOfOrderOrRepeatedCountAsTheyAlign) {
    // The same six words reversed: one in common in order (0.17), not an edit.
    EXPECT_EQ(pairing(diff_sentences({"one two three four five six"},
                                     {"six five four three two one"})),
              (Runs{"removed:one two three four five six", "added:six five four three two one"}));
    // " no" twice in common (each word after the first carries its space):
    // 2·2/8 = 0.5, an edit.
    EXPECT_EQ(pairing(diff_sentences({"Rain no no today"}, {"Sun no no tonight"})),
              (Runs{"edited:Rain no no today -> Sun no no tonight"}));
    // Two of 4 + 5 words: 0.44, just below.
    EXPECT_EQ(pairing(diff_sentences({"snow fell at dawn"}, {"snow melted by late dawn"})),
              (Runs{"removed:snow fell at dawn", "added:snow melted by late dawn"}));
}

TEST(DiffSentences, ALaterRemovedSentencePairsOnlyAfterTheLastPair) {
    // "e f g h" shares most with "e f g x" (0.75), but that comes before
    // "a b c x", already paired: it takes "e f y z" (0.5).
    EXPECT_EQ(pairing(diff_sentences({"a b c d", "e f g h"}, {"e f g x", "a b c x", "e f y z"})),
              (Runs{"added:e f g x", "edited:a b c d -> a b c x", "edited:e f g h -> e f y z"}));
}

TEST(DiffSentences, PairsAsTheRuleDoesOnManyRunsOfRepeatedWords) {
    // Sentences of 1 to 7 words from 5, so that many pairs are near 0.5 and
    // words repeat; every run is checked against the rule computed pair by pair.
    std::uint32_t seed = 12345;
    auto next = [&](std::uint32_t below) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % below;
    };
    const std::vector<std::string> words{"rain", "snow", "wind", "sun", "fog"};
    auto sentence = [&] {
        std::string s;
        for (std::uint32_t n = 1 + next(7); n > 0; --n) {
            s += (s.empty() ? "" : " ") + words[next(5)];
        }
        return s;
    };
    for (int run = 0; run < 300; ++run) {
        std::vector<std::string> removed, added;
        for (std::uint32_t n = 1 + next(6); n > 0; --n) removed.push_back(sentence());
        for (std::uint32_t n = 1 + next(6); n > 0; --n) {
            std::string s = sentence();
            // One run: no added sentence is also removed.
            if (std::find(removed.begin(), removed.end(), s) == removed.end()) added.push_back(s);
        }
        EXPECT_EQ(pairing(diff_sentences(removed, added)), paired_by_the_rule(removed, added))
            << "run " << run;
    }
}

TEST(DiffVersions, ComparesTitlesAndCountsCharactersNotBytes) {
    newsindex::schema::VersionRecord r1, r2;
    r1.title = "Zürich talks";
    r1.text = "Prices rose 5%.";
    r2.title = "Genève talks";
    r2.text = "Prices rose 5%. Markets fell on Monday.";
    VersionDiff d = diff_versions(r1, r2);
    EXPECT_EQ(d.title.op, SentenceOp::Edited);
    EXPECT_EQ(runs(d.title.words), (Runs{"removed:Zürich", "added:Genève", "same: talks"}));
    ASSERT_EQ(d.body.size(), 2u);
    EXPECT_EQ(d.body[0].op, SentenceOp::Same);
    EXPECT_EQ(d.body[1].op, SentenceOp::Added);
    ChangeSize size = change_size(d);
    // Removed "Zürich" (6); added "Genève" (6) + "Markets fell on Monday." (20).
    EXPECT_EQ(size.removed, 6u);
    EXPECT_EQ(size.added, 26u);
    EXPECT_EQ(version_length(r1), 12u + 15u);
    EXPECT_EQ(character_count("Genève"), 6u);
}

namespace {

const std::string kNytimes =
    "http://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html";

class CorpusDiff : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new ScratchDir;
        CommandResult r =
            run_newsindex({"--db", db(), "--quiet", std::string(CORPUS_DIR) + "/seeds.jsonl"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string db() { return (*dir_ / "db").string(); }
    CommandResult diff(std::vector<std::string> args) {
        args.insert(args.begin(), "diff");
        args.push_back("--db");
        args.push_back(db());
        return run_newsquery(args);
    }
    static ScratchDir* dir_;
};
ScratchDir* CorpusDiff::dir_ = nullptr;

// The changes whose old or new text contains `needle`.
std::vector<nlohmann::json> changes_with(const nlohmann::json& diff, const std::string& needle) {
    std::vector<nlohmann::json> out;
    for (const auto& c : diff.at("changes")) {
        if (c.value("old", "").find(needle) != std::string::npos ||
            c.value("new", "").find(needle) != std::string::npos) {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace

TEST_F(CorpusDiff, DefaultComparesTheLastTwoRevisions) {
    CommandResult r = diff({kNytimes, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto d = nlohmann::json::parse(r.out);
    EXPECT_EQ(d.at("from").at("revision"), 1);
    EXPECT_EQ(d.at("from").at("captured_at"), "2016-02-02T12:00:00Z");
    EXPECT_EQ(d.at("to").at("revision"), 2);
    EXPECT_EQ(d.at("to").at("captured_at"), "2016-02-02T16:00:00Z");
    EXPECT_EQ(d.at("source"), "nytimes");

    // The headline was rewritten.
    EXPECT_EQ(d.at("title").at("op"), "edited");
    EXPECT_EQ(d.at("title").at("old"),
              "John Kerry Urges Coalition to Address Growing ISIS Threat in Libya");
    EXPECT_EQ(d.at("title").at("new"), "Anti-ISIS Coalition to Intensify Efforts, John Kerry Says");

    // Madaya left the story: its sentence is removed, or edited to drop it.
    auto madaya = changes_with(d, "Madaya");
    ASSERT_EQ(madaya.size(), 1u);
    EXPECT_TRUE(madaya[0].at("op") == "removed" ||
                (madaya[0].at("op") == "edited" &&
                 madaya[0].at("new").get<std::string>().find("Madaya") == std::string::npos));

    // Gentiloni and "no appetite" arrived in new sentences.
    auto gentiloni = changes_with(d, "Paolo Gentiloni");
    ASSERT_EQ(gentiloni.size(), 1u);
    EXPECT_EQ(gentiloni[0].at("op"), "added");
    auto appetite = changes_with(d, "no appetite for sending");
    ASSERT_EQ(appetite.size(), 1u);
    EXPECT_EQ(appetite[0].at("op"), "added");

    // Same sentences are counted, not listed; edits rebuild both sides.
    for (const auto& c : d.at("changes")) {
        EXPECT_NE(c.at("op"), "same");
        if (c.at("op") != "edited") continue;
        std::string old_text, new_text;
        for (const auto& w : c.at("words")) {
            if (w.at("op") != "added") old_text += w.at("text").get<std::string>();
            if (w.at("op") != "removed") new_text += w.at("text").get<std::string>();
        }
        EXPECT_EQ(old_text, c.at("old"));
        EXPECT_EQ(new_text, c.at("new"));
    }
}

TEST_F(CorpusDiff, TableMarksRemovedAddedAndEditedSentences) {
    CommandResult r = diff({kNytimes});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("revision 1 (2016-02-02T12:00:00Z) → revision 2 (2016-02-02T16:00:00Z)"),
              std::string::npos);
    EXPECT_NE(r.out.find("title: ~ [-John Kerry Urges-]{+Anti-ISIS+} Coalition to "),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\n+ Paolo Gentiloni, the foreign minister of Italy"), std::string::npos);
    EXPECT_NE(r.out.find("\n- He said the government of President Bashar al-Assad"),
              std::string::npos);
    EXPECT_NE(r.out.find("\n~ "), std::string::npos);
    EXPECT_EQ(r.out.find("\033["), std::string::npos);
    CommandResult colour = diff({kNytimes, "--color", "always"});
    EXPECT_NE(colour.out.find("\033[31m[-John Kerry Urges-]\033[0m"), std::string::npos);
}

TEST_F(CorpusDiff, RevisionArgumentsPickTheVersions) {
    auto one = nlohmann::json::parse(diff({kNytimes, "2", "--format", "json"}).out);
    EXPECT_EQ(one.at("from").at("revision"), 1);
    EXPECT_EQ(one.at("to").at("revision"), 2);
    auto reversed = nlohmann::json::parse(diff({kNytimes, "2", "1", "--format", "json"}).out);
    EXPECT_EQ(reversed.at("from").at("revision"), 2);
    EXPECT_EQ(reversed.at("title").at("new"),
              "John Kerry Urges Coalition to Address Growing ISIS Threat in Libya");
    EXPECT_EQ(diff({kNytimes, "3"}).exit_code, 2);
    EXPECT_EQ(diff({kNytimes, "1"}).exit_code, 2);
    // As of 14:00 the article had one revision: nothing to compare.
    EXPECT_EQ(diff({kNytimes, "--as-of", "2016-02-02T14:00:00Z"}).exit_code, 1);
    EXPECT_EQ(diff({"https://nowhere.example/none"}).exit_code, 1);
}

TEST_F(CorpusDiff, ArticlesAreNamedByUrlIdOrKey) {
    // https and a tracking parameter name the same article.
    auto by_url = nlohmann::json::parse(
        diff({"https://www.nytimes.com/2016/02/03/world/europe/john-kerry-isis-threat.html"
              "?utm_source=x",
              "--format", "json"})
            .out);
    std::string key = by_url.at("article_key");
    auto by_key = nlohmann::json::parse(diff({key, "--format", "json"}).out);
    EXPECT_EQ(by_key.at("url"), kNytimes);
    CommandResult xinhua = diff({"xinhua:2016-02-02-rome-anti-is-coalition"});
    EXPECT_EQ(xinhua.exit_code, 1);  // found, but one revision only
    EXPECT_NE(xinhua.err.find("only one revision"), std::string::npos) << xinhua.err;
}

TEST(AmbiguousUrl, NamesTheArticlesOfEachSource) {
    ScratchDir dir;
    std::string db = (dir / "db").string();
    nlohmann::json a =
        capture("https://wire.example/story", "2016-02-02T10:00:00Z", "One", "X.", "alpha");
    nlohmann::json b =
        capture("https://wire.example/story", "2016-02-02T10:00:00Z", "Two", "Y.", "beta");
    // Known by its URL alone: found through its article term, not a URL term.
    nlohmann::json c =
        capture("https://wire.example/story", "2016-02-02T10:00:00Z", "Three", "Z.", "gamma");
    a["article_id"] = "alpha:1";
    b["article_id"] = "beta:1";
    write_file(dir / "in.jsonl", a.dump() + "\n" + b.dump() + "\n" + c.dump() + "\n");
    ASSERT_EQ(run_newsindex({"--db", db, "--quiet", (dir / "in.jsonl").string()}).exit_code, 0);
    CommandResult r =
        run_newsquery({"show", "http://wire.example/story?utm_source=x", "--db", db});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("is the URL of 3 articles"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("alpha:1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("beta:1"), std::string::npos);
    auto beta = nlohmann::json::parse(
        run_newsquery({"show", "beta:1", "--db", db, "--format", "json"}).out);
    EXPECT_EQ(beta.at("title"), "Two");
}
