// Sentence splitting (shared by timeline, changes and diff) and finding the
// sentence that holds a query's match.
#include "indexer/document_builder.h"
#include "indexer/version_adder.h"
#include "query/text/sentence_match.h"
#include "query/text/sentences.h"
#include "schema/languages.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

using namespace newsindex::query;
using Sentences = std::vector<std::string>;

TEST(SplitSentences, EndsAtFullStopsBeforeCapitals) {
    EXPECT_EQ(split_sentences("The talks ended. Ministers left! Why? Nobody knows."),
              (Sentences{"The talks ended.", "Ministers left!", "Why?", "Nobody knows."}));
}

TEST(SplitSentences, DoesNotEndAfterTitlesMonthsInitialsAndDottedAbbreviations) {
    EXPECT_EQ(split_sentences("Mr. Kerry met Gen. Smith in the U.S. on Feb. 3. Then J. R. Tolkien "
                              "spoke at No. 10 Downing Street."),
              (Sentences{"Mr. Kerry met Gen. Smith in the U.S. on Feb. 3.",
                         "Then J. R. Tolkien spoke at No. 10 Downing Street."}));
}

TEST(SplitSentences, DoesNotEndBeforeLowerCaseOrInsideNumbers) {
    EXPECT_EQ(split_sentences("It rose 3.5 percent. e.g. not here. and not here either."),
              (Sentences{"It rose 3.5 percent. e.g. not here. and not here either."}));
}

TEST(SplitSentences, KeepsClosingQuotesWithTheirSentenceAndOpensOnQuotes) {
    EXPECT_EQ(
        split_sentences("He said, \xE2\x80\x9CIt is over.\xE2\x80\x9D \xE2\x80\x9CWe "
                        "go,\xE2\x80\x9D she said. (Then it rained.) 12 died."),
        (Sentences{"He said, \xE2\x80\x9CIt is over.\xE2\x80\x9D",
                   "\xE2\x80\x9CWe go,\xE2\x80\x9D she said.", "(Then it rained.)", "12 died."}));
}

TEST(SplitSentences, NewlinesEndParagraphsAndWhitespaceIsCollapsed) {
    EXPECT_EQ(split_sentences("  First line\nwithout stop\n\n\tSecond   para.  Next one \r\n"),
              (Sentences{"First line", "without stop", "Second para.", "Next one"}));
}

TEST(SplitSentences, GermanDaysOfTheMonthAndUmlautCapitals) {
    EXPECT_EQ(split_sentences("Am 3. Februar kam er, z.B. mit Nr. 5 an. Über Nacht blieb er."),
              (Sentences{"Am 3. Februar kam er, z.B. mit Nr. 5 an.", "Über Nacht blieb er."}));
}

TEST(SplitSentences, EllipsisEndsASentence) {
    EXPECT_EQ(split_sentences("Wait\xE2\x80\xA6 Then go... Now."),
              (Sentences{"Wait\xE2\x80\xA6", "Then go...", "Now."}));
}

TEST(SplitSentences, EmptyTextHasNoSentences) {
    EXPECT_TRUE(split_sentences("").empty());
    EXPECT_TRUE(split_sentences(" \n \n").empty());
}

TEST(VersionSentences, TitleWholeThenSummaryThenBody) {
    newsindex::schema::VersionRecord v;
    v.title = "Mr. Kerry Speaks. Again";
    v.summary = "A summary. Two parts.";
    v.text = "Body one. Body two.";
    std::vector<Sentence> s = version_sentences(v);
    ASSERT_EQ(s.size(), 5u);
    EXPECT_EQ(s[0].part, SentencePart::Title);
    EXPECT_EQ(s[0].text, "Mr. Kerry Speaks. Again");
    EXPECT_EQ(s[1].part, SentencePart::Summary);
    EXPECT_EQ(s[2].text, "Two parts.");
    EXPECT_EQ(s[3].part, SentencePart::Body);
    EXPECT_EQ(s[4].text, "Body two.");
}

