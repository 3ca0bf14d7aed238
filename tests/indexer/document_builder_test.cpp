// The terms, positions, data and values of the document built for a version,
// and the synonym-table entries of its words' stems.
#include "indexer/document_builder.h"

#include "schema/stored_version.h"
#include "schema/terms.h"
#include "schema/url.h"
#include "schema/values.h"
#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <set>

namespace newsindex::indexer {
namespace {

namespace prefix = schema::prefix;

schema::VersionRecord sample_record() {
    schema::VersionRecord record;
    record.article = {"bbc", "bbc:floods-2020"};
    record.article_id = "bbc:floods-2020";
    record.url = "https://www.bbc.co.uk/news/uk-123?utm_source=twitter";
    record.captured_at = 1'600'000'000;
    record.sequence = 3;
    record.title = "Floods hit the valley";
    record.summary = "Heavy rain overnight";
    record.text = "Rescuers were searching the flooded villages";
    record.author = "Jane Doe";
    record.language = "en";
    record.revision = 2;
    record.last_seen = 1'600'000'500;
    record.superseded_at = 1'600'001'000;
    record.content_hash = schema::content_hash(record.title, record.summary, record.text);
    return record;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    std::set<std::string> terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
    return terms;
}

std::vector<Xapian::termpos> positions(const Xapian::Document& doc, const std::string& term) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(term);
    if (it == doc.termlist_end() || *it != term) return {};
    return {it.positionlist_begin(), it.positionlist_end()};
}

std::string with(std::string_view prefix, std::string_view value) {
    return std::string(prefix) + std::string(value);
}

// Number of matches of `query` in a one-document in-memory database.
Xapian::doccount matches(const Xapian::Document& doc, const Xapian::Query& query) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return enquire.get_mset(0, 10).size();
}

// A word of a free-text field: the word alone (summary, body) or after the
// title or author prefix.
bool is_word_term(const std::string& term) {
    for (std::string_view field : {std::string_view{}, prefix::kTitle, prefix::kAuthor}) {
        if (term.size() > field.size() && term.starts_with(field) &&
            !std::isupper(static_cast<unsigned char>(term[field.size()]))) {
            return true;
        }
    }
    return false;
}

// The synonym-table entries a build offers, as "key=term".
std::set<std::string> new_words(const BuiltVersion& built) {
    std::set<std::string> out;
    for (const WordForm& word : built.new_words) out.insert(word.key + "=" + word.term);
    return out;
}

std::set<std::string> filter_terms_of(const Xapian::Document& doc) {
    std::set<std::string> filters;
    for (const std::string& term : terms_of(doc)) {
        if (!is_word_term(term)) filters.insert(term);
    }
    return filters;
}

