#include "indexer/version_adder.h"

#include "indexer/document_builder.h"
#include "schema/languages.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>

namespace newsindex::indexer {
namespace {

schema::VersionRecord record_with(const std::string& title, const std::string& text) {
    schema::VersionRecord record;
    record.article = {"bbc", "bbc:floods-2020"};
    record.article_id = "bbc:floods-2020";
    record.captured_at = 1'600'000'000;
    record.title = title;
    record.text = text;
    record.language = "en";
    record.revision = 1;
    record.last_seen = record.captured_at;
    return record;
}

std::set<std::string> synonyms(const Xapian::Database& db, const std::string& key) {
    return {db.synonyms_begin(key), db.synonyms_end(key)};
}

TEST(VersionAdder, AddedVersionsListTheirWordsUnderTheirStemsOnce) {
    newsindex::testing::ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    VersionAdder adder(db);
    DocumentBuilder builder("en");
    adder.add(builder.build(record_with("Floods hit the valley",
                                        "Rescuers were searching the flooded villages"),
                            VersionId{}));
    adder.write_words();
    db.commit();
    schema::VersionRecord later = record_with("Floods", "Rescuers searched the flood plain");
    adder.add(builder.build(later, VersionId{}));
    // Builders that never met them offer them again, in this batch and the
    // last: nothing is doubled.
    adder.add(DocumentBuilder("en").build(later, VersionId{}));
    adder.add(DocumentBuilder("en").build(later, VersionId{}));
    adder.write_words();
    db.commit();
    EXPECT_EQ(db.get_doccount(), 4u);
    EXPECT_EQ(synonyms(db, "Zen:flood"), (std::set<std::string>{"flood", "flooded"}));
    EXPECT_EQ(synonyms(db, "Zen:search"), (std::set<std::string>{"searched", "searching"}));
    EXPECT_EQ(synonyms(db, "ZSen:flood"), (std::set<std::string>{"Sfloods"}));

    // What a stemmed query word looks up (QueryParser, FLAG_AUTO_SYNONYMS).
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(schema::language_stemmer("en"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(
        "floods", Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 4u);
    enquire.set_query(parser.parse_query(
        "\"floods\"", Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);  // a phrase is exact
}

TEST(VersionAdder, DocumentsGoInAtOnceAndTheirWordsWhenWritten) {
    newsindex::testing::ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    VersionAdder adder(db);
    DocumentBuilder builder("en");
    Xapian::docid first = adder.add(builder.build(record_with("Floods", "Rain"), VersionId{}));
    EXPECT_EQ(first, 1u);
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_TRUE(synonyms(db, "ZSen:flood").empty());
    adder.write_words();
    EXPECT_EQ(synonyms(db, "ZSen:flood"), (std::set<std::string>{"Sfloods"}));

    // Discarded words are never written, even by a later write_words().
    builder.forget_words();
    EXPECT_EQ(adder.add(builder.build(record_with("Storms", "Thunder"), VersionId{})), 2u);
    adder.discard();
    adder.write_words();
    EXPECT_TRUE(synonyms(db, "ZSen:storm").empty());
    EXPECT_TRUE(synonyms(db, "Zen:thunder").empty());
    EXPECT_EQ(synonyms(db, "ZSen:flood"), (std::set<std::string>{"Sfloods"}));
}

}  // namespace
}  // namespace newsindex::indexer
