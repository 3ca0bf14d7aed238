#include "schema/database_format.h"
#include "schema/languages.h"
#include "schema/slot_stream.h"
#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/values.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include <limits>
#include <vector>

using namespace newsindex::schema;

TEST(StemKey, AWordOfAFreeTextFieldIsKeyedByItsStemInThatField) {
    Xapian::Stem english = language_stemmer("en");
    EXPECT_EQ(stem_key(std::string_view("S"), "en:flood"), "ZSen:flood");
    EXPECT_EQ(stem_key("floods", english), "Zen:flood");
    EXPECT_EQ(stem_key("Sfloods", english), "ZSen:flood");
    EXPECT_EQ(stem_key("Ajane", english), "ZAen:jane");
    // Each language's stems are keys of their own.
    EXPECT_EQ(stem_key("Shäuser", language_stemmer("de")), "ZSde:haus");
    EXPECT_EQ(stem_key("Shäuser", english), "ZSen:häuser");
    EXPECT_EQ(bare_stem("de:haus"), "haus");
    // A language Xapian cannot stem has no stems.
    EXPECT_TRUE(language_stemmer("xx").is_none());
    EXPECT_EQ(stem_key("floods", language_stemmer("xx")), std::nullopt);
    // Filters, and words Xapian does not stem (not starting with a letter).
    EXPECT_EQ(stem_key("XSbbc", english), std::nullopt);
    EXPECT_EQ(stem_key("Len", english), std::nullopt);
    EXPECT_EQ(stem_key("2020", english), std::nullopt);
    EXPECT_EQ(stem_key("S3rd", english), std::nullopt);
}

TEST(StemmingLanguages, OnlyGermanCapitalisesItsNouns) {
    EXPECT_TRUE(capitalises_nouns("de"));
    EXPECT_TRUE(capitalises_nouns("de-AT"));
    EXPECT_FALSE(capitalises_nouns("en"));
    EXPECT_FALSE(capitalises_nouns("fr"));
    EXPECT_EQ(primary_language("DE_at"), "de");
}

TEST(StemmingLanguages, ARecordIsStemmedInItsOwnLanguageIfXapianStemsItElseTheDatabases) {
    newsindex::schema::StemmingLanguages languages("de");
    EXPECT_EQ(languages.of("en"), "en");
    EXPECT_EQ(languages.of("EN-gb"), "en");  // the primary subtag, in lower case
    EXPECT_EQ(languages.of("fr_CA"), "fr");
    for (std::string unknown : {"", "xx", "english", "e", "nonesuch"}) {
        EXPECT_EQ(languages.of(unknown), "de") << unknown;
    }
    EXPECT_TRUE(newsindex::schema::has_stemmer("nl"));
    EXPECT_FALSE(newsindex::schema::has_stemmer("xx"));
    EXPECT_FALSE(newsindex::schema::has_stemmer("english"));
}

TEST(BoundedTerm, ShortValuesAreKeptVerbatim) {
    EXPECT_EQ(bounded_term(prefix::kSource, "bbc"), "XSbbc");
}

TEST(BoundedTerm, LongValuesAreCutAndHashedWithinXapiansLimit) {
    std::string url = "https://example.com/" + std::string(10000, 'a');
    std::string term = bounded_term(prefix::kUrl, url);
    EXPECT_LE(term.size(), kMaxTermBytes);
    EXPECT_EQ(term.rfind("XUhttps://example.com/", 0), 0u);
    EXPECT_EQ(term, bounded_term(prefix::kUrl, url));
    EXPECT_NE(term, bounded_term(prefix::kUrl, url + "b"));
}

TEST(BoundedTerm, NeverCutsAUtf8SequenceInHalf) {
    std::string value;
    for (int i = 0; i < 200; ++i) value += "\xC3\xA9";  // é
    std::string term = bounded_term(prefix::kUrl, value);
    std::string kept = term.substr(2, term.find('#') - 2);
    EXPECT_EQ(kept.size() % 2, 0u);
}