namespace {

std::vector<Sentence> body(const Sentences& texts) {
    std::vector<Sentence> out;
    for (const auto& t : texts) out.push_back({SentencePart::Body, t});
    return out;
}

std::optional<std::size_t> find_in(const std::string& query, const std::vector<Sentence>& s,
                                   bool stem = true) {
    Xapian::QueryParser parser;
    Xapian::Stem stemmer = stem ? newsindex::schema::language_stemmer("en") : Xapian::Stem();
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_prefix("title", "S");
    Xapian::Query q = parser.parse_query(
        query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
    return SentenceFinder(q, stemmer).find(s);
}

// A finder for `query` parsed as newsquery reads it in `language`: plain
// words are searched without a prefix and under the title prefix
// (query/engine/matcher.cpp).
SentenceFinder finder_like_search(const std::string& query, const std::string& language = "en") {
    Xapian::QueryParser parser;
    Xapian::Stem stemmer = newsindex::schema::language_stemmer(language);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_prefix("", "");
    parser.add_prefix("", "S");
    return SentenceFinder(parser.parse_query(query), stemmer);
}

std::vector<Sentence> titled(const std::string& title, const Sentences& texts) {
    std::vector<Sentence> out = {{SentencePart::Title, title}};
    for (const auto& sentence : body(texts)) out.push_back(sentence);
    return out;
}

}  // namespace

TEST(SentenceFinder, PlainWordsAreFoundInTheBodyWhenTheTitleLacksThem) {
    // Only the title can hold a word's title term, so the body sentence holds
    // fewer terms; it is still the answer, and the first such one.
    auto s = titled("Talks resume", {"Nothing here.", "Kerry arrived.", "Kerry again."});
    EXPECT_EQ(finder_like_search("kerry").find(s), 2u);
    EXPECT_EQ(finder_like_search("kerry arrived").find(s), 2u);
}

TEST(SentenceFinder, TheTitleWinsAmongSentencesHoldingAsManyTerms) {
    // "Kerry visits" holds kerry twice over (body and title terms);
    // "Kerry and ISIS" holds kerry and isis: as many, later.
    auto s = titled("Kerry visits", {"Kerry and ISIS."});
    EXPECT_EQ(finder_like_search("kerry OR isis").find(s), 0u);
    EXPECT_EQ(finder_like_search("kerry isis").find(s), 1u);
}

TEST(SentenceFinder, AFinderAnswersEachVersionOnItsOwn) {
    // Sentences indexed for one version are reused for the next.
    SentenceFinder finder = finder_like_search("kerry");
    EXPECT_EQ(finder.find(titled("Talks", {"Nothing here.", "Kerry arrived."})), 2u);
    EXPECT_EQ(finder.find(titled("Talks", {"Kerry arrived.", "Nothing here."})), 1u);
    EXPECT_EQ(finder.find(titled("Kerry talks", {"Kerry arrived."})), 0u);
    EXPECT_EQ(finder.find(titled("Talks", {"Nothing here."})), 0u);
}

TEST(SentenceFinder, PhraseWordsMustBeAdjacentInOneSentence) {
    auto s = body({"Sending troops was not on the table.", "He had no appetite, he said.",
                   "There was no appetite for sending troops."});
    EXPECT_EQ(find_in("\"no appetite for sending\"", s), 2u);
}

TEST(SentenceFinder, WordsBetweenAPhrasesWordsKeepThemApart) {
    // Sentences are indexed with only the words that give query terms,
    // except for phrases: "united nations states" must not read as the
    // phrase "united states" once "nations" is left out.
    auto s = body({"The united nations states its case.", "The United States said no."});
    EXPECT_EQ(find_in("\"united states\"", s), 1u);
    EXPECT_EQ(find_in("united NEAR/1 states", s), 1u);
    EXPECT_EQ(find_in("united states", s), 0u);  // no phrase: both words suffice
}

TEST(SentenceFinder, PrefersTheSentenceWithAllWordsAndStemsLikeTheIndex) {
    auto s = body({"The threat grew.", "Libya was calm.", "Threats to Libya are growing."});
    EXPECT_EQ(find_in("threat libya", s), 2u);
    EXPECT_EQ(find_in("threat", s), 0u);
}

TEST(SentenceFinder, FirstMatchingSentenceWinsAmongEquals) {
    auto s = body({"Nothing here.", "Madaya is besieged.", "Madaya again."});
    EXPECT_EQ(find_in("Madaya", s), 1u);
}

TEST(SentenceFinder, ExcludedWordsExcludeTheSentence) {
    auto s = body({"Kerry met Lavrov.", "Kerry spoke alone."});
    EXPECT_EQ(find_in("kerry -lavrov", s), 1u);
}

TEST(SentenceFinder, FallsBackToMostWordsWhenTheMatchSpansSentences) {
    auto s = body({"Kerry arrived.", "Rome hosted Kerry and Fabius.", "Fabius spoke."});
    EXPECT_EQ(find_in("kerry rome fabius italy", s), 1u);
}

TEST(SentenceFinder, WildcardsMatchTheirExpansion) {
    auto s = body({"Nothing here.", "The caliphate grows."});
    EXPECT_EQ(find_in("calip*", s), 1u);
    EXPECT_EQ(find_in("calip* OR nonexistentword", s), 1u);
}

TEST(SentenceFinder, TitleFieldQueriesFindTheTitle) {
    std::vector<Sentence> s = {{SentencePart::Body, "Kerry in the body."},
                               {SentencePart::Title, "Kerry in the title"}};
    EXPECT_EQ(find_in("title:kerry", s), 1u);
}

TEST(SentenceFinder, OrAndFilterAreDecidedByTheTermsEachSentenceHolds) {
    // Queries of plain terms need no matcher; the answers must be the
    // matcher's: an OR is met by either word, an AND only by both, and a
    // boolean filter (a fact of the whole version) by every sentence.
    auto s = titled("Talks resume", {"Nothing here.", "Lavrov arrived.", "Kerry met Lavrov."});
    EXPECT_EQ(finder_like_search("kerry OR lavrov").find(s), 3u);
    EXPECT_EQ(finder_like_search("kerry OR arrived").find(s), 2u);
    EXPECT_EQ(finder_like_search("kerry AND arrived").find(s), 2u);  // spans: most terms
    EXPECT_EQ(find_in("lavrov AND NOT kerry", s), 2u);
    // Under the filter, the sentence holding most terms does not match and
    // one holding fewer does: without the filter's term it would fall back
    // to the former.
    Xapian::Stem stemmer("en");
    Xapian::Query words(Xapian::Query::OP_OR,
                        Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zkerri"),
                                      Xapian::Query("Zlavrov")),
                        Xapian::Query("Zfabius"));
    Xapian::Query filtered(Xapian::Query::OP_FILTER, words, Xapian::Query("Hbbc"));
    auto t = body({"Kerry left.", "Lavrov and Kerry.", "Fabius spoke."});
    t[1].text = "Kerry and Rome, then Lavrov";  // holds both: matches
    EXPECT_EQ(SentenceFinder(filtered, stemmer).find(t), 1u);
    t[1].text = "Kerry and Rome.";  // holds one, like the others
    t[0].text = "Kerry, Rome and Kerry.";
    EXPECT_EQ(SentenceFinder(filtered, stemmer).find(t), 2u);
}