TEST(DocumentBuilder, FiltersAreBooleanTermsUnderTheSchemaPrefixesAndTheIdASlot) {
    schema::VersionRecord record = sample_record();
    DocumentBuilder builder("en");
    Xapian::Document doc = builder.build(record, VersionId{1'599'999'000, 1}).document;
    // These and no others: nothing that repeats another term or a slot.
    EXPECT_EQ(filter_terms_of(doc),
              (std::set<std::string>{with(prefix::kSource, "bbc"),
                                     with(prefix::kArticle, record.article.digest_hex()),
                                     schema::url_term("https://www.bbc.co.uk/news/uk-123"),
                                     with(prefix::kHost, "bbc.co.uk"),
                                     with(prefix::kLanguage, "en")}));
    EXPECT_EQ(schema::read_version_id(doc), (VersionId{1'599'999'000, 1}));
    // Boolean terms carry no positions and no weight.
    EXPECT_TRUE(positions(doc, with(prefix::kSource, "bbc")).empty());
}

TEST(DocumentBuilder, AnArticleKnownByItsUrlHasNoUrlTermBesideItsArticleTerm) {
    schema::VersionRecord record = sample_record();
    record.article_id.clear();
    record.article.identity = schema::normalise_url(record.url);
    Xapian::Document doc = DocumentBuilder("en").build(record, VersionId{}).document;
    std::set<std::string> filters = filter_terms_of(doc);
    EXPECT_TRUE(filters.contains(with(prefix::kArticle, record.article.digest_hex())));
    EXPECT_FALSE(filters.contains(schema::url_term(record.article.identity)));
    EXPECT_TRUE(filters.contains(with(prefix::kHost, "bbc.co.uk")));
}

TEST(DocumentBuilder, TitleIsIndexedOnceUnderTheTitlePrefix) {
    Xapian::Document doc = DocumentBuilder("en").build(sample_record(), VersionId{}).document;
    std::set<std::string> terms = terms_of(doc);
    EXPECT_TRUE(terms.contains(with(prefix::kTitle, "floods")));
    EXPECT_TRUE(terms.contains(with(prefix::kTitle, "valley")));
    // Not a second time without the prefix: plain searches look under both.
    EXPECT_FALSE(terms.contains("floods"));
    EXPECT_FALSE(terms.contains("valley"));
    EXPECT_FALSE(terms.contains(with(prefix::kTitle, "rescuers")));  // body is not title
    EXPECT_TRUE(terms.contains("rescuers"));
    EXPECT_TRUE(terms.contains("heavy"));                            // summary
}

TEST(DocumentBuilder, StemsAreNoTermsButSynonymEntriesOfTheWordsNewToTheBuilder) {
    DocumentBuilder builder("en");
    BuiltVersion built = builder.build(sample_record(), VersionId{});
    for (const std::string& term : terms_of(built.document)) {
        EXPECT_FALSE(term.starts_with(schema::kStemMarker)) << term;
    }
    EXPECT_TRUE(terms_of(built.document).contains("searching"));
    // Each word under its field's stem key, title and author words too.
    std::set<std::string> words = new_words(built);
    EXPECT_TRUE(words.contains("Zen:flood=flooded"));
    EXPECT_TRUE(words.contains("Zen:search=searching"));
    EXPECT_TRUE(words.contains("ZSen:flood=Sfloods"));
    EXPECT_TRUE(words.contains("ZAen:jane=Ajane"));
    EXPECT_FALSE(words.contains("Zen:flood=Sfloods"));
    // Once per builder, until it forgets.
    EXPECT_TRUE(builder.build(sample_record(), VersionId{}).new_words.empty());
    builder.forget_words();
    EXPECT_EQ(new_words(builder.build(sample_record(), VersionId{})), words);
}

TEST(DocumentBuilder, OnlyWordsStartingWithALetterHaveAStem) {
    schema::VersionRecord record = sample_record();
    record.text = "In 2020 the 3rd flood came";
    std::set<std::string> words = new_words(DocumentBuilder("en").build(record, VersionId{}));
    EXPECT_TRUE(words.contains("Zen:flood=flood"));
    for (const std::string& word : words) {
        EXPECT_EQ(word.find("=2020"), std::string::npos) << word;
        EXPECT_EQ(word.find("=3rd"), std::string::npos) << word;
    }
}

TEST(DocumentBuilder, PhrasesMatchWithinAFieldButNotAcrossTwo) {
    schema::VersionRecord record = sample_record();
    record.summary.clear();
    Xapian::Document doc = DocumentBuilder("en").build(record, VersionId{}).document;
    std::vector<Xapian::termpos> flooded = positions(doc, "flooded");
    std::vector<Xapian::termpos> villages = positions(doc, "villages");
    ASSERT_EQ(flooded.size(), 1u);
    ASSERT_EQ(villages.size(), 1u);
    EXPECT_EQ(villages[0], flooded[0] + 1);

    auto phrase = [](std::vector<std::string> words) {
        return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
    };
    EXPECT_EQ(matches(doc, phrase({"flooded", "villages"})), 1u);
    EXPECT_EQ(matches(doc, phrase({with(prefix::kTitle, "hit"), with(prefix::kTitle, "the"),
                                   with(prefix::kTitle, "valley")})),
              1u);
    // Last title word, first body word: adjacent in the text, not a phrase.
    std::vector<Xapian::termpos> valley = positions(doc, with(prefix::kTitle, "valley"));
    std::vector<Xapian::termpos> rescuers = positions(doc, "rescuers");
    ASSERT_EQ(valley.size(), 1u);
    ASSERT_EQ(rescuers.size(), 1u);
    EXPECT_GT(rescuers[0], valley[0] + 1);
}

TEST(DocumentBuilder, AuthorWordsAreIndexedUnderTheAuthorPrefixWithoutPositions) {
    Xapian::Document doc = DocumentBuilder("en").build(sample_record(), VersionId{}).document;
    std::set<std::string> terms = terms_of(doc);
    EXPECT_TRUE(terms.contains(with(prefix::kAuthor, "jane")));
    EXPECT_TRUE(terms.contains(with(prefix::kAuthor, "doe")));
    EXPECT_FALSE(terms.contains("jane"));
    EXPECT_TRUE(positions(doc, with(prefix::kAuthor, "jane")).empty());
}

TEST(DocumentBuilder, GermanRecordsAreStemmedInGerman) {
    schema::VersionRecord record = sample_record();
    record.title = "Die Häuser am Fluss";
    record.language = "de";
    // Title words: under the title prefix, stem keys "Z" + prefix + the
    // stem after its language.
    const std::string haeuser_as_haus = "ZSde:haus=Shäuser";
    BuiltVersion german = DocumentBuilder("en").build(record, VersionId{});
    EXPECT_TRUE(new_words(german).contains(haeuser_as_haus));
    EXPECT_TRUE(terms_of(german.document).contains(with(prefix::kTitle, "häuser")));
    EXPECT_TRUE(terms_of(german.document).contains(with(prefix::kLanguage, "de")));

    record.language = "de-AT";  // a regional tag stems as its language
    EXPECT_TRUE(new_words(DocumentBuilder("en").build(record, VersionId{})).contains(haeuser_as_haus));

    record.language = "en";
    std::set<std::string> english = new_words(DocumentBuilder("en").build(record, VersionId{}));
    EXPECT_FALSE(english.contains(haeuser_as_haus));
    EXPECT_TRUE(english.contains("ZSen:häuser=Shäuser"));

    // One builder, both languages: a word met in one is new in the other.
    DocumentBuilder both("en");
    both.build(record, VersionId{});
    record.language = "de";
    EXPECT_TRUE(new_words(both.build(record, VersionId{})).contains(haeuser_as_haus));
}

TEST(DocumentBuilder, RecordsWithoutAKnownLanguageUseTheDatabaseLanguage) {
    schema::VersionRecord record = sample_record();
    record.title = "Die Häuser am Fluss";
    for (std::string language : {"", "xx", "english"}) {
        record.language = language;
        BuiltVersion built = DocumentBuilder("de").build(record, VersionId{});
        EXPECT_TRUE(new_words(built).contains("ZSde:haus=Shäuser")) << language;
        std::set<std::string> terms = terms_of(built.document);
        EXPECT_TRUE(terms.contains(with(prefix::kLanguage, "de"))) << language;
        EXPECT_FALSE(terms.contains(with(prefix::kLanguage, language))) << language;
    }
}

TEST(DocumentBuilder, ZeroWidthCharactersInsideWordsDoNotSplitThem) {
    schema::VersionRecord record = sample_record();
    record.text = "Reu\u200Bters re\u200Cported fin\u2060ancial losses";
    Xapian::Document doc = DocumentBuilder("en").build(record, VersionId{}).document;
    std::set<std::string> terms = terms_of(doc);
    EXPECT_TRUE(terms.contains("reuters"));
    EXPECT_TRUE(terms.contains("reported"));
    EXPECT_TRUE(terms.contains("financial"));
    EXPECT_FALSE(terms.contains("reu"));
    EXPECT_FALSE(terms.contains("ters"));
    EXPECT_FALSE(terms.contains("ancial"));
    // The stored text keeps the characters: only the index ignores them.
    EXPECT_EQ(schema::read_stored_version(doc).text, record.text);
}

TEST(DocumentBuilder, UrlTermsHaveAFixedSizeHowLongTheUrl) {
    schema::VersionRecord record = sample_record();
    record.url = "https://example.com/" + std::string(400, 'a');
    record.article_id = "example:" + std::string(400, 'b');
    record.article.identity = record.article_id;
    Xapian::Document doc = DocumentBuilder("en").build(record, VersionId{}).document;

    std::string url_term = schema::url_term(record.url);
    std::set<std::string> terms = terms_of(doc);
    EXPECT_TRUE(terms.contains(url_term));
    for (const std::string& term : terms) EXPECT_LE(term.size(), schema::kMaxTermBytes) << term;
    EXPECT_EQ(url_term.size(), prefix::kUrl.size() + 16);

    newsindex::testing::ScratchDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    EXPECT_NO_THROW(db.add_document(doc));
    db.commit();
    EXPECT_EQ(db.get_termfreq(url_term), 1u);
}

TEST(DocumentBuilder, StoredDataAndValuesReadBackAsTheRecord) {
    schema::VersionRecord record = sample_record();
    Xapian::Document doc = DocumentBuilder("en").build(record, VersionId{}).document;
    schema::VersionRecord back = schema::read_stored_version(doc);
    EXPECT_EQ(back.title, record.title);
    EXPECT_EQ(back.text, record.text);
    EXPECT_EQ(back.article.identity, record.article.identity);
    EXPECT_EQ(back.captured_at, record.captured_at);
    EXPECT_EQ(back.sequence, 3);
    EXPECT_EQ(back.revision, 2u);
    EXPECT_EQ(back.last_seen, record.last_seen);
    EXPECT_EQ(back.superseded_at, record.superseded_at);
    EXPECT_EQ(back.content_hash, record.content_hash);
    EXPECT_EQ(doc.get_value(schema::slot::kArticle), schema::encode_digest(record.article.digest()));
}

}  // namespace
}  // namespace newsindex::indexer