TEST(ContentHash, IgnoresWhitespaceDifferencesButNotWords) {
    EXPECT_EQ(content_hash("A  title", "sum", "body\n text"),
              content_hash(" A title ", "sum", "body text"));
    EXPECT_NE(content_hash("A title", "sum", "body text"),
              content_hash("A title", "sum", "body texts"));
    // Moving text from summary to body is a change.
    EXPECT_NE(content_hash("t", "a", "b"), content_hash("t", "", "a b"));
}

TEST(ArticleKey, DigestDependsOnSourceAndIdentity) {
    ArticleKey a{"bbc", "https://bbc.co.uk/news/1"};
    ArticleKey b{"cnn", "https://bbc.co.uk/news/1"};
    EXPECT_NE(a.digest(), b.digest());
    EXPECT_EQ(a.digest_hex().size(), 16u);
    EXPECT_EQ(a.digest(), (ArticleKey{"bbc", "https://bbc.co.uk/news/1"}).digest());
}

TEST(StoredVersion, RoundTripsEveryField) {
    VersionRecord r;
    r.article = {"nytimes", "https://www.nytimes.com/x.html"};
    r.article_id = "nyt-1";
    r.url = "http://www.nytimes.com/x.html#top";
    r.captured_at = 1454400000;
    r.sequence = 3;
    r.title = "Title";
    r.summary = "Summary";
    r.text = "Body text.";
    r.author = "A. Writer";
    r.language = "en";
    r.section = "world";
    r.published = 1454390000;
    r.revision = 2;
    r.last_seen = 1454410000;
    r.superseded_at = 1454420000;
    r.content_hash = content_hash(r.title, r.summary, r.text);

    Xapian::Document doc;
    write_stored_version(doc, r);
    VersionRecord back = read_stored_version(doc);
    EXPECT_EQ(back.article.source, r.article.source);
    EXPECT_EQ(back.article.identity, r.article.identity);
    EXPECT_EQ(back.article_id, r.article_id);
    EXPECT_EQ(back.url, r.url);
    EXPECT_EQ(back.captured_at, r.captured_at);
    EXPECT_EQ(back.sequence, r.sequence);
    EXPECT_EQ(back.title, r.title);
    EXPECT_EQ(back.summary, r.summary);
    EXPECT_EQ(back.text, r.text);
    EXPECT_EQ(back.author, r.author);
    EXPECT_EQ(back.language, r.language);
    EXPECT_EQ(back.section, r.section);
    EXPECT_EQ(back.published, r.published);
    EXPECT_EQ(back.revision, r.revision);
    EXPECT_EQ(back.last_seen, r.last_seen);
    EXPECT_EQ(back.superseded_at, r.superseded_at);
    EXPECT_EQ(back.content_hash, r.content_hash);
    EXPECT_EQ(decode_digest(doc.get_value(slot::kArticle)), r.article.digest());
}

TEST(StoredVersion, LatestRevisionSortsAfterEveryTime) {
    VersionRecord r;
    r.article = {"bbc", "x"};
    r.captured_at = 10;
    r.revision = 1;
    Xapian::Document doc;
    write_stored_version(doc, r);
    EXPECT_GT(doc.get_value(slot::kSupersededAt), encode_time(4102444800.0));  // year 2100
    EXPECT_FALSE(read_stored_version(doc).superseded_at.has_value());
}

TEST(StoredVersion, TheTimelineSlotFollowsTheSlotsItRepeats) {
    VersionRecord r;
    r.article = {"bbc", "x"};
    r.captured_at = 1454400000;
    r.sequence = 2;
    r.revision = 1;
    r.last_seen = r.captured_at;
    Xapian::Document doc;
    write_stored_version(doc, r);
    auto key = [&] { return decode_timeline_key(doc.get_value(slot::kTimeline)); };
    EXPECT_EQ(key(), (TimelineKey{r.article.digest(), 1, 1454400000, std::nullopt}));

    // A later revision arrived:
    write_version_state(doc, 2, 1454420000, {{1454400000, 2}, {1454410000, 2}}, {1454400000, 2});
    EXPECT_EQ(key(), (TimelineKey{r.article.digest(), 2, 1454400000, 1454420000}));
    // An earlier capture of the same text:
    write_version_state(doc, 2, 1454420000, {{1454300000, 1}, {1454400000, 2}, {1454410000, 2}},
                        {1454300000, 1});
    EXPECT_EQ(key(), (TimelineKey{r.article.digest(), 2, 1454300000, 1454420000}));
    EXPECT_EQ(read_sequence(doc), 1);
    EXPECT_EQ(read_last_seen(doc), 1454410000);
}