TEST(SentenceFinder, AFinderReusesEachSentencesAnswerAcrossVersions) {
    // The second version repeats the first's sentences: answered from what
    // the first taught, they must come out the same.
    SentenceFinder finder = finder_like_search("\"met lavrov\" OR arrived");
    auto first = titled("Talks", {"Lavrov arrived.", "Kerry met Lavrov."});
    auto second = titled("Talks", {"Kerry met Lavrov.", "Lavrov arrived."});
    EXPECT_EQ(finder.find(first), 1u);
    EXPECT_EQ(finder.find(second), 1u);
    EXPECT_EQ(finder.find(titled("Talks", {"Nobody met Lavrov."})), 1u);
}

TEST(SentenceFinder, NothingToSearchGivesNothing) {
    EXPECT_EQ(find_in("kerry", {}), std::nullopt);
    EXPECT_EQ(find_in("absent", body({"One.", "Two."})), 0u);
}

// A version as the indexer stores it, for find(version, db): the
// database's words tell which sentences can hold a query term.
class IndexedVersion : public ::testing::Test {
  protected:
    // Adds a version (title, body sentences, record language) and returns it.
    const newsindex::schema::VersionRecord& add(const std::string& title, const Sentences& body,
                                                const std::string& language = "en") {
        std::string text;
        for (const auto& s : body) text += s + " ";
        return add_text(title, text, language);
    }

    // The same with the body as given (lines are paragraphs).
    const newsindex::schema::VersionRecord& add_text(const std::string& title,
                                                     const std::string& text,
                                                     const std::string& language = "en") {
        newsindex::schema::VersionRecord record;
        record.article = {"bbc", "bbc:" + std::to_string(records_.size())};
        record.article_id = record.article.identity;
        record.url = "https://www.bbc.co.uk/news/" + std::to_string(records_.size());
        record.captured_at = 1'600'000'000;
        record.title = title;
        record.text = text;
        record.language = language;
        record.revision = 1;
        record.last_seen = record.captured_at;
        adder_.add(builder_.build(record, {record.captured_at, 0}));
        adder_.write_words();
        records_.push_back(record);
        return records_.back();
    }

    // The sentence found through the document's terms; checked against the
    // finder that indexes every sentence it reads.
    std::string found(const std::string& query, const std::string& language = "en") {
        return found_by(finder_like_search(query, language), query, records_.size() - 1, language);
    }

    // The same for version `i` by `finder`, which may have read others.
    std::string found_by(const SentenceFinder& finder, const std::string& query, std::size_t i,
                         const std::string& language = "en") {
        std::string answer = finder.find(records_[i], db_);
        EXPECT_EQ(answer, finder_like_search(query, language).find(records_[i])) << query;
        return answer;
    }

    // On disk: Xapian's in-memory backend has no synonym table.
    newsindex::testing::ScratchDir dir_;
    Xapian::WritableDatabase db_{(dir_ / "db").string(), Xapian::DB_CREATE};
    newsindex::indexer::DocumentBuilder builder_{"en"};
    newsindex::indexer::VersionAdder adder_{db_};
    std::vector<newsindex::schema::VersionRecord> records_;
};

// Sentences that only lead up to the match: past the first, the finder
// passes over those that cannot hold a query term.
const Sentences kLeadIn = {"Rain fell all day.", "Roads were shut.", "Schools closed early.",
                           "Trains stopped running.", "Shops stayed dark.", "Crowds waited."};