TEST(Captures, RoundTripInOrderAndARegularSeriesTakesOneEntry) {
    const std::int64_t lo = std::numeric_limits<std::int64_t>::min() / 4;
    for (const std::vector<CaptureStamp>& captures : std::vector<std::vector<CaptureStamp>>{
             {{1454400000, 0}},
             {{-5, 7}},
             {{lo, 0}, {0, -3}},
             {{100, 0}, {100, 1}, {100, 2}, {160, 0}, {220, 0}, {280, 0}, {281, 5}}}) {
        EXPECT_EQ(decode_captures(encode_captures(captures)), captures);
        EXPECT_EQ(first_capture(encode_captures(captures)), captures.front());
        EXPECT_EQ(last_capture(encode_captures(captures)), captures.back());
    }
    // A capture every five minutes for a year: one entry after the first.
    std::vector<CaptureStamp> year;
    for (std::int64_t t = 1704067200; t < 1704067200 + 365 * 86400; t += 300) year.push_back({t, 0});
    const std::string bytes = encode_captures(year);
    EXPECT_LE(bytes.size(), 16u);
    EXPECT_EQ(decode_captures(bytes), year);
}

TEST(Captures, BytesThatAreNotAWholeOrderedListAreRefusedAsDamage) {
    const std::string bytes = encode_captures({{1454400000, 0}, {1454400060, 0}});
    const std::size_t first_alone = encode_captures({{1454400000, 0}}).size();
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        if (cut == first_alone) continue;  // a whole list of the first capture alone
        EXPECT_THROW(decode_captures(bytes.substr(0, cut)), SchemaError) << cut;
    }
    // A second capture 0 s after the first with the same sequence: out of order.
    std::string repeated = encode_captures({{100, 0}});
    repeated += std::string("\x00\x00\x01", 3);
    EXPECT_THROW(decode_captures(repeated), SchemaError);
    // A run of a billion captures.
    std::string huge = encode_captures({{100, 0}});
    huge += std::string("\x01\x00\x80\x94\xeb\xdc\x03", 7);
    EXPECT_THROW(decode_captures(huge), SchemaError);
}

TEST(VersionId, RoundTripsAtEveryExtremeAndRefusesBytesThatAreNotOneWholeId) {
    const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    for (const VersionId& id : std::vector<VersionId>{
             {1454400000, 0}, {0, 0}, {-5, 7}, {lo, hi}, {hi, lo}}) {
        EXPECT_EQ(decode_version_id(encode_version_id(id)), id);
    }
    const std::string bytes = encode_version_id({1454400000, 3});
    EXPECT_EQ(bytes.size(), 6u);  // 5 bytes of time, 1 of sequence
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        EXPECT_THROW(decode_version_id(bytes.substr(0, cut)), SchemaError) << cut;
    }
    try {
        decode_version_id(bytes + '\0');
        ADD_FAILURE() << "a byte past the id was accepted";
    } catch (const SchemaError& e) {
        EXPECT_STREQ(e.what(),
                     "version id slot holds 1 bytes past its id; the database is damaged "
                     "(rebuild it with newsindex)");
    }
}

TEST(VersionId, IsShownAsDigestAtTimeDotSequenceAndIsRewrittenWithTheState) {
    EXPECT_EQ(version_id_text("00000000000000ab", {1454400000, 2}), "00000000000000ab@1454400000.2");
    VersionRecord r;
    r.article = {"bbc", "x"};
    r.captured_at = 1454400000;
    Xapian::Document doc;
    write_stored_version(doc, r);
    write_version_id(doc, {1454400000, 2});
    EXPECT_EQ(read_version_id(doc), (VersionId{1454400000, 2}));
    // An earlier capture of the same text: the version's first capture, its id.
    write_version_state(doc, 2, 1454420000, {{1454300000, 1}, {1454400000, 0}}, {1454300000, 1});
    EXPECT_EQ(read_version_id(doc), (VersionId{1454300000, 1}));
}

TEST(TimelineKey, RoundTripsAtEveryExtreme) {
    const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
    const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
    const std::vector<TimelineKey> keys = {
        {0xfedcba9876543210ULL, 70000, -5, 1454420000},
        {0, 0, 0, 0},
        {~0ULL, std::numeric_limits<std::uint32_t>::max(), lo, hi},
        {1, 1, hi, lo},
        {2, 3, 1454400000, std::nullopt},
        {2, 3, 1454400000, 1454400000},  // the next capture in the same second
    };
    for (const TimelineKey& key : keys) {
        EXPECT_EQ(decode_timeline_key(encode_timeline_key(key)), key);
    }
}

TEST(TimelineKey, ARevisionOfTodayTakesSixteenBytes) {
    // Digest 8, revision 1, captured_at 5, an hour later 2.
    EXPECT_EQ(encode_timeline_key({~0ULL, 2, 1454400000, 1454403600}).size(), 16u);
    EXPECT_EQ(encode_timeline_key({~0ULL, 2, 1454400000, std::nullopt}).size(), 15u);
}

TEST(TimelineKey, ArticleOrderKeysSortByArticleThenRevision) {
    // In order; the times must not count.
    const std::vector<TimelineKey> keys = {
        {1, 255, 9, std::nullopt}, {1, 256, 1, 2},      {1, 70000, 0, 0},
        {2, 1, 5, 6},              {0x100, 1, -5, -4}, {~0ULL, 1, 0, std::nullopt},
    };
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
        EXPECT_LT(article_order_key(keys[i]), article_order_key(keys[i + 1])) << i;
    }
    EXPECT_EQ(article_order_key({3, 4, 5, 6}), article_order_key({3, 4, 7, std::nullopt}));
    EXPECT_EQ(article_order_key({3, 4, 5, 6}).size(), 12u);
}

TEST(TimelineKey, RefusesBytesThatAreNotOneWholeKey) {
    const std::string bytes = encode_timeline_key({7, 300, 1454400000, 1454403600});
    EXPECT_THROW(decode_timeline_key(bytes.substr(0, 7)), SchemaError);  // no whole digest
    for (std::size_t cut = 8; cut < bytes.size(); ++cut) {
        EXPECT_THROW(decode_timeline_key(bytes.substr(0, cut)), SchemaError) << cut;
    }
    EXPECT_THROW(decode_timeline_key(bytes + '\0'), SchemaError);
    // A number of eleven bytes runs past 64 bits.
    EXPECT_THROW(decode_timeline_key(std::string(8, 'a') + std::string(10, '\xff') + '\1'),
                 SchemaError);
    // Ten bytes whose last holds bits past the 64th.
    EXPECT_THROW(decode_timeline_key(std::string(8, 'a') + '\1' + std::string(9, '\xff') + '\x02' +
                                     '\0'),
                 SchemaError);
    // A revision past 32 bits.
    const std::string too_late = std::string(8, 'a') + std::string(4, '\xff') + '\x7f';
    EXPECT_EQ(decode_timeline_key(std::string(8, 'a') + '\x7f' + '\0' + '\0').revision, 127u);
    EXPECT_THROW(decode_timeline_key(too_late + '\0' + '\0'), SchemaError);
}

TEST(SlotStream, ReadsValuesAtIncreasingDocidsAndTellsMissingFromDamaged) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 1; i <= 5; ++i) {
        Xapian::Document doc;
        if (i != 3) doc.add_value(slot::kRevision, "v" + std::to_string(i));
        db.add_document(doc);
    }
    SlotStream stream(db, slot::kRevision);
    EXPECT_EQ(stream.at(1), "v1");
    EXPECT_EQ(stream.find(3), nullptr);
    ASSERT_NE(stream.find(4), nullptr);
    EXPECT_EQ(*stream.find(4), "v4");  // asking again for the same document
    try {
        SlotStream fresh(db, slot::kRevision);
        fresh.at(3);
        FAIL() << "a document without the value was read";
    } catch (const SchemaError& error) {
        EXPECT_STREQ(error.what(),
                     "document 3 has no value in slot 1; the database is damaged (rebuild it "
                     "with newsindex)");
    }
    EXPECT_EQ(stream.at(5), "v5");
    // Past the stream's end every document lacks the value.
    EXPECT_EQ(stream.find(6), nullptr);
    EXPECT_EQ(stream.find(7), nullptr);
    SlotStream empty(db, slot::kPublished);
    EXPECT_EQ(empty.find(1), nullptr);
}