Sentences then(const Sentences& more) {
    Sentences out = kLeadIn;
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

TEST_F(IndexedVersion, AStemIsFoundUnderEachOfTheVersionsSpellings) {
    add("Storm day", then({"Three cities flooded.", "The city mourned."}));
    EXPECT_EQ(found("city"), "Three cities flooded.");
    EXPECT_EQ(found("mourning"), "The city mourned.");
    EXPECT_EQ(found("\"the city\""), "The city mourned.");
}

TEST_F(IndexedVersion, WordsTheIndexerJoinsOrLowersAreFound) {
    add("Storm day", then({"The U.S. sent aid.", "Biden’s visit was brief.", "AT&T lines fell.",
                           "Losses passed 1,000 homes."}));
    EXPECT_EQ(found("us"), "The U.S. sent aid.");
    EXPECT_EQ(found("biden's"), "Biden’s visit was brief.");
    EXPECT_EQ(found("at&t"), "AT&T lines fell.");
    EXPECT_EQ(found("1,000"), "Losses passed 1,000 homes.");
}

TEST_F(IndexedVersion, TitleWordsAndQueriesThatMatchWithoutTermsKeepTheirAnswer) {
    add("Mourning in the city", then({"Three cities flooded."}));
    EXPECT_EQ(found("title:mourning"), "Mourning in the city");
    EXPECT_EQ(found("cit*"), "Mourning in the city");
    EXPECT_EQ(found("floods -rain"), "Three cities flooded.");
    EXPECT_EQ(found("absent"), "Mourning in the city");
}

TEST_F(IndexedVersion, AVersionStemmedInAnotherLanguageGivesTheSameAnswer) {
    add("Sturm", then({"Die Häuser standen leer.", "Ein Haus brannte."}), "de");
    // German stems "Häuser" as "Haus": the first sentence holds the stem.
    EXPECT_EQ(found("haus", "de"), "Die Häuser standen leer.");
    EXPECT_EQ(found("\"ein haus\"", "de"), "Ein Haus brannte.");
    EXPECT_EQ(found("häuser", "de"), "Die Häuser standen leer.");
}

TEST_F(IndexedVersion, SpellingsWhoseStemStartsOtherwiseAreFoundToo) {
    // German stems "Äpfel" to "apfel": the database lists both words under
    // that stem, though one of them does not start with it.
    add("Ernte", then({"Die Äpfel fielen.", "Ein Apfel fiel."}), "de");
    EXPECT_EQ(found("apfel", "de"), "Die Äpfel fielen.");
    add("Ernte", then({"Ein Apfel fiel.", "Die Äpfel fielen."}), "de");
    EXPECT_EQ(found("äpfel", "de"), "Ein Apfel fiel.");
}

TEST_F(IndexedVersion, AFinderReadsAStemsWordsAgainAtEachRevision) {
    // The words the database lists under a stem are read once per revision:
    // "city" comes with the second.
    add("Storm day", then({"Three cities flooded."}));
    db_.commit();
    SentenceFinder finder = finder_like_search("cities");
    EXPECT_EQ(found_by(finder, "cities", 0), "Three cities flooded.");
    add("Storm day", then({"Cities wept.", "The city mourned."}));
    add("Storm day", then({"The city mourned."}));
    db_.commit();
    EXPECT_EQ(found_by(finder, "cities", 1), "Cities wept.");
    EXPECT_EQ(found_by(finder, "cities", 2), "The city mourned.");
}

TEST_F(IndexedVersion, AStemListsTheWordsOfItsLanguagesVersionsOnly) {
    // English stems "houses" and "housing" to "hous", German only "houses":
    // the English reading finds "housing" in the English version; the
    // German reading, which judges the German version, does not.
    add("Storm", then({"The housing stood.", "Two houses burned."}), "en");
    add("Sturm", then({"Das housing stand.", "Die houses brannten."}), "de");
    EXPECT_EQ(found_by(finder_like_search("houses"), "houses", 0), "The housing stood.");
    EXPECT_EQ(found_by(finder_like_search("houses", "de"), "houses", 1, "de"),
              "Die houses brannten.");
}

TEST_F(IndexedVersion, ParagraphsWithoutAQueryTermArePassedOverWhole) {
    // One paragraph per line; the match is paragraphs in. A paragraph is
    // passed over unsplit only when none of its sentences could hold a
    // query term, so the answers are those of reading every sentence.
    add_text("Storm day",
             "Rain fell all day. Roads were shut.\nSchools closed early. Trains stopped.\n"
             "Shops stayed dark.\n\nCrowds waited. Three cities flooded.\n"
             "The city mourned. Help came.\nHerds fled the rein. Deer hid.");
    EXPECT_EQ(found("city"), "Three cities flooded.");
    EXPECT_EQ(found("\"the city\""), "The city mourned.");
    EXPECT_EQ(found("help"), "Help came.");
    EXPECT_EQ(found("mourned AND waited"), "Crowds waited.");
    // Across a full stop: the paragraph holds "reindeer", no sentence does.
    EXPECT_EQ(found("reindeer"), "Storm day");
    EXPECT_EQ(found("absent"), "Storm day");
}