TEST(StoredVersion, IdentityEqualToTheArticleIdIsStoredOnceAndReadBack) {
    VersionRecord record;
    record.article = {"bbc", "bbc:floods-2020"};
    record.article_id = "bbc:floods-2020";
    record.title = "Floods";
    Xapian::Document doc;
    write_stored_version(doc, record);
    EXPECT_EQ(doc.get_data().find("bbc:floods-2020"), doc.get_data().rfind("bbc:floods-2020"));
    VersionRecord back = read_stored_data(doc);
    EXPECT_EQ(back.article.identity, "bbc:floods-2020");
    EXPECT_EQ(back.article_id, "bbc:floods-2020");
}

TEST(StoredVersion, IdentityOtherThanTheArticleIdIsStoredAndReadBack) {
    VersionRecord record;
    record.article = {"bbc", "https://bbc.co.uk/news/1"};  // no article_id: the normalised URL
    record.url = "https://www.bbc.co.uk/news/1?at=rss";
    record.title = "Floods";
    Xapian::Document doc;
    write_stored_version(doc, record);
    VersionRecord back = read_stored_data(doc);
    EXPECT_EQ(back.article.identity, "https://bbc.co.uk/news/1");
    EXPECT_EQ(back.article_id, "");
    EXPECT_EQ(back.url, record.url);
}

namespace {

Xapian::Document with_data(const nlohmann::json& map) {
    std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(map);
    Xapian::Document doc;
    doc.set_data(std::string(packed.begin(), packed.end()));
    return doc;
}

}  // namespace

TEST(StoredVersion, KeysItDoesNotKnowAreSkippedWhateverTheyHold) {
    // A later schema may add fields, of any shape, beside ours.
    nlohmann::json map = {{std::string(field::kTitle), "Floods"},
                          {"zz", {{"t", "not the title"}, {"list", {1, "x", nullptr}}}},
                          {std::string(field::kText), "Rain fell."},
                          {"n", 42}};
    VersionRecord back = read_stored_data(with_data(map));
    EXPECT_EQ(back.title, "Floods");
    EXPECT_EQ(back.text, "Rain fell.");
    EXPECT_EQ(back.summary, "");
}

TEST(StoredVersion, DataThatIsNotOursIsAnErrorNamingTheProblem) {
    nlohmann::json wrong_type = {{std::string(field::kTitle), 7}};
    EXPECT_THROW(
        {
            try {
                read_stored_data(with_data(wrong_type));
            } catch (const std::runtime_error& e) {
                EXPECT_NE(std::string(e.what()).find("is not a string"), std::string::npos);
                throw;
            }
        },
        std::runtime_error);
    Xapian::Document garbage;
    garbage.set_data("\xde\x00\x05\xa1");  // a map of 5 entries, cut short
    EXPECT_THROW(read_stored_data(garbage), std::runtime_error);
    Xapian::Document trailing = with_data({{std::string(field::kTitle), "Floods"}});
    trailing.set_data(trailing.get_data() + "\xc0");  // a whole map, then a nil
    EXPECT_THROW(read_stored_data(trailing), std::runtime_error);
    Xapian::Document not_a_map;
    not_a_map.set_data("\xa1t");  // the string "t"
    EXPECT_THROW(read_stored_data(not_a_map), std::runtime_error);
}

TEST(StoredVersion, DataIsAMessagePackMapOfTheNonEmptyFieldsInKeyOrder) {
    VersionRecord record;
    record.article = {"bbc", "https://bbc.co.uk/news/1"};
    record.url = "https://www.bbc.co.uk/news/1?at=rss";
    record.title = "Floods";
    record.text = "Rain fell.";
    record.language = "en";
    Xapian::Document doc;
    write_stored_version(doc, record);
    const std::string data = doc.get_data();
    // Any MessagePack reader reads it: here nlohmann's, which keeps keys in order.
    nlohmann::json map = nlohmann::json::from_msgpack(data);
    EXPECT_EQ(map, nlohmann::json({{"k", "https://bbc.co.uk/news/1"},
                                   {"l", "en"},
                                   {"s", "bbc"},
                                   {"t", "Floods"},
                                   {"u", "https://www.bbc.co.uk/news/1?at=rss"},
                                   {"x", "Rain fell."}}));
    std::vector<std::uint8_t> in_key_order = nlohmann::json::to_msgpack(map);
    EXPECT_EQ(data, std::string(in_key_order.begin(), in_key_order.end()));
}

TEST(ArticleLookupTerms, HaveAFixedSizeAndDifferForDifferentValues) {
    std::string url(400, 'u');
    EXPECT_EQ(url_term(url).size(), prefix::kUrl.size() + 16);
    EXPECT_EQ(url_term(url), url_term(std::string(400, 'u')));
    EXPECT_NE(url_term(url), url_term(url + "v"));
    EXPECT_TRUE(url_term("a").starts_with(prefix::kUrl));
}

TEST(DatabaseFormat, RefusesAnotherSchemaVersionWithAClearMessage) {
    newsindex::testing::ScratchDir dir;
    std::string path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        stamp_schema(db, "en");
        db.commit();
    }
    EXPECT_NO_THROW(check_schema(Xapian::Database(path), path));
    {
        Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
        db.set_metadata(kMetaSchemaVersion, "999");
        db.commit();
    }
    try {
        check_schema(Xapian::Database(path), path);
        FAIL() << "schema 999 accepted";
    } catch (const SchemaError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 999"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
}

TEST(DatabaseFormat, EmptyUnstampedDatabaseIsAcceptedOnlyWhenAllowed) {
    newsindex::testing::ScratchDir dir;
    std::string path = (dir / "db").string();
    Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN).commit();
    EXPECT_THROW(check_schema(Xapian::Database(path), path), SchemaError);
    EXPECT_NO_THROW(check_schema(Xapian::Database(path), path, true));
}

TEST(DatabaseLocation, FlagThenEnvironmentThenDefault) {
    EXPECT_EQ(resolve_database_path(std::string("/x/db")), "/x/db");
    setenv(kDatabaseEnv, "/env/db", 1);
    EXPECT_EQ(resolve_database_path(std::nullopt), "/env/db");
    unsetenv(kDatabaseEnv);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    EXPECT_EQ(resolve_database_path(std::nullopt), "/xdg/newsindex/db");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/u", 1);
    EXPECT_EQ(resolve_database_path(std::nullopt), "/home/u/.local/share/newsindex/db");
}

TEST(PossessiveBases, APossessiveAlsoGivesItsWordAtTheSamePositionsAndNothingElseDoes) {
    Xapian::Document doc;
    Xapian::TermGenerator generator;
    generator.set_document(doc);
    generator.index_text("Donald Trump\u2019s plan", 1, std::string(prefix::kTitle));
    generator.increase_termpos();
    generator.index_text("Trump's administration. O'Brien don't. The bosses' cars.");
    generator.index_text_without_positions("Jane Doe's desk", 1, std::string(prefix::kAuthor));
    doc.add_boolean_term(std::string(prefix::kSource) + "x's");
    add_possessive_bases(doc);

    std::map<std::string, std::vector<Xapian::termpos>> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        terms[*it].assign(it.positionlist_begin(), it.positionlist_end());
    }
    EXPECT_EQ(terms.at("Strump"), terms.at("Strump's"));
    EXPECT_EQ(terms.at("Strump").size(), 1u);
    EXPECT_EQ(terms.at("trump"), terms.at("trump's"));
    EXPECT_EQ(terms.count("Adoe"), 1u);
    EXPECT_EQ(terms.count("o'brien"), 1u);
    EXPECT_EQ(terms.count("o"), 0u);
    EXPECT_EQ(terms.count("don"), 0u);
    EXPECT_EQ(terms.count("bosses"), 1u);  // TermGenerator drops a trailing apostrophe
    EXPECT_EQ(terms.count(std::string(prefix::kSource) + "x"), 0u);  // not a free-text field
}
